package fr.hygie.research.engine.warehouse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The source-neutral shape every {@link WarehouseSource} produces, before the OMOP mapping. Only what
 * the warehouse needs is read: no NIR, no names, no street address, no phone, no document body ever
 * enters it (data minimisation, RGPD art. 5-1-c).
 *
 * @param persons       {@link #PERSONS}
 * @param events        {@link #EVENTS}, one row a care event
 * @param professionals {@link #PROFESSIONALS}
 * @param structures    {@link #STRUCTURES}
 */
public record Staging(Dataset<Row> persons, Dataset<Row> events, Dataset<Row> professionals,
        Dataset<Row> structures) {

    /** person_source_id: the platform-internal id (identity.patient.id), never the NIR. */
    public static final StructType PERSONS = new StructType()
            .add("person_source_id", DataTypes.StringType, false)
            .add("birth_date", DataTypes.DateType)
            .add("sex", DataTypes.StringType)
            .add("commune_insee", DataTypes.StringType)
            .add("postcode", DataTypes.StringType)
            .add("department", DataTypes.StringType)
            .add("region_code", DataTypes.StringType)
            .add("gp_rpps", DataTypes.StringType);

    /**
     * event_type: condition (code CIM-10), medication and vaccination (ATC), lab_result and
     * measurement (LOINC, value, unit), document (LOINC document type; metadata only).
     */
    public static final StructType EVENTS = new StructType()
            .add("person_source_id", DataTypes.StringType, false)
            .add("event_type", DataTypes.StringType, false)
            .add("sequence", DataTypes.IntegerType)
            .add("event_date", DataTypes.DateType)
            .add("code", DataTypes.StringType)
            .add("value", DataTypes.DoubleType)
            .add("unit", DataTypes.StringType)
            .add("dosage", DataTypes.StringType)
            .add("related_code", DataTypes.StringType)
            .add("provider_rpps", DataTypes.StringType);

    public static final StructType PROFESSIONALS = new StructType()
            .add("rpps", DataTypes.StringType, false)
            .add("profession_code", DataTypes.StringType)
            .add("specialty_code", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("structure_finess", DataTypes.StringType)
            .add("commune_insee", DataTypes.StringType)
            .add("postcode", DataTypes.StringType)
            .add("department", DataTypes.StringType)
            .add("region_code", DataTypes.StringType);

    public static final StructType STRUCTURES = new StructType()
            .add("finess", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType)
            .add("legal_entity_finess", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("commune_insee", DataTypes.StringType)
            .add("postcode", DataTypes.StringType)
            .add("department", DataTypes.StringType);
}
