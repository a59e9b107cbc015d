package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.s3.engine.tiering.AccessTier;
import io.tarn.s3.engine.tiering.TieringConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The IntelligentTieringConfiguration document: what S3 accepts, what it refuses with which code, and the read-back. */
class IntelligentTieringXmlTest {

    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    static TieringConfiguration read(String inner) {
        return IntelligentTieringXml.read(("<IntelligentTieringConfiguration xmlns=\"" + NS + "\">" + inner
                + "</IntelligentTieringConfiguration>").getBytes(StandardCharsets.UTF_8), "cfg");
    }

    static String tiering(int days, String tier) {
        return "<Tiering><Days>" + days + "</Days><AccessTier>" + tier + "</AccessTier></Tiering>";
    }

    static void refused(String inner, String code, String message) {
        assertThatThrownBy(() -> read(inner)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void readsEveryElementAndWritesItBackInTheModelsOrder() {
        String inner = "<Id>cfg</Id><Filter><And><Prefix>logs/</Prefix><Tag><Key>b</Key><Value>2</Value></Tag>"
                + "<Tag><Key>a</Key><Value>1</Value></Tag></And></Filter><Status>Enabled</Status>"
                + tiering(365, "DEEP_ARCHIVE_ACCESS") + tiering(90, "ARCHIVE_ACCESS");
        TieringConfiguration c = read(inner);
        assertThat(c.enabled()).isTrue();
        assertThat(c.filter().prefix()).isEqualTo("logs/");
        assertThat(c.filter().tags()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(c.tierings()).containsExactly(new TieringConfiguration.Tiering(AccessTier.DEEP_ARCHIVE_ACCESS, 365),
                new TieringConfiguration.Tiering(AccessTier.ARCHIVE_ACCESS, 90));
        String written = IntelligentTieringXml.write(new XmlWriter().start("IntelligentTieringConfiguration", NS), c).end().toString();
        assertThat(written).contains("<IntelligentTieringConfiguration xmlns=\"" + NS + "\">" + inner + "</IntelligentTieringConfiguration>");

        TieringConfiguration plain = read("<Id>cfg</Id><Status>Disabled</Status>" + tiering(730, "ARCHIVE_ACCESS"));
        assertThat(plain.enabled()).isFalse();
        assertThat(plain.filter()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "89|ARCHIVE_ACCESS|Days specified in ARCHIVE_ACCESS tier should not be less than 90",
        "731|ARCHIVE_ACCESS|Days specified in ARCHIVE_ACCESS tier should not be more than 730",
        "179|DEEP_ARCHIVE_ACCESS|Days specified in DEEP_ARCHIVE_ACCESS tier should not be less than 180",
        "731|DEEP_ARCHIVE_ACCESS|Days specified in DEEP_ARCHIVE_ACCESS tier should not be more than 730"})
    void daysOutsideTheTiersRangeAreInvalidArguments(int days, String tier, String message) {
        refused("<Id>cfg</Id><Status>Enabled</Status>" + tiering(days, tier), "InvalidArgument", message);
    }

    @Test
    void refusesWhatS3Refuses() {
        String ok = "<Status>Enabled</Status>" + tiering(90, "ARCHIVE_ACCESS");
        refused("<Id>other</Id>" + ok, "InvalidArgument", "does not match");
        refused("<Id>cfg</Id>" + ok + tiering(100, "ARCHIVE_ACCESS"), "InvalidArgument", "Multiple Tierings");
        refused("<Id>cfg</Id><Status>Enabled</Status>" + tiering(200, "ARCHIVE_ACCESS") + tiering(200, "DEEP_ARCHIVE_ACCESS"),
                "InvalidArgument", "should be greater than");
        refused("<Id>cfg</Id><Status>Enabled</Status>", "MalformedXML", "not well-formed"); // no Tiering
        refused("<Id>cfg</Id><Status>On</Status>" + tiering(90, "ARCHIVE_ACCESS"), "MalformedXML", "not well-formed");
        refused("<Id>cfg</Id><Status>Enabled</Status>" + tiering(90, "INFREQUENT_ACCESS"), "MalformedXML", "not well-formed");
        refused(ok, "MalformedXML", "not well-formed"); // no Id
        refused("<Id>cfg</Id><Filter><Prefix>a</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter>" + ok, "MalformedXML",
                "not well-formed"); // two conditions without And
        refused("<Id>cfg</Id><Filter><And><Prefix>a</Prefix></And></Filter>" + ok, "MalformedXML", "not well-formed");
        refused("<Id>cfg</Id><Unknown/>" + ok, "MalformedXML", "not well-formed");
    }

    @Test
    void configurationIdsAreCheckedBeforeTheDocument() {
        assertThat(IntelligentTieringXml.checkedId("a.b-c_1")).isEqualTo("a.b-c_1");
        assertThatThrownBy(() -> IntelligentTieringXml.checkedId("x".repeat(65))).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> IntelligentTieringXml.checkedId("a b")).isInstanceOf(AwsException.class);
    }
}
