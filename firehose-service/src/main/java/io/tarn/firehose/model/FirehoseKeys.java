package io.tarn.firehose.model;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;

/**
 * Every store key of the firehose keyspace, per account and region, built with {@code Key} tuples
 * {@code (account, region, "<tag>", ...)}; each family of keys is a block below naming its tag.
 */
public final class FirehoseKeys {

    private FirehoseKeys() {}

    // ---- "ds": delivery streams, (account, region, "ds", name) -> DeliveryStreamMeta (tags inside)

    /** Tag {@code "ds"}: every delivery stream of {@code ns}, in name order. */
    public static Key streams(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "ds");
    }

    /** Tag {@code "ds"}: one delivery stream. */
    public static Key stream(Namespace ns, String name) {
        return Key.of(ns.account(), ns.region(), "ds", name);
    }
}
