package io.tarn.firehose.model;

/** A delivery stream's status, as DescribeDeliveryStream reports it. */
public enum DeliveryStreamStatus {
    CREATING,
    ACTIVE,
    DELETING
}
