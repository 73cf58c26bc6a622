package fr.hygie.research.engine.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_timestamp;

import fr.hygie.research.engine.EngineException;
import fr.hygie.research.engine.io.Storage;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Snapshot of the secondary-use objections ("opposition", CSP art. L1461-1 and EHDS art. 71): one row per
 * objection, {@code person_source_id, scope, recorded_at[, withdrawn_at]}. Scopes:
 * {@code GLOBAL}, {@code PURPOSE:<EHDS art. 53 code>}, {@code ORG_KIND:<PUBLIC|NON_PROFIT|COMMERCIAL>},
 * {@code PLACE:<FRANCE_ONLY|EU_ONLY>}. Timestamps are ISO-8601 instants.
 */
public final class Objections {

    public static final String SCOPE_PATTERN = "^(GLOBAL|PURPOSE:(PUBLIC_HEALTH|HEALTH_POLICY|OFFICIAL_STATISTICS|EDUCATION"
            + "|SCIENTIFIC_RESEARCH|IMPROVING_CARE)|ORG_KIND:(PUBLIC|NON_PROFIT|COMMERCIAL)|PLACE:(FRANCE_ONLY|EU_ONLY))$";

    public static final StructType SCHEMA = new StructType()
            .add("person_source_id", DataTypes.StringType, false)
            .add("scope", DataTypes.StringType, false)
            .add("recorded_at", DataTypes.TimestampType, false)
            .add("withdrawn_at", DataTypes.TimestampType, true);

    private Objections() {
    }

    public static Dataset<Row> empty(SparkSession spark) {
        return spark.createDataFrame(List.of(), SCHEMA);
    }

    /** Reads a CSV (with header) or Parquet file or folder, and refuses unknown scopes or missing fields. */
    public static Dataset<Row> read(SparkSession spark, String location) {
        String uri = Storage.normalise(location);
        if (!new Storage(spark).exists(uri)) {
            throw new EngineException("The objections snapshot " + location + " does not exist");
        }
        Dataset<Row> raw = uri.endsWith(".parquet") || !uri.endsWith(".csv")
                && new Storage(spark).listFiles(uri).stream().anyMatch(f -> f.endsWith(".parquet"))
                ? spark.read().parquet(uri)
                : spark.read().option("header", "true").option("mode", "FAILFAST").csv(uri);
        List<String> columns = Arrays.asList(raw.columns());
        for (String required : List.of("person_source_id", "scope", "recorded_at")) {
            if (!columns.contains(required)) {
                throw new EngineException("The objections snapshot has no column " + required
                        + " (expected person_source_id, scope, recorded_at[, withdrawn_at])");
            }
        }
        if (!columns.contains("withdrawn_at")) {
            raw = raw.withColumn("withdrawn_at", lit(null).cast("timestamp"));
        }
        Dataset<Row> typed = raw.select(col("person_source_id").cast("string"), col("scope").cast("string"),
                to_timestamp(col("recorded_at").cast("string")).as("recorded_at"),
                to_timestamp(col("withdrawn_at").cast("string")).as("withdrawn_at"));
        long bad = typed.filter(col("person_source_id").isNull().or(col("recorded_at").isNull())
                .or(col("scope").isNull()).or(col("scope").rlike(SCOPE_PATTERN).unary_$bang())).count();
        if (bad > 0) {
            throw new EngineException("The objections snapshot has " + bad
                    + " invalid row(s): each needs person_source_id, an ISO instant recorded_at and a scope among GLOBAL, "
                    + "PURPOSE:<art. 53 code>, ORG_KIND:<PUBLIC|NON_PROFIT|COMMERCIAL>, PLACE:<FRANCE_ONLY|EU_ONLY>");
        }
        return typed;
    }
}
