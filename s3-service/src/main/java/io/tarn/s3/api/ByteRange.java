package io.tarn.s3.api;

import io.tarn.s3.S3Errors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A single byte range of a Range header ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}), as S3 reads it. */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range {@code header} asks of an object of {@code size} bytes; null when S3 ignores the
     * header (malformed, several ranges) and sends the whole object.
     */
    static @Nullable ByteRange parse(String header, long size) {
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) { // the last n bytes
                long n = Long.parseLong(m.group(2));
                if (n == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return new ByteRange(Math.max(0, size - n), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return null; // syntactically invalid: ignored
            }
            if (first >= size) {
                throw unsatisfiable(header, size); // also any range of an empty object
            }
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static RuntimeException unsatisfiable(String header, long size) {
        return S3Errors.INVALID_RANGE.exception("The requested range is not satisfiable")
                .with("RangeRequested", header.trim()).with("ActualObjectSize", Long.toString(size))
                .withHeader("content-range", "bytes */" + size);
    }
}
