package io.tarn.glue.engine.registry;

import org.jspecify.annotations.Nullable;

/** What the registry asks of a data format: is a definition well formed, and can a reader read a writer's data. */
interface DefinitionChecker {

    /** Null when {@code definition} is a valid schema of this format, else why not (AWS's Error text). */
    @Nullable String invalidity(String definition);

    /**
     * Null when data written with {@code writer} can be read with {@code reader} (both valid), else why
     * not. BACKWARD asks it with the new version as reader, FORWARD with the new version as writer.
     */
    @Nullable String unreadable(String reader, String writer);
}
