package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Rule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The LifecycleConfiguration document: what S3 accepts, what it refuses and with which code and message, and the read-back. */
class LifecycleXmlTest {

    static List<Rule> read(String rules) {
        return LifecycleXml.read(("<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + rules
                + "</LifecycleConfiguration>").getBytes(StandardCharsets.UTF_8));
    }

    static String rule(String id, String body) {
        return "<Rule><ID>" + id + "</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status>" + body + "</Rule>";
    }

    static void refused(String rules, String code, String message) {
        assertThatThrownBy(() -> read(rules)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void readsEveryElementAndWritesItBack() {
        String doc = "<Rule><ID>logs</ID><Filter><And><Prefix>logs/</Prefix><Tag><Key>b</Key><Value>2</Value></Tag>"
                + "<Tag><Key>a</Key><Value>1</Value></Tag><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan>"
                + "<ObjectSizeLessThan>1000</ObjectSizeLessThan></And></Filter><Status>Disabled</Status>"
                + "<Transition><Days>30</Days><StorageClass>STANDARD_IA</StorageClass></Transition>"
                + "<Transition><Days>90</Days><StorageClass>GLACIER</StorageClass></Transition>"
                + "<NoncurrentVersionTransition><NoncurrentDays>40</NoncurrentDays><StorageClass>GLACIER_IR</StorageClass>"
                + "<NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionTransition>"
                + "<NoncurrentVersionExpiration><NoncurrentDays>100</NoncurrentDays></NoncurrentVersionExpiration>"
                + "<Expiration><Days>365</Days></Expiration></Rule>"
                + "<Rule><ID>dated</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>"
                + "<Expiration><Date>2030-01-01T00:00:00.000Z</Date></Expiration></Rule>";
        List<Rule> rules = read(doc);
        Rule logs = rules.get(0);
        assertThat(logs.enabled()).isFalse();
        assertThat(logs.filter().tags()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(logs.filter().sizeGreaterThan()).isEqualTo(10L);
        assertThat(logs.noncurrentTransitions().get(0).newerNoncurrentVersions()).isEqualTo(2);
        assertThat(rules.get(1).expiration().date()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));

        String written = LifecycleXml.write(new LifecycleConfiguration(1, rules, LifecycleConfiguration.ALL_CLASSES_128K)).toString();
        assertThat(read(written.replaceAll("^.*?<LifecycleConfiguration[^>]*>", "").replace("</LifecycleConfiguration>", "")))
                .isEqualTo(rules);
    }

    @Test
    void aRuleWithoutAnIdGetsOne() {
        List<Rule> rules = read("<Rule><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>");
        assertThat(rules.get(0).id()).hasSize(48);
    }

    @Test
    void aLegacyPrefixIsKeptAsGiven() {
        Rule r = read("<Rule><ID>old</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>").get(0);
        assertThat(r.legacyPrefix()).isEqualTo("tmp/");
        assertThat(r.matches("tmp/x", 1, Map.of())).isTrue();
        assertThat(r.matches("other", 1, Map.of())).isFalse();
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "<Transition><Days>29</Days><StorageClass>STANDARD_IA</StorageClass></Transition>|InvalidArgument|'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'",
        "<Transition><Days>10</Days><StorageClass>ONEZONE_IA</StorageClass></Transition>|InvalidArgument|for storageClass 'ONEZONE_IA'",
        "<NoncurrentVersionTransition><NoncurrentDays>5</NoncurrentDays><StorageClass>STANDARD_IA</StorageClass></NoncurrentVersionTransition>|InvalidArgument|'NoncurrentDays' in NoncurrentVersionTransition action must be greater than or equal to 30",
        "<Expiration><Days>0</Days></Expiration>|InvalidArgument|'Days' for Expiration action must be a positive integer",
        "<Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration>|InvalidArgument|'Date' must be at midnight GMT",
        "<Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>|MalformedXML|not well-formed",
        "<Transition><Days>1</Days><StorageClass>STANDARD</StorageClass></Transition>|MalformedXML|not well-formed",
        "<Transition><Days>60</Days><StorageClass>STANDARD_IA</StorageClass></Transition><Transition><Days>70</Days><StorageClass>GLACIER</StorageClass></Transition>|InvalidArgument|must be 30 days more than",
        "<Transition><Days>100</Days><StorageClass>GLACIER</StorageClass></Transition><Transition><Days>50</Days><StorageClass>DEEP_ARCHIVE</StorageClass></Transition>|InvalidArgument|must be greater than",
        "<Transition><Days>1</Days><StorageClass>GLACIER</StorageClass></Transition><Transition><Days>2</Days><StorageClass>GLACIER</StorageClass></Transition>|InvalidRequest|'StorageClass' must be different",
        "<Transition><Days>100</Days><StorageClass>GLACIER</StorageClass></Transition><Expiration><Days>50</Days></Expiration>|InvalidArgument|'Days' in the Expiration action",
        "<Transition><Date>2030-01-01T00:00:00Z</Date><StorageClass>GLACIER</StorageClass></Transition><Expiration><Days>50</Days></Expiration>|InvalidRequest|Found mixed 'Date' and 'Days'",
        "<NoncurrentVersionExpiration><NoncurrentDays>0</NoncurrentDays></NoncurrentVersionExpiration>|InvalidArgument|positive integer",
        "<NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>0</NewerNoncurrentVersions></NoncurrentVersionExpiration>|InvalidArgument|'NewerNoncurrentVersions' must be a positive integer",
        "<AbortIncompleteMultipartUpload><DaysAfterInitiation>0</DaysAfterInitiation></AbortIncompleteMultipartUpload>|InvalidArgument|'DaysAfterInitiation'",
        "|InvalidRequest|At least one action needs to be specified in a rule",
        "<Unknown/>|MalformedXML|not well-formed",
    })
    void refusesAsS3Does(String actions, String code, String message) {
        refused(rule("r", actions == null ? "" : actions), code, message);
    }

    @Test
    void idsAreUniqueAndAtMost255Characters() {
        String exp = "<Expiration><Days>1</Days></Expiration>";
        refused(rule("same", exp) + rule("same", exp), "InvalidArgument", "Rule ID must be unique");
        refused(rule("x".repeat(256), exp), "InvalidArgument", "ID length should not exceed allowed limit of 255");
    }

    @Test
    void atMostAThousandRules() {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            rules.append(rule("r" + i, "<Expiration><Days>1</Days></Expiration>"));
        }
        assertThat(read(rules.toString())).hasSize(1000);
        refused(rules + rule("one-more", "<Expiration><Days>1</Days></Expiration>"), "InvalidRequest",
                "must not exceed the allowed limit of 1000 rules");
    }

