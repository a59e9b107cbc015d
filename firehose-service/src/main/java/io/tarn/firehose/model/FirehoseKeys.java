package io.tarn.firehose.model;

/**
 * Every store key of the firehose keyspace, per account and region, built with {@code Key} tuples
 * {@code (account, region, "<tag>", ...)}; each family of keys is a block below naming its tag.
 */
public final class FirehoseKeys {

    private FirehoseKeys() {}
}
