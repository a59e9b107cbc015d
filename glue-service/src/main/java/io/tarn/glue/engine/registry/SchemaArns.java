package io.tarn.glue.engine.registry;

import io.tarn.core.spi.Namespace;
import io.tarn.glue.GlueErrors;

/** The ARNs of registries ({@code registry/<name>}) and schemas ({@code schema/<registry>/<schema>}). */
public final class SchemaArns {

    private SchemaArns() {}

    public static String registry(Namespace ns, String name) {
        return prefix(ns) + "registry/" + name;
    }

    public static String schema(Namespace ns, String registry, String schema) {
        return prefix(ns) + "schema/" + registry + "/" + schema;
    }

    /** The registry name of a registry ARN of this account and region. */
    static String registryName(Namespace ns, String arn) {
        String rest = resource(ns, arn, "registry/");
        if (rest.isEmpty() || rest.contains("/")) {
            throw invalid(arn);
        }
        return rest;
    }

    /** The registry and schema names of a schema ARN of this account and region. */
    static String[] schemaNames(Namespace ns, String arn) {
        String[] parts = resource(ns, arn, "schema/").split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw invalid(arn);
        }
        return parts;
    }

    private static String resource(Namespace ns, String arn, String type) {
        String prefix = prefix(ns) + type;
        if (!arn.startsWith(prefix)) {
            throw invalid(arn);
        }
        return arn.substring(prefix.length());
    }

    private static String prefix(Namespace ns) {
        return "arn:aws:glue:" + ns.region() + ":" + ns.account() + ":";
    }

    private static RuntimeException invalid(String arn) {
        return GlueErrors.INVALID_INPUT.exception("Invalid ARN: %s", arn);
    }
}
