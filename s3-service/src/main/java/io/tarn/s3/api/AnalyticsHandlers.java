package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.analytics.AnalyticsConfiguration;
import io.tarn.s3.engine.analytics.AnalyticsConfiguration.DataExport;
import io.tarn.s3.engine.analytics.AnalyticsConfiguration.Filter;
import io.tarn.s3.engine.analytics.AnalyticsConfigurations;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Put/Get/Delete/ListBucketAnalyticsConfiguration ({@code ?analytics}, with {@code id} but for the
 * list): the AnalyticsConfiguration XML of S3's model, checked as S3 checks it.
 */
final class AnalyticsHandlers {

    private static final Set<String> CONFIGURATION = Set.of("Id", "Filter", "StorageClassAnalysis");
    private static final Set<String> AND = Set.of("Prefix", "Tag");
    private static final Set<String> DESTINATION = Set.of("Format", "BucketAccountId", "Bucket", "Prefix");

    private final AnalyticsConfigurations configurations;

    AnalyticsHandlers(AnalyticsConfigurations configurations) {
        this.configurations = configurations;
    }

    /** GET {@code ?analytics&id=} reads one configuration; without {@code id} it lists them. */
    ServiceResponse getOrList(S3Call call) {
        String id = call.query("id");
        if (id == null) {
            return list(call);
        }
        XmlWriter xml = new XmlWriter();
        write(xml, configurations.get(call.bucket(), id), S3Call.XMLNS);
        return S3Call.ok(xml);
    }

    ServiceResponse put(S3Call call) {
        String id = requiredId(call);
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "AnalyticsConfiguration");
        onlyChildren(doc, CONFIGURATION);
        if (!id.equals(doc.text("Id"))) {
            throw S3XmlReader.malformed(); // the body must name the configuration the query names
        }
        S3XmlReader analysis = doc.child("StorageClassAnalysis");
        if (analysis == null) {
            throw S3XmlReader.malformed();
        }
        onlyChildren(analysis, Set.of("DataExport"));
        S3XmlReader filter = doc.child("Filter");
        configurations.put(call.bucket(), id, filter == null ? null : filter(filter),
                analysis.child("DataExport") == null ? null : export(analysis.child("DataExport")));
        return S3Call.empty(200);
    }

    ServiceResponse delete(S3Call call) {
        configurations.delete(call.bucket(), requiredId(call));
        return S3Call.empty(204);
    }

    private ServiceResponse list(S3Call call) {
        String token = call.query("continuation-token");
        AnalyticsConfigurations.Page page = configurations.list(call.bucket(), token == null ? null : after(token));
        XmlWriter xml = new XmlWriter().start("ListBucketAnalyticsConfigurationResult", S3Call.XMLNS);
        for (AnalyticsConfiguration c : page.items()) {
            write(xml, c, null);
        }
        xml.element("IsTruncated", page.next() != null);
        if (token != null) {
            xml.element("ContinuationToken", token);
        }
        if (page.next() != null) {
            xml.element("NextContinuationToken",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(page.next().getBytes(StandardCharsets.UTF_8)));
        }
        return S3Call.ok(xml.end());
    }

    private static String after(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Errors.INVALID_ARGUMENT.exception("The continuation token provided is incorrect")
                    .with("ArgumentName", "continuation-token").with("ArgumentValue", token);
        }
    }

    private static String requiredId(S3Call call) {
        String id = call.query("id");
        if (id == null || id.isEmpty()) {
            throw S3Errors.INVALID_ARGUMENT.exception("Missing required parameter: id").with("ArgumentName", "id");
        }
        return id;
    }

    private static Filter filter(S3XmlReader f) {
        List<String> children = f.childNames();
        if (children.size() != 1) {
            throw S3XmlReader.malformed(); // exactly one of Prefix, Tag and And
        }
        switch (children.get(0)) {
            case "Prefix":
                return new Filter(Filter.PREFIX, f.text("Prefix"), Map.of());
            case "Tag":
                return new Filter(Filter.TAG, null, tags(f.children("Tag")));
            case "And":
                S3XmlReader and = f.child("And");
                onlyChildren(and, AND);
                if (and.children("Prefix").size() > 1) {
                    throw S3XmlReader.malformed();
                }
                return new Filter(Filter.AND, and.text("Prefix"), tags(and.children("Tag")));
            default:
                throw S3XmlReader.malformed();
        }
    }

    private static Map<String, String> tags(List<S3XmlReader> elements) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (S3XmlReader t : elements) {
            String key = t.text("Key");
            String value = t.text("Value");
            if (key == null || value == null) {
                throw S3XmlReader.malformed();
            }
            if (tags.put(key, value) != null) {
                throw S3Errors.INVALID_ARGUMENT.exception("Duplicate Tag Keys are not allowed.")
                        .with("ArgumentName", "Tag").with("ArgumentValue", key);
            }
        }
        return tags;
    }

    /** OutputSchemaVersion and Format are enums of one value each in S3's model: V_1 and CSV. */
    private static DataExport export(S3XmlReader e) {
        onlyChildren(e, Set.of("OutputSchemaVersion", "Destination"));
        S3XmlReader destination = e.child("Destination");
        S3XmlReader bucket = destination == null ? null : destination.child("S3BucketDestination");
        if (!"V_1".equals(e.text("OutputSchemaVersion")) || bucket == null) {
            throw S3XmlReader.malformed();
        }
        onlyChildren(bucket, DESTINATION);
        String arn = bucket.text("Bucket");
        if (!"CSV".equals(bucket.text("Format")) || arn == null || arn.isEmpty()) {
            throw S3XmlReader.malformed();
        }
        return new DataExport("V_1", "CSV", arn, bucket.text("BucketAccountId"), bucket.text("Prefix"));
    }

    private static void onlyChildren(S3XmlReader element, Set<String> allowed) {
        for (String name : element.childNames()) {
            if (!allowed.contains(name)) {
                throw S3XmlReader.malformed();
            }
        }
    }

    private static void write(XmlWriter xml, AnalyticsConfiguration c, @Nullable String xmlns) {
        xml.start("AnalyticsConfiguration", xmlns).element("Id", c.id());
        Filter f = c.filter();
        if (f != null) {
            xml.start("Filter");
            if (f.form().equals(Filter.AND)) {
                xml.start("And");
            }
            if (f.prefix() != null) {
                xml.element("Prefix", f.prefix());
            }
            f.tags().forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
            if (f.form().equals(Filter.AND)) {
                xml.end();
            }
            xml.end();
        }
        xml.start("StorageClassAnalysis");
        DataExport e = c.export();
        if (e != null) {
            xml.start("DataExport").element("OutputSchemaVersion", e.outputSchemaVersion()).start("Destination")
                    .start("S3BucketDestination").element("Format", e.format());
            if (e.bucketAccountId() != null) {
                xml.element("BucketAccountId", e.bucketAccountId());
            }
            xml.element("Bucket", e.bucketArn());
            if (e.prefix() != null) {
                xml.element("Prefix", e.prefix());
            }
            xml.end().end().end();
        }
        xml.end().end();
    }
}
