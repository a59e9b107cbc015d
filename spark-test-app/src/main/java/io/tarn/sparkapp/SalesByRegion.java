package io.tarn.sparkapp;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Glue Scala/Java job as Glue runs one ({@code --class io.tarn.sparkapp.SalesByRegion}): reads the Parquet
 * sales under {@code --input}, sums {@code amount} and counts the sales per {@code region}, and writes the
 * totals as Parquet under {@code --output}; with {@code --iceberg_table catalog.db.table}, also as that Iceberg
 * table (a catalog the job's Spark settings name, Iceberg's GlueCatalog in the tests). Glue hands a job its
 * arguments as {@code --key value} pairs.
 */
public final class SalesByRegion {

    private SalesByRegion() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        SparkSession spark = SparkSession.builder().appName(options.getOrDefault("--JOB_NAME", "sales-by-region")).getOrCreate();
        try {
            Dataset<Row> sales = spark.read().parquet(required(options, "--input"));
            Dataset<Row> totals = sales.groupBy(col("region"))
                    .agg(sum(col("amount")).alias("total"), count(col("amount")).alias("sales"))
                    .orderBy(col("region"));
            totals.write().mode("overwrite").parquet(required(options, "--output"));
            String table = options.get("--iceberg_table");
            if (table != null) {
                totals.writeTo(table).using("iceberg").createOrReplace();
            }
        } finally {
            spark.stop();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing job argument " + name);
        }
        return value;
    }
}
