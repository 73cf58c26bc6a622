package fr.hygie.research.engine.warehouse;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.to_date;

import fr.hygie.research.engine.EngineException;
import fr.hygie.research.engine.io.Storage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The four NDJSON files of hygie-synth (persons, events, professionals, structures). Explicit schemas:
 * no inference pass over gigabytes, and fields that must never reach the warehouse (NIR, names,
 * address line, phone, e-mail, document title and body) are simply not read.
 *
 * <p>The platform-internal id of person {@code i} is {@code synth-<i zero-padded to 7>}: the NDJSON files
 * carry no platform id, and the NIR must not be used as one.
 */
public final class SynthNdjsonSource implements WarehouseSource {

    private static final StructType PERSON_JSON = new StructType()
            .add("index", DataTypes.IntegerType)
            .add("birthDate", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("residenceInsee", DataTypes.StringType)
            .add("postcode", DataTypes.StringType)
            .add("department", DataTypes.StringType)
            .add("regionCode", DataTypes.StringType)
            .add("medecinTraitantRpps", DataTypes.StringType);

    private static final StructType EVENT_JSON = new StructType()
            .add("type", DataTypes.StringType)
            .add("personIndex", DataTypes.IntegerType)
            .add("sequence", DataTypes.IntegerType)
            .add("date", DataTypes.StringType)
            .add("icd10", DataTypes.StringType)
            .add("atc", DataTypes.StringType)
            .add("vaccineCode", DataTypes.StringType)
            .add("loinc", DataTypes.StringType)
            .add("loincType", DataTypes.StringType)
            .add("value", DataTypes.DoubleType)
            .add("unit", DataTypes.StringType)
            .add("dosage", DataTypes.StringType)
            .add("conditionIcd10", DataTypes.StringType)
            .add("prescriberRpps", DataTypes.StringType)
            .add("authorRpps", DataTypes.StringType);

    private static final StructType PROFESSIONAL_JSON = new StructType()
            .add("rpps", DataTypes.StringType)
            .add("professionCode", DataTypes.StringType)
            .add("specialtyCode", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("structureFiness", DataTypes.StringType)
            .add("communeInsee", DataTypes.StringType)
            .add("postcode", DataTypes.StringType)
            .add("department", DataTypes.StringType)
            .add("regionCode", DataTypes.StringType);

    private static final StructType STRUCTURE_JSON = new StructType()
            .add("finess", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("legalEntityFiness", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("communeInsee", DataTypes.StringType)
            .add("postcode", DataTypes.StringType)
            .add("department", DataTypes.StringType);

    private final String dir;

    /** @param dir local path or Hadoop URI of the folder written by {@code SynthCli} */
    public SynthNdjsonSource(String dir) {
        this.dir = Storage.normalise(dir);
    }

    @Override
    public String describe() {
        return "hygie-synth NDJSON";
    }

    /** The platform-internal id the synth source gives person {@code index}. */
    public static String personSourceId(int index) {
        return String.format("synth-%07d", index);
    }

    private static Column sourceId(Column index) {
        return concat(lit("synth-"), lpad(index.cast("string"), 7, "0"));
    }

    @Override
    public Staging read(SparkSession spark) {
        Storage storage = new Storage(spark);
        for (String f : new String[] {"persons.ndjson", "events.ndjson", "professionals.ndjson", "structures.ndjson"}) {
            if (!storage.exists(Storage.child(dir, f))) {
                throw new EngineException("The synth source " + dir + " has no " + f
                        + " (expected the output folder of fr.hygie.synth.SynthCli)");
            }
        }
        Dataset<Row> persons = spark.read().schema(PERSON_JSON).option("mode", "FAILFAST")
                .json(Storage.child(dir, "persons.ndjson"))
                .select(sourceId(col("index")).as("person_source_id"),
                        to_date(col("birthDate")).as("birth_date"),
                        col("sex"),
                        col("residenceInsee").as("commune_insee"),
                        col("postcode"),
                        col("department"),
                        col("regionCode").as("region_code"),
                        col("medecinTraitantRpps").as("gp_rpps"));
        Dataset<Row> events = spark.read().schema(EVENT_JSON).option("mode", "FAILFAST")
                .json(Storage.child(dir, "events.ndjson"))
                .select(sourceId(col("personIndex")).as("person_source_id"),
                        col("type").as("event_type"),
                        col("sequence"),
                        to_date(col("date")).as("event_date"),
                        coalesce(col("icd10"), col("atc"), col("vaccineCode"), col("loinc"), col("loincType")).as("code"),
                        col("value"),
                        col("unit"),
                        col("dosage"),
                        col("conditionIcd10").as("related_code"),
                        coalesce(col("prescriberRpps"), col("authorRpps")).as("provider_rpps"));
        Dataset<Row> professionals = spark.read().schema(PROFESSIONAL_JSON).option("mode", "FAILFAST")
                .json(Storage.child(dir, "professionals.ndjson"))
                .select(col("rpps"), col("professionCode").as("profession_code"),
                        col("specialtyCode").as("specialty_code"), col("sex"),
                        col("structureFiness").as("structure_finess"), col("communeInsee").as("commune_insee"),
                        col("postcode"), col("department"), col("regionCode").as("region_code"));
        Dataset<Row> structures = spark.read().schema(STRUCTURE_JSON).option("mode", "FAILFAST")
                .json(Storage.child(dir, "structures.ndjson"))
                .select(col("finess"), col("kind"), col("legalEntityFiness").as("legal_entity_finess"),
                        col("category"), col("name"), col("communeInsee").as("commune_insee"), col("postcode"),
                        col("department"));
        return new Staging(persons, events, professionals, structures);
    }
}
