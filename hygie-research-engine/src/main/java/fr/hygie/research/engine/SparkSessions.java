package fr.hygie.research.engine;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the engine's Spark session. With no set-up it runs {@code local[*]} inside the engine's own JVM
 * (never the server's: STACK-NOTES "Run Spark in its own JVM"); {@code --master} or
 * {@code HYGIE_SPARK_MASTER} points it at any cluster (spark://, yarn, k8s://).
 */
public final class SparkSessions {

    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    public static SparkSession create(String master, Map<String, String> extraConf) {
        String effective = master != null ? master
                : System.getenv().getOrDefault("HYGIE_SPARK_MASTER", DEFAULT_MASTER);
        SparkSession.Builder b = SparkSession.builder()
                .appName("hygie-research-engine")
                .master(effective)
                .config("spark.ui.enabled", "false")
                // Dates and timestamps must not depend on the machine's zone: same snapshot, same outputs.
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.parquet.compression.codec", "snappy")
                .config("spark.sql.sources.partitionOverwriteMode", "static");
        if (effective.startsWith("local")) {
            // By default Spark binds to the external interface; on one machine nothing needs to reach it.
            b.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
            int cores = Runtime.getRuntime().availableProcessors();
            b.config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, cores * 4)));
        }
        extraConf.forEach(b::config);
        return b.getOrCreate();
    }
}
