package io.tarn.kinesis.model;

import org.jspecify.annotations.Nullable;

/** An account's Kinesis settings: the minimum throughput billing commitment and when it started. */
public record AccountSettings(String commitmentStatus, @Nullable Long startedMillis, @Nullable Long endedMillis) {

    public static final AccountSettings DEFAULT = new AccountSettings("DISABLED", null, null);
}
