package io.tarn.glue.engine.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One output stream of a run's process copied to a file of bounded size: the first {@link #HEAD} bytes, then,
 * when there was more, a note of how much was left out and the last {@link #TAIL} bytes. The tail is kept in
 * memory as it goes, which is also where a failure's ErrorMessage (the last lines of stderr) comes from.
 */
final class BoundedLog {

    static final int HEAD = 1 << 20;
    static final int TAIL = 64 << 10;

    private final Path file;
    private final byte[] tail = new byte[TAIL];
    private long total;
    private long headWritten;

    BoundedLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Copies {@code in} until its end (the process closed it); then completes the file. */
    void copy(InputStream in) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int head = (int) Math.min(n, HEAD - headWritten);
                if (head > 0) {
                    out.write(buffer, 0, head);
                    out.flush();
                    headWritten += head;
                }
                remember(buffer, n);
            }
            long skipped = total - headWritten - Math.min(TAIL, total - headWritten);
            if (total > headWritten) {
                if (skipped > 0) {
                    out.write(String.format("%n[... %d bytes left out ...]%n", skipped).getBytes(StandardCharsets.UTF_8));
                }
                out.write(lastBytes((int) Math.min(TAIL, total - headWritten)));
            }
        }
    }

    private synchronized void remember(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            tail[(int) ((total + i) % TAIL)] = bytes[i];
        }
        total += n;
    }

    private synchronized byte[] lastBytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = tail[(int) ((total - n + i) % TAIL)];
        }
        return out;
    }

    /** The last {@code n} non-blank lines written, joined by new lines. */
    String lastLines(int n) {
        byte[] kept;
        synchronized (this) {
            kept = lastBytes((int) Math.min(TAIL, total));
        }
        List<String> lines = Arrays.stream(new String(kept, StandardCharsets.UTF_8).split("\\R")).filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
