package io.tarn.s3.engine;

import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.checksum.Checksum;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Checks a body received whole (a configuration document, a DeleteObjects list) against the
 * Content-MD5 and flexible checksum its request declared, with the errors an upload gets from
 * {@link BodyWriter}.
 */
public final class BodyDigests {

    private BodyDigests() {}

    public static void verify(byte[] body, Integrity integrity) {
        String md5Header = integrity.contentMd5();
        if (md5Header != null) {
            byte[] expected = BodyWriter.decodeMd5(md5Header);
            byte[] actual = BodyWriter.digest("MD5").digest(body);
            if (!MessageDigest.isEqual(expected, actual)) {
                throw S3Errors.BAD_DIGEST.exception("The Content-MD5 you specified did not match what we received.")
                        .with("ExpectedDigest", md5Header).with("CalculatedDigest", Base64.getEncoder().encodeToString(actual));
            }
        }
        if (integrity.algorithm() != null && integrity.expectedChecksum() != null) {
            Checksum checksum = integrity.algorithm().newChecksum();
            checksum.update(ByteBuffer.wrap(body));
            if (!checksum.base64().equals(integrity.expectedChecksum().trim())) {
                throw S3Errors.BAD_DIGEST.exception("The %s you specified did not match the calculated checksum.",
                        integrity.algorithm().name());
            }
        }
    }
}
