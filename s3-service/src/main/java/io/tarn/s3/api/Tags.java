package io.tarn.s3.api;

import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.core.protocol.xml.XmlWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Tag sets: from the x-amz-tagging header or a Tagging document, checked against S3's rules, and written back. */
final class Tags {

    // "Tag restrictions": letters, numbers, spaces and + - = . _ : / @ in any language
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {}

    /** {@code k1=v1&k2=v2}, URL-encoded, as x-amz-tagging carries it. */
    static Map<String, String> fromHeader(String header, int max) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header.isEmpty()) {
            return tags;
        }
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            add(tags, k, v);
        }
        check(tags, max);
        return tags;
    }

    /** {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>}. */
    static Map<String, String> fromXml(byte[] body, int max) {
        S3XmlReader tagging = S3XmlReader.parse(body, "Tagging");
        S3XmlReader set = tagging.child("TagSet");
        if (set == null) {
            throw S3XmlReader.malformed();
        }
        return fromTagList(set, max);
    }

    /** The {@code <Tag>} children of a TagSet (or of CreateBucketConfiguration's Tags). */
    static Map<String, String> fromTagList(S3XmlReader set, int max) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (S3XmlReader tag : set.children("Tag")) {
            String k = tag.text("Key");
            String v = tag.text("Value");
            if (k == null || v == null) {
                throw S3XmlReader.malformed();
            }
            add(tags, k, v);
        }
        check(tags, max);
        return tags;
    }

    private static void add(Map<String, String> tags, String k, String v) {
        if (tags.putIfAbsent(k, v) != null) {
            throw S3Errors.INVALID_TAG.exception("Cannot provide multiple Tags with the same key").with("TagKey", k);
        }
    }

    private static void check(Map<String, String> tags, int max) {
        // AWS answers too many tags with BadRequest, not InvalidTag, both for PutObjectTagging and for
        // x-amz-tagging on PUT, copy and CreateMultipartUpload: "BadRequest: Object tags cannot be
        // greater than 10" is what S3 returned in reports by SDK and Terraform users (boto3 #1213,
        // terraform-aws-modules issues), although the API reference lists only InvalidTag
        if (tags.size() > max) {
            throw S3Errors.BAD_REQUEST.exception("Object tags cannot be greater than %d", max);
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            String k = t.getKey();
            String v = t.getValue();
            if (k.isEmpty() || k.codePointCount(0, k.length()) > S3Limits.MAX_TAG_KEY_CHARS || !ALLOWED.matcher(k).matches()) {
                throw S3Errors.INVALID_TAG.exception("The TagKey you have provided is invalid").with("TagKey", k);
            }
            if (v.codePointCount(0, v.length()) > S3Limits.MAX_TAG_VALUE_CHARS || !ALLOWED.matcher(v).matches()) {
                throw S3Errors.INVALID_TAG.exception("The TagValue you have provided is invalid").with("TagKey", k).with("TagValue", v);
            }
            if (k.startsWith("aws:")) {
                throw S3Errors.INVALID_TAG.exception("Your TagKey cannot be prefixed with aws:").with("TagKey", k);
            }
        }
    }

    static XmlWriter toXml(Map<String, String> tags) {
        XmlWriter xml = new XmlWriter().start("Tagging", S3Call.XMLNS).start("TagSet");
        tags.forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
        return xml.end().end();
    }
}
