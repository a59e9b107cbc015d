package io.tarn.glue.engine.registry;

import io.tarn.glue.GlueErrors;
import org.jspecify.annotations.Nullable;

/** The schema formats of the registry, each with the library that checks its definitions. */
public enum DataFormat {
    AVRO(new AvroDefinitions()),
    JSON(new JsonSchemaDefinitions()),
    PROTOBUF(new ProtobufDefinitions());

    private final DefinitionChecker checker;

    DataFormat(DefinitionChecker checker) {
        this.checker = checker;
    }

    DefinitionChecker checker() {
        return checker;
    }

    /** The format a request names; a missing one is refused as the model's validation does, an unknown one as AWS's enum check. */
    public static DataFormat of(@Nullable String name) {
        if (name == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at 'dataFormat' failed to satisfy constraint: Member must not be null");
        }
        for (DataFormat f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'dataFormat' failed to satisfy "
                + "constraint: Member must satisfy enum value set: [AVRO, JSON, PROTOBUF]", name);
    }
}
