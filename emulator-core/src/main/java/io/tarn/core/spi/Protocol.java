package io.tarn.core.spi;

/** The wire protocol family a service speaks; it decides the shape of errors the core raises. */
public enum Protocol {
    /** awsJson 1.0 / 1.1, and CBOR for the services that accept it. */
    JSON,
    /** Form-encoded requests, XML answers (STS, IAM). */
    QUERY,
    /** REST with XML bodies (S3). */
    REST_XML
}
