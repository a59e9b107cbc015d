package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** What a crawl does with a changed schema (UPDATE_IN_DATABASE, LOG) and with a table whose data is gone. */
public record SchemaChangePolicy(
        @JsonProperty("UpdateBehavior") @Nullable String updateBehavior,
        @JsonProperty("DeleteBehavior") @Nullable String deleteBehavior) {

    public static final String UPDATE_IN_DATABASE = "UPDATE_IN_DATABASE";
    public static final String LOG = "LOG";
    public static final String DELETE_FROM_DATABASE = "DELETE_FROM_DATABASE";
    public static final String DEPRECATE_IN_DATABASE = "DEPRECATE_IN_DATABASE";

    /** AWS's defaults for a crawler created without a policy. */
    public static final SchemaChangePolicy DEFAULT = new SchemaChangePolicy(UPDATE_IN_DATABASE, DEPRECATE_IN_DATABASE);

    /** This policy with AWS's default for each behavior not given. */
    public SchemaChangePolicy withDefaults() {
        return new SchemaChangePolicy(updateBehavior == null ? UPDATE_IN_DATABASE : updateBehavior,
                deleteBehavior == null ? DEPRECATE_IN_DATABASE : deleteBehavior);
    }
}
