package io.tarn.kinesis.model;

/** A stream's status, as AWS reports it. */
public enum StreamStatus {
    CREATING,
    DELETING,
    ACTIVE,
    UPDATING
}
