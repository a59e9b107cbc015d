package io.tarn.glue.engine.registry;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.registry.SchemaMeta;
import org.jspecify.annotations.Nullable;

/** Finds the schema a request's SchemaId names, for the schema and the version operations alike. */
final class SchemaLookup {

    private final Keyspace keyspace;

    SchemaLookup(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** The schema a SchemaId names: by ARN, or by name in the named (else the default) registry. */
    SchemaMeta resolve(Namespace ns, SchemaRef ref) {
        String registry;
        String name;
        if ((ref.schemaArn() == null) == (ref.schemaName() == null)) {
            throw GlueErrors.INVALID_INPUT.exception("One of SchemaArn or SchemaName has to be provided, both cannot be provided.");
        }
        if (ref.schemaArn() != null) {
            String[] names = SchemaArns.schemaNames(ns, ref.schemaArn());
            registry = names[0];
            name = names[1];
        } else {
            name = RegistryLimits.name(ref.schemaName(), "schemaId.schemaName");
            registry = ref.registryName() == null ? Registries.DEFAULT_REGISTRY
                    : RegistryLimits.name(ref.registryName(), "schemaId.registryName");
        }
        SchemaMeta schema = find(ns, registry, name);
        if (schema == null) {
            throw notFound();
        }
        return schema;
    }

    @Nullable SchemaMeta find(Namespace ns, String registry, String name) {
        return keyspace.get(GlueKeys.schema(ns, registry, name), SchemaMeta.class).orElse(null);
    }

    /** AWS's words, which the Glue Schema Registry serde library looks for to decide to create the schema. */
    static AwsException notFound() {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Schema is not found.");
    }
}
