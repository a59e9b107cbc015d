package io.tarn.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples as a newcomer meets them: every {@code sh} and {@code python} block, in
 * the order given, pasted into one shell in an empty directory, against a freshly started server
 * (its data dir {@code ./tarn-data}, with {@code --tls} for the TLS example; {@code localhost:4566}
 * becomes the test server's port). A block preceded by {@code <!-- ReadmeExamplesIT: skip ... -->}
 * is not run. And the Java examples are compiled sources: {@code src/test/java/TarnExample.java} here,
 * {@code MyTest.java} in the testing module (which runs it).
 */
class ReadmeExamplesIT {

    private static final Path README = Path.of("../README.md");
    private static final Path JAVA_EXAMPLE = Path.of("src/test/java/TarnExample.java");
    /** Compiled and run by the testing module's build. */
    private static final Path JUNIT_EXAMPLE = Path.of("../testing/src/test/java/MyTest.java");
    private static final String SKIP = "<!-- ReadmeExamplesIT: skip";

    @TempDir
    Path dir;

    @Test
    void shellAndPythonExamplesRunInOrderOnAFreshServer() throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.requireClient(Scripts.BOTO3, "python3 with boto3 is not installed");
        List<ReadmeBlock> blocks = ReadmeBlock.parse(Files.readString(README, StandardCharsets.UTF_8));
        List<ReadmeBlock> runnable = blocks.stream()
                .filter(b -> b.language().equals("sh") || b.language().equals("python"))
                .filter(b -> !b.precededBy().startsWith(SKIP))
                .toList();
        assertThat(runnable).extracting(ReadmeBlock::language).contains("sh", "python");

        try (TarnProcess tarn = TarnProcess.start(dir.resolve("tarn-data"), "--tls")) {
            String port = Integer.toString(tarn.endpoint().getPort());
            StringBuilder session = new StringBuilder("set -eo pipefail\nunset AWS_PROFILE AWS_ENDPOINT_URL\n");
            for (ReadmeBlock block : runnable) {
                String code = block.code().replace("localhost:4566", "localhost:" + port);
                session.append("echo '>>> README.md line ").append(block.line()).append("'\n");
                if (block.language().equals("python")) {
                    Path script = dir.resolve("readme-" + block.line() + ".py");
                    Files.writeString(script, code, StandardCharsets.UTF_8);
                    session.append("python3 ").append(script.getFileName()).append('\n');
                } else {
                    session.append(code).append('\n');
                }
            }
            session.append("echo README-OK\n");
            Path script = dir.resolve("readme-session.sh");
            Files.writeString(script, session, StandardCharsets.UTF_8);
            // The output names the README line of the block that broke (the last '>>>' line).
            Scripts.assertRuns(List.of("bash", "-c", "cd '" + dir + "' && bash readme-session.sh"), 480);
        }
    }

    @Test
    void theJavaExamplesAreCompiledSources() throws Exception {
        assertReadmeBlockIs("TarnExample", JAVA_EXAMPLE);
        assertReadmeBlockIs("MyTest", JUNIT_EXAMPLE);
    }

    @Test
    void theMavenCoordinatesNameTheSdkVersionTarnIsTestedWith() throws Exception {
        String pom = Files.readString(Path.of("../pom.xml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("<aws.sdk.version>([^<]+)</aws.sdk.version>").matcher(pom);
        assertThat(version.find()).as("aws.sdk.version in the parent pom").isTrue();
        List<String> sdkVersions = ReadmeBlock.parse(Files.readString(README, StandardCharsets.UTF_8)).stream()
                .filter(b -> b.language().equals("xml") && b.code().contains("software.amazon.awssdk"))
                .flatMap(b -> Pattern.compile("<version>([^<]+)</version>").matcher(b.code()).results().map(m -> m.group(1)))
                .toList();
        assertThat(sdkVersions).isNotEmpty().containsOnly(version.group(1));
    }

    private static void assertReadmeBlockIs(String className, Path source) throws Exception {
        List<ReadmeBlock> java = ReadmeBlock.parse(Files.readString(README, StandardCharsets.UTF_8)).stream()
                .filter(b -> b.language().equals("java") && b.code().contains("class " + className + " "))
                .toList();
        assertThat(java).as("README blocks declaring class %s", className).hasSize(1);
        assertThat(java.get(0).code())
                .as("the README's %s must be the text of %s, which the build compiles", className, source)
                .isEqualTo(Files.readString(source, StandardCharsets.UTF_8));
    }

    /**
     * A fenced code block of a Markdown file.
     *
     * @param line the line of its opening fence (1-based)
     * @param precededBy the last non-blank line before the fence
     */
    record ReadmeBlock(String language, String code, int line, String precededBy) {

        static List<ReadmeBlock> parse(String markdown) {
            List<ReadmeBlock> blocks = new ArrayList<>();
            String[] lines = markdown.split("\n", -1);
            String previous = "";
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (!line.startsWith("```")) {
                    if (!line.isBlank()) {
                        previous = line.trim();
                    }
                    continue;
                }
                int open = i;
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                    code.append(lines[i]).append('\n');
                }
                blocks.add(new ReadmeBlock(line.substring(3).trim(), code.toString(), open + 1, previous));
                previous = "";
            }
            return blocks;
        }
    }
}
