package io.tarn.core.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * IAM's unique ids ({@code AIDA...} for users, {@code AROA...} for roles): derived from the ARN, so
 * an identity keeps its id across restarts, as one IAM identity keeps it for its lifetime.
 */
public final class UniqueIds {

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int LENGTH = 17;

    private UniqueIds() {}

    public static String user(String arn) {
        return "AIDA" + of(arn);
    }

    public static String role(String arn) {
        return "AROA" + of(arn);
    }

    private static String of(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                sb.append(ID_CHARS.charAt((digest[i] & 0xFF) % ID_CHARS.length()));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