    @Test
    void filtersAreCheckedAsS3ChecksThem() {
        String exp = "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration>";
        refused("<Rule><ID>a</ID><Filter><Prefix>a</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter>" + exp + "</Rule>",
                "MalformedXML", "not well-formed"); // two conditions need an And
        refused("<Rule><ID>a</ID><Filter><And><Tag><Key>k</Key><Value>v</Value></Tag><Tag><Key>k</Key><Value>w</Value></Tag></And></Filter>"
                + exp + "</Rule>", "InvalidRequest", "Duplicate Tag Keys are not allowed.");
        refused("<Rule><ID>a</ID><Filter><And><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan><ObjectSizeLessThan>5</ObjectSizeLessThan></And></Filter>"
                + exp + "</Rule>", "InvalidRequest", "'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.");
        refused("<Rule><ID>a</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>"
                + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>",
                "InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags.");
        refused("<Rule><ID>a</ID><Filter><ObjectSizeLessThan>5</ObjectSizeLessThan></Filter><Status>Enabled</Status>"
                + "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>",
                "InvalidRequest", "ExpiredObjectDeleteMarker cannot be specified with Object Size.");
        refused(rule("a", "<Expiration><Days>1</Days></Expiration>")
                + "<Rule><ID>b</ID><Prefix>x</Prefix>" + exp + "</Rule>", "InvalidRequest", "Base level prefix cannot be used in Lifecycle V2");
        refused("<Rule><ID>b</ID><Prefix>x</Prefix>" + exp + "</Rule>" + rule("a", "<Expiration><Days>1</Days></Expiration>"),
                "InvalidRequest", "Filter element can only be used in Lifecycle V2.");
        refused("<Rule><ID>b</ID>" + exp + "</Rule>", "MalformedXML", "not well-formed");
    }
}
