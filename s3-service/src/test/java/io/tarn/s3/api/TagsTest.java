package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.s3.S3Limits;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Object and bucket tags ("Categorizing your storage using tags", "Tag restrictions"): at most 10
 * per object, unique keys of 1-128 characters, values of 0-256, no {@code aws:} prefix.
 */
class TagsTest {

    private static void invalid(ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).satisfies(e -> {
            assertThat(((AwsException) e).code()).isEqualTo(code);
            assertThat(((AwsException) e).status()).isEqualTo(400);
        });
    }

    private static byte[] xml(String... pairs) {
        StringBuilder s = new StringBuilder("<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>");
        for (int i = 0; i < pairs.length; i += 2) {
            s.append("<Tag><Key>").append(pairs[i]).append("</Key><Value>").append(pairs[i + 1]).append("</Value></Tag>");
        }
        return s.append("</TagSet></Tagging>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void headerTagsAreUrlEncodedPairs() {
        assertThat(Tags.fromHeader("a=1&b=two%20words&c=&d", 10))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "two words"), Map.entry("c", ""), Map.entry("d", ""));
        assertThat(Tags.fromHeader("", 10)).isEmpty();
        assertThat(Tags.fromHeader("k%3D=v%2B", 10)).containsExactly(Map.entry("k=", "v+"));
    }

    @Test
    void xmlTags() {
        assertThat(Tags.fromXml(xml("project", "tarn", "empty", ""), 10))
                .containsExactly(Map.entry("project", "tarn"), Map.entry("empty", ""));
        assertThat(Tags.fromXml("<Tagging><TagSet/></Tagging>".getBytes(StandardCharsets.UTF_8), 10)).isEmpty();
        invalid(() -> Tags.fromXml("<Tagging/>".getBytes(StandardCharsets.UTF_8), 10), "MalformedXML");
        invalid(() -> Tags.fromXml("<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>"
                .getBytes(StandardCharsets.UTF_8), 10), "MalformedXML");
        invalid(() -> Tags.fromXml("not xml".getBytes(StandardCharsets.UTF_8), 10), "MalformedXML");
    }

    @Test
    void atMostTenObjectTags() {
        String[] ten = new String[20];
        for (int i = 0; i < 10; i++) {
            ten[2 * i] = "k" + i;
            ten[2 * i + 1] = "v";
        }
        assertThat(Tags.fromXml(xml(ten), S3Limits.MAX_OBJECT_TAGS)).hasSize(10);
        String[] eleven = java.util.Arrays.copyOf(ten, 22);
        eleven[20] = "k10";
        eleven[21] = "v";
        invalid(() -> Tags.fromXml(xml(eleven), S3Limits.MAX_OBJECT_TAGS), "BadRequest");
        invalid(() -> Tags.fromHeader("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11", S3Limits.MAX_OBJECT_TAGS), "BadRequest");
        // buckets take 50
        assertThat(Tags.fromXml(xml(eleven), S3Limits.MAX_BUCKET_TAGS)).hasSize(11);
    }

    @Test
    void keysAreUnique() {
        invalid(() -> Tags.fromXml(xml("k", "1", "k", "2"), 10), "InvalidTag");
        invalid(() -> Tags.fromHeader("k=1&k=2", 10), "InvalidTag");
    }

    @Test
    void awsPrefixIsReserved() {
        invalid(() -> Tags.fromXml(xml("aws:createdBy", "me"), 10), "InvalidTag");
        invalid(() -> Tags.fromHeader("aws%3Aname=x", 10), "InvalidTag");
        assertThat(Tags.fromXml(xml("AWS-style", "ok", "notaws:x", "ok"), 10)).hasSize(2);
    }

    @Test
    void keyAndValueLengths() {
        assertThat(Tags.fromXml(xml("k".repeat(128), "v".repeat(256)), 10)).hasSize(1);
        invalid(() -> Tags.fromXml(xml("k".repeat(129), "v"), 10), "InvalidTag");
        invalid(() -> Tags.fromXml(xml("k", "v".repeat(257)), 10), "InvalidTag");
        invalid(() -> Tags.fromXml(xml("", "v"), 10), "InvalidTag");
        // characters, not bytes or UTF-16 units (U+20000 is a letter outside the BMP)
        assertThat(Tags.fromXml(xml("\u65e5".repeat(128), "\uD840\uDC00".repeat(256)), 10)).hasSize(1);
        invalid(() -> Tags.fromXml(xml("\uD840\uDC00".repeat(129), "v"), 10), "InvalidTag");
    }

    @Test
    void allowedCharacters() {
        assertThat(Tags.fromXml(xml("Cost Center", "a+b-c=d.e_f:g/h@i", "\u00fcml\u00e4ut", "\u65e5\u672c"), 10)).hasSize(2);
        invalid(() -> Tags.fromXml(xml("bad*key", "v"), 10), "InvalidTag");
        invalid(() -> Tags.fromXml(xml("k", "semi;colon"), 10), "InvalidTag");
        invalid(() -> Tags.fromHeader("k=a%26b", 10), "InvalidTag");
    }

    @Test
    void writtenBackAsATaggingDocument() {
        String out = new String(Tags.toXml(Map.of("a", "b")).toBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("<Tagging").contains("<TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet>");
    }
}
