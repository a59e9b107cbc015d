package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One version of a table as stored: its lower-cased name and database, definition, times, version number and creator's ARN. */
public record TableMeta(
        @JsonProperty("name") String name,
        @JsonProperty("database") String database,
        @JsonProperty("definition") TableDefinition definition,
        @JsonProperty("createTime") Instant createTime,
        @JsonProperty("updateTime") Instant updateTime,
        @JsonProperty("version") long version,
        @JsonProperty("createdBy") String createdBy) {

    public TableMeta next(TableDefinition changed, Instant now) {
        return new TableMeta(name, database, changed, createTime, now, version + 1, createdBy);
    }
}
