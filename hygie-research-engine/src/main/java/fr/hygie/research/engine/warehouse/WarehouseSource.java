package fr.hygie.research.engine.warehouse;

import org.apache.spark.sql.SparkSession;

/**
 * Where the warehouse job reads the record from. Each adapter turns its source into the
 * {@link Staging} shape; the OMOP mapping is the same for all. Implementations read lazily and in
 * parallel (Spark partitions) so that the job scales with the cluster, not with the driver.
 */
public interface WarehouseSource {

    /** One line for the log and the snapshot description; no credentials. */
    String describe();

    Staging read(SparkSession spark);
}
