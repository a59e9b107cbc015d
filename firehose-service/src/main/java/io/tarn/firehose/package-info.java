/**
 * Amazon Data Firehose over awsJson 1.1 (target prefix {@code Firehose_20150804}): delivery streams,
 * durable buffers and their delivery to S3 through {@code core.spi.ports.ObjectStorePort}.
 */
package io.tarn.firehose;
