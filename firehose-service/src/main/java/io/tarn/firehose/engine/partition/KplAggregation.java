package io.tarn.firehose.engine.partition;

import com.squareup.wire.FieldEncoding;
import com.squareup.wire.ProtoReader;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The Kinesis Producer Library's aggregated record: the magic bytes {@code F3 89 9A C2}, a
 * protobuf {@code AggregatedRecord} ({@code partition_key_table = 1}, {@code explicit_hash_key_table = 2},
 * {@code records = 3}, each {@code Record} with its {@code data = 3}), and the MD5 of that protobuf.
 * Read with Wire's protobuf runtime.
 *
 * <p>As the KCL does, a record that only looks aggregated (no magic, a wrong MD5, a protobuf that
 * does not parse) is a plain record: {@link #userRecords} answers null and the caller keeps it whole.
 */
public final class KplAggregation {

    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_LENGTH = 16;
    private static final int RECORDS_FIELD = 3;
    private static final int RECORD_DATA_FIELD = 3;

    private KplAggregation() {}

    /** The user records inside a KPL aggregated record, or null when {@code record} is not one. */
    public static @Nullable List<byte[]> userRecords(byte[] record) {
        if (record.length < MAGIC.length + MD5_LENGTH || !Arrays.equals(record, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        byte[] message = Arrays.copyOfRange(record, MAGIC.length, record.length - MD5_LENGTH);
        byte[] digest = Arrays.copyOfRange(record, record.length - MD5_LENGTH, record.length);
        if (!MessageDigest.isEqual(md5(message), digest)) {
            return null;
        }
        try {
            return records(message);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<byte[]> records(byte[] message) throws IOException {
        ProtoReader reader = new ProtoReader(new Buffer().write(message));
        List<byte[]> out = new ArrayList<>();
        long token = reader.beginMessage();
        for (int tag; (tag = reader.nextTag()) != -1; ) {
            if (tag == RECORDS_FIELD && reader.peekFieldEncoding() == FieldEncoding.LENGTH_DELIMITED) {
                out.add(data(reader));
            } else {
                reader.skip();
            }
        }
        reader.endMessageAndGetUnknownFields(token);
        return out;
    }

    private static byte[] data(ProtoReader reader) throws IOException {
        byte[] data = null;
        long token = reader.beginMessage();
        for (int tag; (tag = reader.nextTag()) != -1; ) {
            if (tag == RECORD_DATA_FIELD) {
                data = reader.readBytes().toByteArray();
            } else {
                reader.skip();
            }
        }
        reader.endMessageAndGetUnknownFields(token);
        if (data == null) {
            throw new IOException("a KPL record without data");
        }
        return data;
    }

    static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
