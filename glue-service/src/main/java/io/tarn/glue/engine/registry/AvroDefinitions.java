package io.tarn.glue.engine.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaParseException;
import org.jspecify.annotations.Nullable;

/** AVRO definitions, parsed and compared by Apache Avro itself (its reader/writer resolution rules). */
final class AvroDefinitions implements DefinitionChecker {

    @Override
    public @Nullable String invalidity(String definition) {
        try {
            parse(definition);
            return null;
        } catch (SchemaParseException | IllegalArgumentException e) { // Avro reports bad JSON and bad names as these
            return "Schema definition of AVRO data format is invalid: " + e.getMessage();
        }
    }

    @Override
    public @Nullable String unreadable(String reader, String writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(parse(reader), parse(writer));
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return null;
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + (i.getMessage().isEmpty() ? "" : ": " + i.getMessage()))
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }

    /** A fresh parser each time: a parser remembers the named types it saw, and versions redefine them. */
    private static Schema parse(String definition) {
        return new Schema.Parser().parse(definition);
    }
}
