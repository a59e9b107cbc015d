package io.tarn.glue.engine.classifier;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The crawler's classification of one file, as AWS documents it ("Defining and managing
 * classifiers"): the custom classifiers first, in the crawler's order, the first certain one
 * (certainty 1.0) winning; then the built-in ones in AWS's order (Avro, ORC, Parquet, JSON, CSV),
 * each certain or not at all; failing both, the custom classifier of highest certainty above 0.0;
 * else nothing ({@code UNKNOWN}). Format libraries are only loaded when a file of their format is
 * met, so a server that never crawls never loads them.
 */
public final class Classifiers {

    private Classifiers() {}

    /**
     * The file's schema, or empty when no classifier recognises it (or it is empty). Bytes that are
     * not what they claim (a corrupt footer, a broken gzip stream) make a file unrecognised, never an
     * exception; an {@link IOException} is a failure to read the store (one met inside a Parquet,
     * ORC or Avro read cannot be told from corrupt bytes there, and leaves the file unrecognised).
     */
    public static Optional<FileSchema> classify(SampledFile file, List<CustomClassifierDefinition> custom)
            throws IOException {
        if (file.size() <= 0) {
            return Optional.empty();
        }
        byte[] head = file.readFully(0, (int) Math.min(file.size(), Compression.HEAD_BYTES));
        Compression compression = Compression.detect(file.key(), head);
        Sample sample = new Sample(file, compression);
        CustomClassifiers.Result best = null;
        for (CustomClassifierDefinition definition : custom) {
            Optional<TextSample> text = sample.get();
            if (text.isEmpty()) {
                break;
            }
            Optional<CustomClassifiers.Result> result = CustomClassifiers.classify(definition, text.get());
            if (result.isPresent() && result.get().certain()) {
                return Optional.of(result.get().schema());
            }
            if (result.isPresent() && (best == null || result.get().certainty() > best.certainty())) {
                best = result.get();
            }
        }
        Optional<FileSchema> builtIn = builtIn(file, head, compression, sample);
        if (builtIn.isPresent() || best == null) {
            return builtIn;
        }
        return Optional.of(best.schema());
    }

    private static Optional<FileSchema> builtIn(SampledFile file, byte[] head, Compression compression, Sample sample)
            throws IOException {
        if (compression == Compression.NONE) {
            if (AvroClassifier.hasMagic(head)) {
                return AvroClassifier.classify(file);
            }
            if (OrcClassifier.hasMagic(head)) {
                return OrcClassifier.classify(file);
            }
            if (ParquetClassifier.hasMagic(head)) {
                return ParquetClassifier.classify(file);
            }
        }
        Optional<TextSample> text = sample.get();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<FileSchema> json = JsonFileClassifier.classify(text.get(), file);
        return json.isPresent() ? json : CsvClassifier.classifyBuiltIn(text.get());
    }

    /** The text sample, read once when a classifier first needs it; empty when it cannot be decoded. */
    private static final class Sample {
        private final SampledFile file;
        private final Compression compression;
        private Optional<TextSample> text;

        Sample(SampledFile file, Compression compression) {
            this.file = file;
            this.compression = compression;
        }

        Optional<TextSample> get() throws IOException {
            if (text == null) {
                try {
                    text = Optional.of(TextSample.read(file, compression));
                } catch (IOException e) {
                    if (compression == Compression.NONE) {
                        throw e;
                    }
                    text = Optional.empty(); // a corrupt compressed stream
                }
            }
            return text;
        }
    }
}
