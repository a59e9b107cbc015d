package io.tarn.glue.catalog.expression;

/** A table's partition key as the expression sees it: its name and declared Hive type (e.g. {@code int}). */
public record PartitionKey(String name, String type) {}
