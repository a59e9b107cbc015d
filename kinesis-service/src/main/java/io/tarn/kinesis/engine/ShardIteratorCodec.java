package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Crypto;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shard iterators: opaque base64 strings that carry the stream (account, region, name,
 * incarnation), the shard, the position (a sequence number, at or after) and when they were
 * issued, authenticated with an HMAC so a client cannot forge or alter one. They expire 5
 * minutes of emulator time after issue, as AWS's do.
 */
final class ShardIteratorCodec {

    /** Where an iterator points: at or after {@code (millis, counter)} within the shard. */
    record Position(Namespace namespace, String stream, long incarnation, long shard, long millis, long counter,
            boolean inclusive, long issuedMillis) {}

    /** How AWS writes the times in ExpiredIteratorException's message: Java's Date.toString() in UTC. */
    private static final DateTimeFormatter AWS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;

    ShardIteratorCodec(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String encode(Position p) {
        byte[] account = p.namespace().account().getBytes(StandardCharsets.UTF_8);
        byte[] region = p.namespace().region().getBytes(StandardCharsets.UTF_8);
        byte[] stream = p.stream().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 3 + account.length + region.length + stream.length + 8 * 5 + 1 + MAC_BYTES);
        b.put(VERSION).put((byte) account.length).put(account).put((byte) region.length).put(region)
                .put((byte) stream.length).put(stream)
                .putLong(p.incarnation()).putLong(p.shard()).putLong(p.millis()).putLong(p.counter())
                .put((byte) (p.inclusive() ? 1 : 0)).putLong(p.issuedMillis());
        b.put(mac(b.array(), b.position()));
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** Decodes and checks an iterator; InvalidArgument when forged, ExpiredIterator when old. */
    Position decode(String iterator, long now) {
        Position p = parse(iterator);
        if (now - p.issuedMillis() > KinesisLimits.ITERATOR_TTL_MILLIS) {
            throw KinesisErrors.EXPIRED_ITERATOR.exception("Iterator expired. The iterator was created at time %s while right now it is %s "
                    + "which is further in the future than the tolerated delay of 300000 milliseconds.",
                    AWS_DATE.format(Instant.ofEpochMilli(p.issuedMillis())), AWS_DATE.format(Instant.ofEpochMilli(now)));
        }
        return p;
    }

    private Position parse(String iterator) {
        try {
            byte[] raw = Base64.getDecoder().decode(iterator);
            int body = raw.length - MAC_BYTES;
            if (body <= 0 || !MessageDigest.isEqual(mac(raw, body), Arrays.copyOfRange(raw, body, raw.length))) {
                throw invalid();
            }
            ByteBuffer b = ByteBuffer.wrap(raw, 0, body);
            if (b.get() != VERSION) {
                throw invalid();
            }
            String account = string(b);
            String region = string(b);
            String stream = string(b);
            return new Position(new Namespace(account, region), stream, b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                    b.get() == 1, b.getLong());
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw invalid();
        }
    }

    private static String string(ByteBuffer b) {
        byte[] s = new byte[b.get() & 0xFF];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] bytes, int length) {
        Mac mac = Crypto.hmacSha256();
        try {
            mac.init(key);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        mac.update(bytes, 0, length);
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }

    private static RuntimeException invalid() {
        return KinesisErrors.INVALID_ARGUMENT.exception("Invalid ShardIterator.");
    }
}
