package io.tarn.kinesis.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A record's stored value: its partition key and data, the data encrypted under a stream data
 * key when {@code dataKeyId} is not 0. The arrival time and sequence number are in the key. A
 * compact binary layout (version, data key id, key length, key, data): records are written and
 * read hundreds of thousands of times a second, where a general codec would dominate.
 */
public record StoredRecord(String partitionKey, int dataKeyId, byte[] data) {

    private static final byte VERSION = 1;

    public byte[] encode() {
        byte[] key = partitionKey.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + 2 + key.length + data.length);
        out.put(VERSION).putInt(dataKeyId).putShort((short) key.length).put(key).put(data);
        return out.array();
    }

    /** The partition key and, without copying, the data of a stored value. */
    public record View(String partitionKey, int dataKeyId, java.nio.ByteBuffer data) {}

    /** Reads a stored value without copying its data (GetRecords hands it straight to the encoder). */
    public static View view(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown record version " + version);
        }
        int dataKeyId = in.getInt();
        int keyLength = Short.toUnsignedInt(in.getShort());
        String key = new String(value, in.position(), keyLength, StandardCharsets.UTF_8);
        int dataOffset = in.position() + keyLength;
        return new View(key, dataKeyId, ByteBuffer.wrap(value, dataOffset, value.length - dataOffset).slice());
    }

    public static StoredRecord decode(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown record version " + version);
        }
        int dataKeyId = in.getInt();
        int keyLength = Short.toUnsignedInt(in.getShort());
        String key = new String(value, in.position(), keyLength, StandardCharsets.UTF_8);
        int dataOffset = in.position() + keyLength;
        byte[] data = java.util.Arrays.copyOfRange(value, dataOffset, value.length);
        return new StoredRecord(key, dataKeyId, data);
    }
}
