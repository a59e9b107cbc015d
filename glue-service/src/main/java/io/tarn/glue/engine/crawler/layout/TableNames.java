package io.tarn.glue.engine.crawler.layout;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Table names as AWS's crawler makes them from a folder or file name: lower case, every character other
 * than a letter, digit or underscore replaced by {@code _} ({@code year=2017} gives {@code year_2017},
 * per "Creating a single schema for each Amazon S3 include path"; {@code sales.csv} gives
 * {@code sales_csv}), the crawler's TablePrefix in front; a name two tables of one crawl would share
 * gets a hash of the table's location as suffix ("If duplicate table names are encountered, the
 * crawler adds a hash string suffix to the name").
 */
final class TableNames {

    /** Glue's limit on a table name. */
    static final int MAX_LENGTH = 255;

    private TableNames() {}

    static String of(String prefix, String folderOrFileName) {
        String name = (prefix + folderOrFileName).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }

    /** {@code name} made unique by the MD5 of the table's location, in hex. */
    static String withHashSuffix(String name, String location) {
        String suffix = "_" + md5Hex(location);
        String base = name.length() + suffix.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH - suffix.length()) : name;
        return base + suffix;
    }

    private static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
