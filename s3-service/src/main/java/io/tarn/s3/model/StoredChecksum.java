package io.tarn.s3.model;

/**
 * An object's flexible checksum.
 *
 * @param algorithm {@code CRC32}, {@code CRC32C}, {@code SHA1}, {@code SHA256} or {@code CRC64NVME}
 * @param value base64, with {@code -N} for a composite checksum of N parts
 * @param type {@code FULL_OBJECT} or {@code COMPOSITE}
 */
public record StoredChecksum(String algorithm, String value, String type) {}
