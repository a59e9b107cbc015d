package io.tarn.core.store;

/** The writes of one operation, committed atomically by {@link Keyspace#write} or {@link StateStore#write}. */
public interface Batch {

    /** Puts into the keyspace the batch was opened on. */
    Batch put(Key key, byte[] value);

    /** Puts a model record, encoded by {@link ModelCodec}. */
    default Batch put(Key key, Object model) {
        return put(key, model instanceof byte[] ? (byte[]) model : ModelCodec.encode(model));
    }

    Batch delete(Key key);

    /** Deletes every key from {@code from} (inclusive) to {@code to} (exclusive), as one tombstone. */
    Batch deleteRange(Key from, Key to);

    /** Deletes every key that starts with {@code prefix}. */
    default Batch deletePrefix(Key prefix) {
        return deleteRange(prefix, Key.fromRaw(prefix.prefixEnd()));
    }

    /** Puts into another keyspace in the same atomic batch. */
    Batch put(Keyspace keyspace, Key key, byte[] value);

    Batch delete(Keyspace keyspace, Key key);
}
