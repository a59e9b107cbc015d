/**
 * GetPartitions' {@code Expression}: a hand-written lexer and recursive-descent parser for Glue's small
 * SQL-WHERE-like grammar ({@link io.tarn.glue.catalog.expression.PartitionExpression}), values compared by
 * the partition key's declared type ({@link io.tarn.glue.catalog.expression.KeyType}), Glue's refusals
 * ({@link io.tarn.glue.catalog.expression.PartitionExpressionException}), and the per-key
 * {@link io.tarn.glue.catalog.expression.KeyRange} a partition index turns into a range scan.
 */
package io.tarn.glue.catalog.expression;
