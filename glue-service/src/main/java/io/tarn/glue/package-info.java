/** AWS Glue over awsJson 1.1 (target prefix {@code AWSGlue}): the Data Catalog first; crawlers and the Schema Registry follow. */
package io.tarn.glue;
