package io.tarn.core.spi.ports;

import io.tarn.core.spi.Namespace;

/**
 * What Amazon Data Firehose offers the other services: putting a record to a delivery stream in
 * process, as a PutRecord call does (S3 event notifications deliver through it). The put runs
 * Firehose's own checks: the stream must exist and be ACTIVE ({@code ResourceNotFoundException}),
 * take direct puts ({@code InvalidArgumentException} for a Kinesis-sourced one) and have quota
 * left ({@code ServiceUnavailableException}); errors are thrown as
 * {@link io.tarn.core.error.AwsException} with Firehose's codes.
 */
public interface DeliveryStreamPort {

    /**
     * Buffers {@code data} as one record of {@code streamName}; it is durable when this returns.
     *
     * @return the record's id, as PutRecord answers it
     */
    String putRecord(Namespace ns, String streamName, byte[] data);
}
