package io.tarn.glue.engine.registry;

import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import org.jspecify.annotations.Nullable;

/**
 * PROTOBUF definitions (one .proto file, proto2 or proto3), syntax-checked by Square Wire's parser.
 * Compatibility between versions is not evaluated: every well-formed version is accepted.
 */
final class ProtobufDefinitions implements DefinitionChecker {

    @Override
    public @Nullable String invalidity(String definition) {
        try {
            new ProtoParser(Location.get("schema.proto"), definition.toCharArray()).readProtoFile();
            return null;
        } catch (RuntimeException e) { // Wire raises IllegalStateException (and Kotlin's kin) for syntax errors
            return "Schema definition of PROTOBUF data format is invalid: " + e.getMessage();
        }
    }

    @Override
    public @Nullable String unreadable(String reader, String writer) {
        return null;
    }
}
