package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.tiering.TieringConfiguration;
import io.tarn.s3.engine.tiering.TieringEngine;
import java.util.List;

/**
 * Put/Get/Delete/ListBucketIntelligentTieringConfiguration(s) ({@code ?intelligent-tiering}): a
 * GET with an {@code id} is Get, without one List (100 a page, as S3 pages its configuration lists).
 */
final class IntelligentTieringHandlers {

    static final int PAGE = 100;

    private final BucketEngine buckets;
    private final TieringEngine tiering;
    private final ContinuationTokens tokens;

    IntelligentTieringHandlers(BucketEngine buckets, TieringEngine tiering, ContinuationTokens tokens) {
        this.buckets = buckets;
        this.tiering = tiering;
        this.tokens = tokens;
    }

    ServiceResponse put(S3Call call) {
        String id = requiredId(call);
        buckets.require(call.bucket()); // NoSuchBucket before the document is judged
        tiering.put(call.bucket(), IntelligentTieringXml.read(call.request().body(), id));
        return S3Call.empty(200);
    }

    ServiceResponse get(S3Call call) {
        if (call.query("id") == null) {
            return list(call);
        }
        TieringConfiguration c = tiering.get(call.bucket(), requiredId(call));
        return S3Call.ok(IntelligentTieringXml.write(new XmlWriter().start("IntelligentTieringConfiguration", S3Call.XMLNS), c).end());
    }

    ServiceResponse delete(S3Call call) {
        tiering.delete(call.bucket(), requiredId(call));
        return S3Call.empty(204);
    }

    private ServiceResponse list(S3Call call) {
        String token = call.query("continuation-token");
        String scope = "intelligent-tiering/" + call.bucket();
        String after = token == null ? null : tokens.open(scope, token);
        List<TieringConfiguration> found = tiering.list(call.bucket(), after, PAGE + 1);
        boolean truncated = found.size() > PAGE;
        List<TieringConfiguration> page = truncated ? found.subList(0, PAGE) : found;
        XmlWriter xml = new XmlWriter().start("ListBucketIntelligentTieringConfigurationsOutput", S3Call.XMLNS)
                .element("IsTruncated", truncated)
                .element("ContinuationToken", token);
        if (truncated) {
            xml.element("NextContinuationToken", tokens.issue(scope, page.get(PAGE - 1).id()));
        }
        for (TieringConfiguration c : page) {
            IntelligentTieringXml.write(xml.start("IntelligentTieringConfiguration"), c).end();
        }
        return S3Call.ok(xml.end());
    }

    private static String requiredId(S3Call call) {
        String id = call.query("id");
        if (id == null || id.isEmpty()) {
            throw S3Errors.INVALID_ARGUMENT.exception("Missing required parameter: id").with("ArgumentName", "id");
        }
        return IntelligentTieringXml.checkedId(id);
    }
}
