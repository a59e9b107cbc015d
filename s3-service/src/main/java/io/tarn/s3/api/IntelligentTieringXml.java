package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.tiering.AccessTier;
import io.tarn.s3.engine.tiering.TieringConfiguration;
import io.tarn.s3.engine.tiering.TieringConfiguration.Filter;
import io.tarn.s3.engine.tiering.TieringConfiguration.Tiering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code IntelligentTieringConfiguration} document both ways, checked as S3 checks it: the
 * schema (Id, Status Enabled or Disabled, at least one Tiering with Days and an AccessTier, a
 * Filter of one Prefix, one Tag or an And of at least two) is {@code MalformedXML}; Archive Access
 * days 90-730, Deep Archive Access days 180-730 and beyond the Archive Access days, one Tiering per
 * tier, and an Id that is the query's are {@code InvalidArgument}.
 */
final class IntelligentTieringXml {

    private static final Set<String> ELEMENTS = Set.of("Id", "Filter", "Status", "Tiering");
    private static final int MAX_DAYS = 730;
    /** Configuration ids: up to 64 letters, digits, periods, hyphens and underscores, as S3's console names them. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private IntelligentTieringXml() {}

    static TieringConfiguration read(byte[] body, String id) {
        S3XmlReader doc = S3XmlReader.parse(body, "IntelligentTieringConfiguration");
        for (String name : doc.childNames()) {
            if (!ELEMENTS.contains(name)) {
                throw S3XmlReader.malformed();
            }
        }
        String bodyId = doc.text("Id");
        String status = doc.text("Status");
        if (bodyId == null || status == null || (!status.equals("Enabled") && !status.equals("Disabled"))
                || doc.children("Tiering").isEmpty() || doc.children("Filter").size() > 1) {
            throw S3XmlReader.malformed();
        }
        if (!bodyId.equals(id)) {
            throw invalid("The Id in the request body does not match the id in the request", "Id", bodyId);
        }
        List<Tiering> tierings = new ArrayList<>();
        for (S3XmlReader t : doc.children("Tiering")) {
            tierings.add(tiering(t, tierings));
        }
        checkOrder(tierings);
        S3XmlReader filter = doc.child("Filter");
        return new TieringConfiguration(TieringConfiguration.SCHEMA, id, status.equals("Enabled"), filter == null ? null : filter(filter),
                tierings);
    }

    private static Tiering tiering(S3XmlReader t, List<Tiering> before) {
        String tierName = t.text("AccessTier");
        String daysText = t.text("Days");
        if (tierName == null || daysText == null || (!tierName.equals("ARCHIVE_ACCESS") && !tierName.equals("DEEP_ARCHIVE_ACCESS"))) {
            throw S3XmlReader.malformed();
        }
        int days;
        try {
            days = Integer.parseInt(daysText.trim());
        } catch (NumberFormatException e) {
            throw S3XmlReader.malformed();
        }
        AccessTier tier = AccessTier.valueOf(tierName);
        int least = tier == AccessTier.ARCHIVE_ACCESS ? 90 : 180;
        if (days < least) {
            throw invalid("Days specified in " + tierName + " tier should not be less than " + least, "Days", daysText);
        }
        if (days > MAX_DAYS) {
            throw invalid("Days specified in " + tierName + " tier should not be more than " + MAX_DAYS, "Days", daysText);
        }
        if (before.stream().anyMatch(b -> b.accessTier() == tier)) {
            throw invalid("Multiple Tierings specified for " + tierName + " tier", "AccessTier", tierName);
        }
        return new Tiering(tier, days);
    }

    /** Deep Archive Access comes after Archive Access when both are opted into. */
    private static void checkOrder(List<Tiering> tierings) {
        Integer archive = null;
        Integer deep = null;
        for (Tiering t : tierings) {
            if (t.accessTier() == AccessTier.ARCHIVE_ACCESS) {
                archive = t.days();
            } else {
                deep = t.days();
            }
        }
        if (archive != null && deep != null && deep <= archive) {
            throw invalid("Days specified in DEEP_ARCHIVE_ACCESS tier should be greater than days specified in ARCHIVE_ACCESS tier",
                    "Days", deep.toString());
        }
    }

    private static Filter filter(S3XmlReader f) {
        List<String> names = f.childNames();
        if (names.size() > 1) {
            throw S3XmlReader.malformed(); // one of Prefix, Tag or And
        }
        S3XmlReader and = f.child("And");
        S3XmlReader source = and != null ? and : f;
        for (String name : source.childNames()) {
            if (!name.equals("Prefix") && !name.equals("Tag")) {
                throw S3XmlReader.malformed();
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (S3XmlReader t : source.children("Tag")) {
            String key = t.text("Key");
            String value = t.text("Value");
            if (key == null || key.isEmpty() || value == null || tags.put(key, value) != null) {
                throw S3XmlReader.malformed();
            }
        }
        int predicates = tags.size() + source.children("Prefix").size();
        if (source.children("Prefix").size() > 1 || (and != null && predicates < 2)) {
            throw S3XmlReader.malformed(); // an And joins at least two conditions
        }
        return new Filter(source.text("Prefix"), tags, and != null);
    }

    private static io.tarn.core.error.AwsException invalid(String message, String name, String value) {
        return S3Errors.INVALID_ARGUMENT.exception(message).with("ArgumentName", name).with("ArgumentValue", value);
    }

    /** One configuration's elements, in the model's order: Id, Filter, Status, Tiering. */
    static XmlWriter write(XmlWriter xml, TieringConfiguration c) {
        xml.element("Id", c.id());
        if (c.filter() != null) {
            writeFilter(xml, c.filter());
        }
        xml.element("Status", c.enabled() ? "Enabled" : "Disabled");
        for (Tiering t : c.tierings()) {
            xml.start("Tiering").element("Days", t.days()).element("AccessTier", t.accessTier().name()).end();
        }
        return xml;
    }

    private static void writeFilter(XmlWriter xml, Filter f) {
        xml.start("Filter");
        if (f.and()) {
            xml.start("And");
        }
        xml.element("Prefix", f.prefix());
        f.tags().forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
        if (f.and()) {
            xml.end();
        }
        xml.end();
    }

    /** The query's configuration id, if S3 takes it ({@code InvalidArgument} otherwise). */
    static String checkedId(String id) {
        if (!ID.matcher(id).matches()) {
            throw invalid("Invalid configuration id", "id", id);
        }
        return id;
    }
}
