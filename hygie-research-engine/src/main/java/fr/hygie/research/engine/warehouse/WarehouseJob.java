package fr.hygie.research.engine.warehouse;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.year;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.hygie.research.engine.EngineException;
import fr.hygie.research.engine.Progress;
import fr.hygie.research.engine.RunLog;
import fr.hygie.research.engine.io.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Warehouse job: a snapshot of the record as OMOP CDM v5.4 tables in Parquet, plus a snapshot of the
 * secondary-use objections. Source codes (CIM-10, ATC, LOINC) are kept in the {@code *_source_value}
 * columns; {@code *_concept_id} is the standard concept where a mapping is bundled or given, and 0
 * ("no matching concept", the OMOP convention) otherwise.
 *
 * <p>Identifiers: {@code person_id} is a stable surrogate, the 63-bit xxHash64 of the platform-internal
 * id, never the NIR; {@code person_source_value} holds the platform-internal id, so that objections and
 * "my data in research" can be joined inside the platform. The warehouse itself never leaves the platform.
 */
public final class WarehouseJob {

    public static final String SNAPSHOT_FILE = "_snapshot.json";
    public static final String CDM_VERSION = "5.4";
    /** OMOP type concept "EHR": every row comes from the shared health record. */
    static final int TYPE_EHR = 32817;
    /** OMOP visit concept "Outpatient Visit". */
    static final int VISIT_OUTPATIENT = 9202;

    public static final List<String> TABLES = List.of("person", "observation_period", "visit_occurrence",
            "condition_occurrence", "drug_exposure", "measurement", "observation", "procedure_occurrence",
            "location", "care_site", "provider");

    private final SparkSession spark;
    private final Storage storage;
    private final Progress progress;
    private final RunLog log;

    public WarehouseJob(SparkSession spark, Progress progress, RunLog log) {
        this.spark = spark;
        this.storage = new Storage(spark);
        this.progress = progress;
        this.log = log;
    }

