package io.tarn.s3.engine;

/**
 * S3 orders keys by their UTF-8 bytes, which is code point order; Java's {@code compareTo}
 * compares UTF-16 units and differs for characters above U+FFFF.
 */
final class Utf8Order {

    private Utf8Order() {}

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The smallest string after {@code s} in this order: {@code s} followed by U+0000. */
    static String successor(String s) {
        return s + '\0';
    }

    /** The smallest string after every string that starts with {@code prefix}: its last code point plus one. */
    static String successorOfPrefix(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1;
        if (next == Character.MIN_SURROGATE) {
            next = Character.MAX_SURROGATE + 1;
        }
        String head = prefix.substring(0, prefix.length() - Character.charCount(last));
        return head + new String(Character.toChars(Math.min(next, Character.MAX_CODE_POINT)));
    }
}
