package io.tarn.glue.engine.classifier;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.orc.OrcProto;

/**
 * The built-in {@code orc} classifier: the schema and row count from the file's tail (the last
 * byte gives the PostScript's length, the PostScript the footer's), never its stripes. The tail is
 * parsed with ORC's own protobuf structures (orc-format), which need no Hadoop; a compressed
 * footer is unpacked with the JDK (ZLIB) or aircompressor (SNAPPY, LZ4, LZO, ZSTD, ORC 2's default).
 */
final class OrcClassifier {

    private static final byte[] MAGIC = {'O', 'R', 'C'};
    /** Enough for a typical PostScript and footer in one read. */
    private static final int TAIL_GUESS = 16 * 1024;
    private static final int MAX_FOOTER = 64 * 1024 * 1024;

    private OrcClassifier() {}

    static boolean hasMagic(byte[] head) {
        return head.length >= 3 && Arrays.equals(head, 0, 3, MAGIC, 0, 3);
    }

    static Optional<FileSchema> classify(SampledFile file) throws IOException {
        try {
            return read(file);
        } catch (IOException | DataFormatException | RuntimeException corrupt) {
            // RuntimeException: protobuf's InvalidProtocolBufferException is an IOException, but a
            // malformed tail can also fail as an index or argument error
            return Optional.empty();
        }
    }

    private static Optional<FileSchema> read(SampledFile file) throws IOException, DataFormatException {
        long size = file.size();
        if (size < 4) {
            return Optional.empty();
        }
        int tailLength = (int) Math.min(size, TAIL_GUESS);
        byte[] tail = file.readFully(size - tailLength, tailLength);
        int psLength = tail[tail.length - 1] & 0xff;
        if (psLength + 1 > tail.length) {
            return Optional.empty();
        }
        OrcProto.PostScript ps = OrcProto.PostScript.parseFrom(
                Arrays.copyOfRange(tail, tail.length - 1 - psLength, tail.length - 1));
        if (!"ORC".equals(ps.getMagic()) || ps.getFooterLength() <= 0 || ps.getFooterLength() > MAX_FOOTER) {
            return Optional.empty();
        }
        int footerLength = (int) ps.getFooterLength();
        long footerStart = size - 1 - psLength - footerLength;
        if (footerStart < 0) {
            return Optional.empty();
        }
        byte[] footerBytes = footerStart >= size - tailLength
                ? Arrays.copyOfRange(tail, (int) (footerStart - (size - tailLength)), tail.length - 1 - psLength)
                : file.readFully(footerStart, footerLength);
        int blockSize = ps.hasCompressionBlockSize() ? (int) Math.min(ps.getCompressionBlockSize(), MAX_FOOTER) : 256 * 1024;
        OrcProto.Footer footer = OrcProto.Footer.parseFrom(decompress(ps.getCompression(), blockSize, footerBytes));
        List<OrcProto.Type> types = footer.getTypesList();
        if (types.isEmpty() || types.get(0).getKind() != OrcProto.Type.Kind.STRUCT) {
            return Optional.empty();
        }
        OrcProto.Type root = types.get(0);
        List<FileSchema.Column> columns = new ArrayList<>();
        for (int i = 0; i < root.getSubtypesCount(); i++) {
            columns.add(new FileSchema.Column(root.getFieldNames(i).toLowerCase(Locale.ROOT),
                    hiveType(types, root.getSubtypes(i))));
        }
        long rows = footer.getNumberOfRows();
        return Optional.of(new FileSchema("orc", "none", List.copyOf(columns),
                StorageFormats.ORC_INPUT, StorageFormats.ORC_OUTPUT, StorageFormats.ORC_SERDE,
                Map.of("serialization.format", "1"), Map.of(),
                rows, rows > 0 ? Math.max(1, size / rows) : -1));
    }

    private static String hiveType(List<OrcProto.Type> types, int index) {
        OrcProto.Type t = types.get(index);
        return switch (t.getKind()) {
            case BOOLEAN -> "boolean";
            case BYTE -> "tinyint";
            case SHORT -> "smallint";
            case INT -> "int";
            case LONG -> "bigint";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case STRING -> "string";
            case BINARY -> "binary";
            case TIMESTAMP, TIMESTAMP_INSTANT -> "timestamp";
            case DATE -> "date";
            case DECIMAL -> "decimal(" + t.getPrecision() + "," + t.getScale() + ")";
            case VARCHAR -> "varchar(" + t.getMaximumLength() + ")";
            case CHAR -> "char(" + t.getMaximumLength() + ")";
            case LIST -> "array<" + hiveType(types, t.getSubtypes(0)) + ">";
            case MAP -> "map<" + hiveType(types, t.getSubtypes(0)) + "," + hiveType(types, t.getSubtypes(1)) + ">";
            case STRUCT -> {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < t.getSubtypesCount(); i++) {
                    fields.add(t.getFieldNames(i) + ":" + hiveType(types, t.getSubtypes(i)));
                }
                yield "struct<" + String.join(",", fields) + ">";
            }
            case UNION -> {
                List<String> members = new ArrayList<>();
                t.getSubtypesList().forEach(s -> members.add(hiveType(types, s)));
                yield "uniontype<" + String.join(",", members) + ">";
            }
            default -> "string";
        };
    }

    /** ORC's compressed streams: chunks behind a 3-byte little-endian header (length << 1 | original). */
    private static byte[] decompress(OrcProto.CompressionKind kind, int blockSize, byte[] bytes)
            throws IOException, DataFormatException {
        if (kind == OrcProto.CompressionKind.NONE) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
        int pos = 0;
        while (pos + 3 <= bytes.length) {
            int header = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8 | (bytes[pos + 2] & 0xff) << 16;
            int length = header >>> 1;
            pos += 3;
            if (length > bytes.length - pos) {
                throw new IOException("truncated ORC chunk");
            }
            if ((header & 1) == 1) {
                out.write(bytes, pos, length);
            } else {
                out.write(decompressChunk(kind, blockSize, Arrays.copyOfRange(bytes, pos, pos + length)));
            }
            pos += length;
        }
        return out.toByteArray();
    }

    /** One chunk, at most a compression block once unpacked (ORC's rule). */
    private static byte[] decompressChunk(OrcProto.CompressionKind kind, int blockSize, byte[] chunk)
            throws IOException, DataFormatException {
        Decompressor decompressor = switch (kind) {
            case ZLIB -> null;
            case SNAPPY -> new SnappyDecompressor();
            case LZ4 -> new Lz4Decompressor();
            case LZO -> new LzoDecompressor();
            case ZSTD -> new ZstdDecompressor();
            default -> throw new IOException("ORC compression " + kind + " is not read by Tarn's classifier");
        };
        if (decompressor == null) {
            return inflate(chunk);
        }
        byte[] out = new byte[blockSize];
        int n = decompressor.decompress(chunk, 0, chunk.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    private static byte[] inflate(byte[] chunk) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(chunk);
            ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length * 4);
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_FOOTER) {
                    throw new DataFormatException("ORC footer inflates past " + MAX_FOOTER + " bytes");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
