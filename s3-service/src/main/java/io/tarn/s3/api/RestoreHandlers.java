package io.tarn.s3.api;

import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.engine.restore.RestoreTier;
import io.tarn.s3.model.ObjectVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RestoreObject ({@code POST /key?restore}): the plain restore of an archived object, with
 * {@code Days} and {@code GlacierJobParameters/Tier}. Select restores and output locations are not
 * built and answer NotImplemented rather than being taken as a plain restore.
 */
final class RestoreHandlers {

    private final ObjectEngine objects;
    private final RestoreEngine restores;

    RestoreHandlers(ObjectEngine objects, RestoreEngine restores) {
        this.objects = objects;
        this.restores = restores;
    }

    ServiceResponse restore(S3Call call) {
        ObjectVersion v = ObjectHandlers.readable(objects, call, "POST");
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "RestoreRequest");
        for (String selectOnly : new String[] {"Type", "SelectParameters", "OutputLocation"}) {
            if (doc.child(selectOnly) != null) {
                throw S3Errors.NOT_IMPLEMENTED.exception("Restores of type SELECT and restores to an output location are not implemented.")
                        .with("Element", selectOnly);
            }
        }
        S3XmlReader job = doc.child("GlacierJobParameters");
        String tierName = job != null ? job.text("Tier") : doc.text("Tier");
        if (job != null && tierName == null) {
            throw S3XmlReader.malformed(); // Tier is required in GlacierJobParameters
        }
        RestoreEngine.Outcome outcome = restores.restore(call.bucket(), v, days(doc.text("Days")), RestoreTier.parse(tierName));
        Map<String, String> headers = new LinkedHashMap<>();
        if (!v.isNullVersion()) {
            headers.put("x-amz-version-id", v.versionId());
        }
        return S3Call.empty(outcome.extended() ? 200 : 202, headers);
    }

    private static Integer days(String text) {
        if (text == null) {
            return null;
        }
        int days;
        try {
            days = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw S3XmlReader.malformed();
        }
        if (days < 1) {
            throw S3Errors.INVALID_ARGUMENT.exception("Days must be a positive integer").with("ArgumentName", "Days")
                    .with("ArgumentValue", text);
        }
        return days;
    }
}
