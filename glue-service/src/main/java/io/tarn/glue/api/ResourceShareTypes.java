package io.tarn.glue.api;

import io.tarn.glue.GlueErrors;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * GetDatabases' and SearchTables' ResourceShareType. Tarn shares no catalog resource between accounts
 * and federates none, so FOREIGN and FEDERATED find nothing and ALL finds the caller's own.
 */
final class ResourceShareTypes {

    private static final List<String> VALUES = List.of("FOREIGN", "ALL", "FEDERATED");

    private ResourceShareTypes() {}

    /** Whether a listing with this share type finds nothing, once the value is one of the model's. */
    static boolean findsNothing(@Nullable String shareType) {
        if (shareType != null && !VALUES.contains(shareType)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'resourceShareType' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [%s]", shareType, String.join(", ", VALUES));
        }
        return "FOREIGN".equals(shareType) || "FEDERATED".equals(shareType);
    }
}