    /**
     * @param objections  CSV or Parquet of objections, or {@code null} for none recorded
     * @param conceptMap  extra CSV (vocabulary,source_code,concept_id), e.g. derived from the Athena
     *                    vocabularies, or {@code null} for the bundled one only
     */
    public Map<String, Long> run(WarehouseSource source, String out, Instant snapshotTime, String objections,
            String conceptMap) {
        String root = Storage.normalise(out);
        int totalSteps = TABLES.size() + 3;
        int step = 0;
        log.info("warehouse: source " + source.describe() + ", snapshot time " + snapshotTime);
        progress.step("warehouse.read", step, totalSteps);
        Staging staging = source.read(spark);

        // Events are read once from the source and kept as columnar Parquet: every OMOP table is then
        // a cheap scan of the columns it needs instead of a new parse of the source.
        String stagingEvents = Storage.child(root, "_staging/events");
        staging.events().write().mode(SaveMode.Overwrite).parquet(stagingEvents);
        Dataset<Row> events = spark.read().parquet(stagingEvents)
                .withColumn("person_id", surrogate(col("person_source_id")));
        progress.step("warehouse.staging", ++step, totalSteps);
        log.info("warehouse: staged events");

        Dataset<Row> concepts = broadcast(concepts(conceptMap));
        LocalDate snapshotDate = snapshotTime.atOffset(ZoneOffset.UTC).toLocalDate();
        Map<String, Long> counts = new LinkedHashMap<>();

        Dataset<Row> persons = staging.persons();
        Dataset<Row> locations = locations(persons, staging.professionals(), staging.structures());
        counts.put("location", write(root, "location", locations));
        progress.step("warehouse.omop", ++step, totalSteps);

        counts.put("care_site", write(root, "care_site", staging.structures().select(
                surrogate(col("finess")).as("care_site_id"),
                lit(null).cast("string").as("care_site_name"),
                lit(0).as("place_of_service_concept_id"),
                surrogate(concat(lit("commune:"), col("commune_insee"))).as("location_id"),
                col("finess").as("care_site_source_value"),
                col("category").as("place_of_service_source_value"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        counts.put("provider", write(root, "provider", staging.professionals().select(
                surrogate(col("rpps")).as("provider_id"),
                lit(null).cast("string").as("provider_name"),
                lit(null).cast("string").as("npi"),
                lit(null).cast("string").as("dea"),
                lit(0).as("specialty_concept_id"),
                surrogate(col("structure_finess")).as("care_site_id"),
                lit(null).cast("int").as("year_of_birth"),
                genderConcept(col("sex"), concepts).as("gender_concept_id"),
                col("rpps").as("provider_source_value"),
                coalesce(col("specialty_code"), col("profession_code")).as("specialty_source_value"),
                lit(0).as("specialty_source_concept_id"),
                col("sex").as("gender_source_value"),
                lit(0).as("gender_source_concept_id"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        counts.put("person", write(root, "person", persons.select(
                surrogate(col("person_source_id")).as("person_id"),
                genderConcept(col("sex"), concepts).as("gender_concept_id"),
                year(col("birth_date")).as("year_of_birth"),
                month(col("birth_date")).as("month_of_birth"),
                dayofmonth(col("birth_date")).as("day_of_birth"),
                to_timestamp(col("birth_date")).as("birth_datetime"),
                lit(0).as("race_concept_id"),
                lit(0).as("ethnicity_concept_id"),
                surrogate(concat(lit("commune:"), col("commune_insee"))).as("location_id"),
                surrogate(col("gp_rpps")).as("provider_id"),
                lit(null).cast("long").as("care_site_id"),
                col("person_source_id").as("person_source_value"),
                col("sex").as("gender_source_value"),
                lit(0).as("gender_source_concept_id"),
                lit(null).cast("string").as("race_source_value"),
                lit(0).as("race_source_concept_id"),
                lit(null).cast("string").as("ethnicity_source_value"),
                lit(0).as("ethnicity_source_concept_id"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        Dataset<Row> dated = events.filter(col("event_date").isNotNull());
        // The record has no encounters yet: one outpatient visit per person and day of care.
        Column visitId = surrogate(concat(col("person_source_id"), lit("|"), col("event_date").cast("string")));
        counts.put("visit_occurrence", write(root, "visit_occurrence", dated
                .filter(col("event_type").notEqual("document"))
                .select(col("person_id"), col("person_source_id"), col("event_date")).distinct()
                .select(visitId.as("visit_occurrence_id"), col("person_id"),
                        lit(VISIT_OUTPATIENT).as("visit_concept_id"),
                        col("event_date").as("visit_start_date"), to_timestamp(col("event_date")).as("visit_start_datetime"),
                        col("event_date").as("visit_end_date"), to_timestamp(col("event_date")).as("visit_end_datetime"),
                        lit(TYPE_EHR).as("visit_type_concept_id"),
                        lit(null).cast("long").as("provider_id"), lit(null).cast("long").as("care_site_id"),
                        lit(null).cast("string").as("visit_source_value"), lit(0).as("visit_source_concept_id"),
                        lit(0).as("admitted_from_concept_id"), lit(0).as("discharged_to_concept_id"),
                        lit(null).cast("long").as("preceding_visit_occurrence_id"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        Column eventId = surrogate(concat(col("person_source_id"), lit("#"), col("sequence").cast("string")));
        counts.put("condition_occurrence", write(root, "condition_occurrence", mapped(events, "condition", "ICD10", concepts)
                .select(eventId.as("condition_occurrence_id"), col("person_id"),
                        col("concept_id").as("condition_concept_id"),
                        col("event_date").as("condition_start_date"), to_timestamp(col("event_date")).as("condition_start_datetime"),
                        lit(null).cast("date").as("condition_end_date"),
                        lit(TYPE_EHR).as("condition_type_concept_id"), lit(0).as("condition_status_concept_id"),
                        lit(null).cast("string").as("stop_reason"), lit(null).cast("long").as("provider_id"),
                        visitId.as("visit_occurrence_id"),
                        col("code").as("condition_source_value"), lit(0).as("condition_source_concept_id"),
                        lit(null).cast("string").as("condition_status_source_value"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        Dataset<Row> drugs = mapped(events, "medication", "ATC", concepts)
                .unionByName(mapped(events, "vaccination", "ATC", concepts));
        counts.put("drug_exposure", write(root, "drug_exposure", drugs
                .select(eventId.as("drug_exposure_id"), col("person_id"), col("concept_id").as("drug_concept_id"),
                        col("event_date").as("drug_exposure_start_date"),
                        to_timestamp(col("event_date")).as("drug_exposure_start_datetime"),
                        // OMOP requires an end date; the record has none yet, so the start date stands in.
                        col("event_date").as("drug_exposure_end_date"),
                        lit(null).cast("timestamp").as("drug_exposure_end_datetime"),
                        lit(null).cast("date").as("verbatim_end_date"),
                        lit(TYPE_EHR).as("drug_type_concept_id"),
                        lit(null).cast("string").as("stop_reason"), lit(null).cast("int").as("refills"),
                        lit(null).cast("double").as("quantity"), lit(null).cast("int").as("days_supply"),
                        col("dosage").as("sig"), lit(0).as("route_concept_id"),
                        lit(null).cast("string").as("lot_number"),
                        surrogate(col("provider_rpps")).as("provider_id"), visitId.as("visit_occurrence_id"),
                        col("code").as("drug_source_value"), lit(0).as("drug_source_concept_id"),
                        lit(null).cast("string").as("route_source_value"),
                        lit(null).cast("string").as("dose_unit_source_value"),
                        col("event_type").as("drug_exposure_kind"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        Dataset<Row> measures = mapped(events, "lab_result", "LOINC", concepts)
                .unionByName(mapped(events, "measurement", "LOINC", concepts));
        counts.put("measurement", write(root, "measurement", measures
                .select(eventId.as("measurement_id"), col("person_id"), col("concept_id").as("measurement_concept_id"),
                        col("event_date").as("measurement_date"), to_timestamp(col("event_date")).as("measurement_datetime"),
                        lit(TYPE_EHR).as("measurement_type_concept_id"), lit(0).as("operator_concept_id"),
                        col("value").as("value_as_number"), lit(0).as("value_as_concept_id"),
                        lit(0).as("unit_concept_id"), lit(null).cast("double").as("range_low"),
                        lit(null).cast("double").as("range_high"), lit(null).cast("long").as("provider_id"),
                        visitId.as("visit_occurrence_id"), col("code").as("measurement_source_value"),
                        lit(0).as("measurement_source_concept_id"), col("unit").as("unit_source_value"),
                        lit(null).cast("string").as("value_source_value"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        // Documents: only the fact that a document of a LOINC type was filed; titles and bodies are free
        // text that may name people, so they never enter the warehouse.
        counts.put("observation", write(root, "observation", mapped(events, "document", "LOINC", concepts)
                .select(eventId.as("observation_id"), col("person_id"), col("concept_id").as("observation_concept_id"),
                        col("event_date").as("observation_date"), to_timestamp(col("event_date")).as("observation_datetime"),
                        lit(TYPE_EHR).as("observation_type_concept_id"), lit(null).cast("double").as("value_as_number"),
                        lit(null).cast("string").as("value_as_string"), lit(0).as("value_as_concept_id"),
                        lit(0).as("qualifier_concept_id"), lit(0).as("unit_concept_id"),
                        surrogate(col("provider_rpps")).as("provider_id"), lit(null).cast("long").as("visit_occurrence_id"),
                        col("code").as("observation_source_value"), lit(0).as("observation_source_concept_id"),
                        lit(null).cast("string").as("unit_source_value"),
                        lit("document").as("observation_event_kind"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        // No procedure in the record yet: the table exists, empty, with its OMOP columns.
        StructType procedure = new StructType()
                .add("procedure_occurrence_id", DataTypes.LongType).add("person_id", DataTypes.LongType)
                .add("procedure_concept_id", DataTypes.IntegerType).add("procedure_date", DataTypes.DateType)
                .add("procedure_datetime", DataTypes.TimestampType).add("procedure_end_date", DataTypes.DateType)
                .add("procedure_type_concept_id", DataTypes.IntegerType).add("modifier_concept_id", DataTypes.IntegerType)
                .add("quantity", DataTypes.IntegerType).add("provider_id", DataTypes.LongType)
                .add("visit_occurrence_id", DataTypes.LongType).add("procedure_source_value", DataTypes.StringType)
                .add("procedure_source_concept_id", DataTypes.IntegerType).add("modifier_source_value", DataTypes.StringType);
        counts.put("procedure_occurrence", write(root, "procedure_occurrence", spark.createDataFrame(List.of(), procedure)));
        progress.step("warehouse.omop", ++step, totalSteps);

        // Observation period: from the first recorded event (or the snapshot day) to the snapshot day.
        Dataset<Row> firstEvent = dated.groupBy("person_id").agg(min("event_date").as("first_date"));
        counts.put("observation_period", write(root, "observation_period", spark.read()
                .parquet(Storage.child(root, "omop/person")).select("person_id")
                .join(firstEvent, "person_id", "left")
                .select(surrogate(concat(lit("op:"), col("person_id").cast("string"))).as("observation_period_id"),
                        col("person_id"),
                        least(coalesce(col("first_date"), lit(snapshotDate)), lit(snapshotDate))
                                .as("observation_period_start_date"),
                        lit(snapshotDate).as("observation_period_end_date"),
                        lit(TYPE_EHR).as("period_type_concept_id"))));
        progress.step("warehouse.omop", ++step, totalSteps);

        long objectionCount = 0;
        String objectionsOut = Storage.child(root, "objections");
        Dataset<Row> obj = objections == null ? Objections.empty(spark) : Objections.read(spark, objections);
        obj.write().mode(SaveMode.Overwrite).parquet(objectionsOut);
        objectionCount = spark.read().parquet(objectionsOut).count();
        counts.put("objections", objectionCount);
        progress.step("warehouse.objections", ++step, totalSteps);

        storage.delete(Storage.child(root, "_staging"));
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("format", "hygie-omop-snapshot/1");
        snapshot.put("cdmVersion", CDM_VERSION);
        snapshot.put("snapshotTime", snapshotTime.toString());
        snapshot.put("source", source.describe());
        snapshot.put("rows", counts);
        storage.writeString(Storage.child(root, SNAPSHOT_FILE), json(snapshot));
        progress.step("warehouse.done", totalSteps, totalSteps);
        log.info("warehouse: written " + counts);
        return counts;
    }

    /** Stable 63-bit surrogate of a key; null stays null. */
    static Column surrogate(Column key) {
        return xxhash64(key).bitwiseAND(lit(Long.MAX_VALUE)).as("surrogate");
    }

    private long write(String root, String table, Dataset<Row> data) {
        String path = Storage.child(root, "omop/" + table);
        data.write().mode(SaveMode.Overwrite).parquet(path);
        long n = spark.read().parquet(path).count();
        log.info("warehouse: " + table + " " + n + " rows");
        return n;
    }

    private Dataset<Row> locations(Dataset<Row> persons, Dataset<Row> professionals, Dataset<Row> structures) {
        Dataset<Row> communes = persons.select("commune_insee", "postcode", "department", "region_code")
                .unionByName(professionals.select("commune_insee", "postcode", "department", "region_code"))
                .unionByName(structures.select(col("commune_insee"), col("postcode"), col("department"),
                        lit(null).cast("string").as("region_code")))
                .filter(col("commune_insee").isNotNull())
                .groupBy("commune_insee")
                .agg(min("postcode").as("zip"), max("department").as("county"), max("region_code").as("state"));
        // Commune level only: no street address is kept for anyone.
        return communes.select(
                surrogate(concat(lit("commune:"), col("commune_insee"))).as("location_id"),
                lit(null).cast("string").as("address_1"), lit(null).cast("string").as("address_2"),
                lit(null).cast("string").as("city"), col("state"), col("zip"), col("county"),
                col("commune_insee").as("location_source_value"), lit(0).as("country_concept_id"),
                lit("FR").as("country_source_value"), lit(null).cast("double").as("latitude"),
                lit(null).cast("double").as("longitude"));
    }

    private Dataset<Row> mapped(Dataset<Row> events, String type, String vocabulary, Dataset<Row> concepts) {
        Dataset<Row> voc = concepts.filter(col("vocabulary").equalTo(vocabulary))
                .select(col("source_code").as("map_code"), col("concept_id").as("map_concept"));
        return events.filter(col("event_type").equalTo(type))
                .join(voc, col("code").equalTo(col("map_code")), "left")
                .withColumn("concept_id", coalesce(col("map_concept"), lit(0)))
                .drop("map_code", "map_concept");
    }

    private static Column genderConcept(Column sex, Dataset<Row> concepts) {
        // Two fixed values of the bundled map; a column expression avoids a join for them.
        return org.apache.spark.sql.functions.when(sex.equalTo("M"), lit(8507))
                .when(sex.equalTo("F"), lit(8532)).otherwise(lit(0));
    }

    private Dataset<Row> concepts(String extra) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = WarehouseJob.class.getResourceAsStream("/omop/concept-map.csv")) {
            readConcepts(new String(in.readAllBytes(), StandardCharsets.UTF_8), rows);
        } catch (IOException e) {
            throw new EngineException("Cannot read the bundled concept map", e);
        }
        if (extra != null) {
            readConcepts(storage.readString(Storage.normalise(extra)), rows);
        }
        StructType schema = new StructType().add("vocabulary", DataTypes.StringType)
                .add("source_code", DataTypes.StringType).add("concept_id", DataTypes.IntegerType);
        return spark.createDataFrame(rows, schema);
    }

    private static void readConcepts(String text, List<Row> rows) {
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line = r.readLine();
            if (line == null || !line.trim().equals("vocabulary,source_code,concept_id")) {
                throw new EngineException("A concept map must start with the header vocabulary,source_code,concept_id");
            }
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 3 || !f[2].trim().matches("\\d+")) {
                    throw new EngineException("Concept map line " + n + " is not vocabulary,source_code,concept_id");
                }
                rows.add(RowFactory.create(f[0].trim(), f[1].trim(), Integer.parseInt(f[2].trim())));
            }
        } catch (IOException e) {
            throw new EngineException("Cannot read a concept map", e);
        }
    }

    static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
