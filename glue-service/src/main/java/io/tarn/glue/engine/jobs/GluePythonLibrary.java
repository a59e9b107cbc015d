package io.tarn.glue.engine.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Tarn's {@code awsglue} Python package, shipped as resources and written out where runs put it on PYTHONPATH. */
final class GluePythonLibrary {

    private static final String RESOURCES = "/io/tarn/glue/python/awsglue/";
    private static final List<String> FILES = List.of("__init__.py", "utils.py", "bookmark.py");

    private GluePythonLibrary() {}

    /** Writes the package into {@code dir}/awsglue (again at each start, so an upgrade replaces it); answers {@code dir}. */
    static Path install(Path dir) {
        Path target = dir.resolve("awsglue");
        try {
            Files.createDirectories(target);
            for (String file : FILES) {
                try (InputStream in = GluePythonLibrary.class.getResourceAsStream(RESOURCES + file)) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource " + RESOURCES + file);
                    }
                    Files.copy(in, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the awsglue package to " + target, e);
        }
        return dir;
    }
}
