package io.tarn.glue.engine.classifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A file held in memory that counts the bytes classifiers actually take from it. */
final class BytesFile implements SampledFile {

    private final String key;
    private final byte[] bytes;
    long bytesRead;

    BytesFile(String key, byte[] bytes) {
        this.key = key;
        this.bytes = bytes;
    }

    static BytesFile text(String key, String text) {
        return new BytesFile(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static BytesFile resource(String name) {
        try (InputStream in = BytesFile.class.getResourceAsStream(name)) {
            return new BytesFile("data/" + name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream read(long offset, long length) {
        int from = (int) Math.min(offset, bytes.length);
        int to = (int) Math.min(bytes.length, offset + length);
        return new ByteArrayInputStream(bytes, from, to - from) {
            @Override
            public synchronized int read() {
                int b = super.read();
                if (b >= 0) {
                    bytesRead++;
                }
                return b;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytesRead += n;
                }
                return n;
            }
        };
    }

    FileSchema classify() throws IOException {
        return classify(List.of()).orElseThrow(() -> new AssertionError(key + " was not classified"));
    }

    Optional<FileSchema> classify(List<CustomClassifierDefinition> custom) throws IOException {
        return Classifiers.classify(this, custom);
    }
}
