/** The Schema Registry's persisted records: registries, schemas, schema versions and their metadata. */
package io.tarn.glue.model.registry;
