package fr.hygie.research.engine.extract;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.hygie.research.engine.EngineException;
import fr.hygie.research.engine.EngineVersion;
import fr.hygie.research.engine.Progress;
import fr.hygie.research.engine.RunLog;
import fr.hygie.research.engine.extract.ExtractionSpec.Cohort;
import fr.hygie.research.engine.extract.ExtractionSpec.MeasurementCriterion;
import fr.hygie.research.engine.extract.ExtractionSpec.Mode;
import fr.hygie.research.engine.io.Storage;
import fr.hygie.research.engine.warehouse.Objections;
import fr.hygie.research.engine.warehouse.WarehouseJob;
import java.io.IOException;
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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Extraction job for one approved project: drop objectors → cohort → minimise → per-project pseudonyms →
 * output by mode (pseudonymised rows, anonymised rows, aggregates), each with its disclosure checks.
 *
 * <p>Output folder layout:
 * <pre>
 * OUT/project/     released to the project's space once checked: data files, disclosure-report.json, manifest.json
 * OUT/membership/  stays in the platform: included.csv, excluded-by-objection.csv (platform ids)
 * OUT/run.log      stages, counts and wall times; no data
 * </pre>
 * Same snapshot + specification + key → byte-identical {@code project/} files: every output is sorted,
 * written as one file with a fixed name, and carries no time (times are in run.log only).
 */
public final class ExtractionJob {

    private final SparkSession spark;
    private final Storage storage;
    private final Progress progress;
    private final RunLog log;

    public ExtractionJob(SparkSession spark, Progress progress, RunLog log) {
        this.spark = spark;
        this.storage = new Storage(spark);
        this.progress = progress;
        this.log = log;
    }

    /** Counts and decisions of one run; also written as disclosure-report.json. */
    public record Result(Map<String, Object> report, Map<String, Object> manifest) {
    }

    public Result run(String warehouse, byte[] specBytes, byte[] key, String objectionsLocation, String out) {
        ExtractionSpec spec = new SpecParser().parse(specBytes);
        Mode mode = spec.output().mode();
        if (mode == Mode.PSEUDONYMISED_ROWS && key == null) {
            throw new EngineException("PSEUDONYMISED_ROWS needs the project's key: give --key-file");
        }
        if (key != null && key.length < 16) {
            throw new EngineException("The key file holds " + key.length + " bytes; a project key has at least 16");
        }
        String wh = Storage.normalise(warehouse);
        String root = Storage.normalise(out);
        String snapshotFile = Storage.child(wh, WarehouseJob.SNAPSHOT_FILE);
        if (!storage.exists(snapshotFile)) {
            throw new EngineException("No warehouse snapshot at " + warehouse + " (missing " + WarehouseJob.SNAPSHOT_FILE
                    + "; run the warehouse job first)");
        }
        Instant snapshotTime;
        try {
            JsonNode snap = new ObjectMapper().readTree(storage.readBytes(snapshotFile));
            snapshotTime = Instant.parse(snap.get("snapshotTime").asText());
        } catch (IOException | RuntimeException e) {
            throw new EngineException("The warehouse snapshot description " + snapshotFile + " is unreadable", e);
        }
        LocalDate referenceDate = spec.referenceDate() != null ? spec.referenceDate()
                : snapshotTime.atOffset(ZoneOffset.UTC).toLocalDate();
        int total = 6;
        String project = Storage.child(root, "project");
        String membership = Storage.child(root, "membership");
        storage.delete(project);
        storage.delete(membership);
        log.info("extract: project " + spec.projectId() + ", mode " + mode + ", snapshot " + snapshotTime);

        // 1. Objections that apply to this project at the snapshot time; objectors are dropped before any
        //    other processing of their data for the project (not even the cohort criteria see them).
        Dataset<Row> persons = persons(wh, referenceDate);
        Dataset<Row> objections = objectionsLocation != null ? Objections.read(spark, objectionsLocation)
                : spark.read().parquet(Storage.child(wh, "objections"));
        Dataset<Row> objectors = broadcast(applicable(objections, spec, snapshotTime)
                .select(col("person_source_id").as("objector_id")).distinct());
        Column isObjector = col("person_source_value").equalTo(col("objector_id"));
        Dataset<Row> excluded = persons.join(objectors, isObjector, "left_semi").select("person_source_value");
        Dataset<Row> eligible = persons.join(objectors, isObjector, "left_anti");
        long personsInSnapshot = persons.count();
        long excludedCount = excluded.count();
        progress.step("extract.objections", 1, total);
        log.info("extract: " + personsInSnapshot + " persons in the snapshot, " + excludedCount + " excluded by objection");

        // 2. Cohort and 3. minimisation: only the requested variables are computed.
        Dataset<Row> cohort = cohort(wh, eligible, spec).persist(StorageLevel.MEMORY_AND_DISK());
        long cohortSize = cohort.count();
        progress.step("extract.cohort", 2, total);
        log.info("extract: cohort of " + cohortSize + " persons");

        // 4. Pseudonyms, 5. output by mode.
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("projectId", spec.projectId());
        report.put("mode", mode.name());
        report.put("snapshotTime", snapshotTime.toString());
        report.put("referenceDate", referenceDate.toString());
        report.put("personsInSnapshot", personsInSnapshot);
        report.put("objectorsExcluded", excludedCount);
        report.put("cohortSize", cohortSize);
        UserDefinedFunction pseudonym = key == null ? null : udf(new HmacPseudonym(key), DataTypes.StringType);
        List<String> dataFiles;
        switch (mode) {
            case PSEUDONYMISED_ROWS:
                dataFiles = pseudonymised(cohort, spec, pseudonym, project, report);
                break;
            case ANONYMISED_ROWS:
                dataFiles = anonymised(cohort, spec, project, report);
                break;
            default:
                dataFiles = aggregates(cohort, spec, project, report);
        }
        progress.step("extract.output", 3, total);

        // Membership lists stay in the platform: the registry counts and "my data in research" use them.
        Dataset<Row> included = cohort.select(col("person_source_value").as("person_source_id"));
        if (pseudonym != null) {
            included = included.withColumn("pseudonym", pseudonym.apply(col("person_source_id")));
        }
        storage.writeSingleFile(included.repartition(1).sortWithinPartitions("person_source_id"), "csv",
                Storage.child(membership, "included.csv"));
        storage.writeSingleFile(excluded.select(col("person_source_value").as("person_source_id")).repartition(1)
                .sortWithinPartitions("person_source_id"), "csv", Storage.child(membership, "excluded-by-objection.csv"));
        progress.step("extract.membership", 4, total);

        storage.writeString(Storage.child(project, "disclosure-report.json"), json(report));
        progress.step("extract.report", 5, total);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "hygie-extraction-manifest/1");
        manifest.put("engineVersion", EngineVersion.VERSION);
        manifest.put("projectId", spec.projectId());
        manifest.put("mode", mode.name());
        manifest.put("specificationSchemaVersion", spec.schemaVersion());
        manifest.put("specificationSha256", Storage.sha256(specBytes));
        manifest.put("snapshotTime", snapshotTime.toString());
        manifest.put("warehouseSnapshotSha256", storage.sha256(snapshotFile));
        if (key != null) {
            // Identifies which key was used without revealing it: HMAC of a fixed label under the key.
            manifest.put("keyFingerprint", HmacPseudonym.hex(key, "hygie-research-engine/key-fingerprint").substring(0, 16));
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (String f : storage.listFiles(project)) {
            if (f.equals("manifest.json")) {
                continue;
            }
            String path = Storage.child(project, f);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", f);
            entry.put("bytes", storage.length(path));
            entry.put("sha256", storage.sha256(path));
            files.add(entry);
        }
        manifest.put("files", files);
        manifest.put("dataFiles", dataFiles);
        storage.writeString(Storage.child(project, "manifest.json"), json(manifest));
        cohort.unpersist();
        progress.step("extract.done", total, total);
        log.info("extract: done, " + files.size() + " files in project/");
        return new Result(report, manifest);
    }

    /** Persons of the snapshot with the attributes the cohort and variables may use. */
    private Dataset<Row> persons(String wh, LocalDate referenceDate) {
        Dataset<Row> location = spark.read().parquet(Storage.child(wh, "omop/location"))
                .select(col("location_id"), col("location_source_value").as("commune"), col("county").as("department"),
                        col("state").as("region"));
        Column birth = make_date(col("year_of_birth"), col("month_of_birth"), col("day_of_birth"));
        return spark.read().parquet(Storage.child(wh, "omop/person"))
                .join(broadcast(location), "location_id", "left")
                .select(col("person_id"), col("person_source_value"), col("gender_source_value").as("sex"),
                        floor(months_between(lit(referenceDate), birth, true).divide(12)).cast("int").as("age"),
                        col("commune"), col("department"), col("region"));
    }

    static Dataset<Row> applicable(Dataset<Row> objections, ExtractionSpec spec, Instant snapshotTime) {
        Column at = lit(java.sql.Timestamp.from(snapshotTime));
        Column scope = col("scope");
        Column matches = scope.equalTo("GLOBAL")
                .or(scope.equalTo("PURPOSE:" + spec.purpose()))
                .or(scope.equalTo("ORG_KIND:" + spec.organisationKind()))
                .or(scope.equalTo("PLACE:FRANCE_ONLY").and(lit(!spec.placeOfProcessing().equals("FRANCE"))))
                .or(scope.equalTo("PLACE:EU_ONLY").and(lit(spec.placeOfProcessing().equals("OUTSIDE_EU"))));
        return objections.filter(col("recorded_at").leq(at)
                .and(col("withdrawn_at").isNull().or(col("withdrawn_at").gt(at)))
                .and(matches));
    }

    private static Column normalisedCode(String column) {
        return regexp_replace(col(column), "\\.", "");
    }

    private static Column startsWithAny(Column code, List<String> prefixes) {
        Column c = lit(false);
        for (String p : prefixes) {
            c = c.or(code.startsWith(p.replace(".", "")));
        }
        return c;
    }

    private static Column inPeriod(Column date, Cohort cohort) {
        Column c = date.isNotNull();
        if (cohort.periodFrom() != null) {
            c = c.and(date.geq(lit(cohort.periodFrom())));
        }
        if (cohort.periodTo() != null) {
            c = c.and(date.leq(lit(cohort.periodTo())));
        }
        return c;
    }

    /** Output column name of a variable: "condition:E11" → "condition_E11", "measurement_last:4548-4" → "measurement_last_4548_4". */
    public static String column(String variable) {
        return variable.replace(':', '_').replace('-', '_').replace('.', '_');
    }

    private Dataset<Row> cohort(String wh, Dataset<Row> eligible, ExtractionSpec spec) {
        Cohort c = spec.cohort();
        Dataset<Row> p = eligible;
        if (!c.sex().isEmpty()) {
            p = p.filter(col("sex").isin(c.sex().toArray()));
        }
        if (c.ageMin() != null) {
            p = p.filter(col("age").geq(c.ageMin()));
        }
        if (c.ageMax() != null) {
            p = p.filter(col("age").leq(c.ageMax()));
        }
        if (!c.regions().isEmpty() || !c.departments().isEmpty() || !c.communes().isEmpty()) {
            p = p.filter(col("region").isin(c.regions().toArray()).or(col("department").isin(c.departments().toArray()))
                    .or(col("commune").isin(c.communes().toArray())));
        }
        List<String> vars = spec.variables();

        // Conditions: cohort criterion and condition variables in one pass over the table.
        List<Column> condAggs = new ArrayList<>();
        Column code = normalisedCode("condition_source_value");
        if (!c.conditions().isEmpty()) {
            condAggs.add(max(startsWithAny(code, c.conditions())).as("_cohort_condition"));
        }
        for (String v : vars) {
            if (v.startsWith("condition:")) {
                condAggs.add(max(startsWithAny(code, List.of(v.substring(10)))).as(column(v)));
            } else if (v.startsWith("condition_first_date:")) {
                condAggs.add(min(when(startsWithAny(code, List.of(v.substring(21))), col("condition_start_date")))
                        .as(column(v)));
            }
        }
        if (!condAggs.isEmpty()) {
            Dataset<Row> agg = spark.read().parquet(Storage.child(wh, "omop/condition_occurrence"))
                    .filter(inPeriod(col("condition_start_date"), c))
                    .groupBy("person_id").agg(condAggs.get(0), condAggs.subList(1, condAggs.size()).toArray(new Column[0]));
            p = p.join(agg, "person_id", "left");
        }
        List<Column> drugAggs = new ArrayList<>();
        Column atc = normalisedCode("drug_source_value");
        if (!c.drugs().isEmpty()) {
            drugAggs.add(max(startsWithAny(atc, c.drugs())).as("_cohort_drug"));
        }
        for (String v : vars) {
            if (v.startsWith("drug:")) {
                drugAggs.add(max(startsWithAny(atc, List.of(v.substring(5)))).as(column(v)));
            }
        }
        if (!drugAggs.isEmpty()) {
            Dataset<Row> agg = spark.read().parquet(Storage.child(wh, "omop/drug_exposure"))
                    .filter(inPeriod(col("drug_exposure_start_date"), c))
                    .groupBy("person_id").agg(drugAggs.get(0), drugAggs.subList(1, drugAggs.size()).toArray(new Column[0]));
            p = p.join(agg, "person_id", "left");
        }
        List<Column> measAggs = new ArrayList<>();
        Column loinc = col("measurement_source_value");
        Column value = col("value_as_number");
        if (!c.measurements().isEmpty()) {
            Column any = lit(false);
            for (MeasurementCriterion m : c.measurements()) {
                Column one = loinc.equalTo(m.loinc());
                if (m.min() != null) {
                    one = one.and(value.geq(m.min()));
                }
                if (m.max() != null) {
                    one = one.and(value.leq(m.max()));
                }
                any = any.or(one);
            }
            measAggs.add(max(coalesce(any, lit(false))).as("_cohort_measurement"));
        }
        for (String v : vars) {
            if (v.startsWith("measurement_last:")) {
                Column is = loinc.equalTo(v.substring(17));
                measAggs.add(max_by(when(is, value), when(is, struct(col("measurement_date"), col("measurement_id"))))
                        .as(column(v)));
            }
        }
        if (!measAggs.isEmpty()) {
            Dataset<Row> agg = spark.read().parquet(Storage.child(wh, "omop/measurement"))
                    .filter(inPeriod(col("measurement_date"), c))
                    .groupBy("person_id").agg(measAggs.get(0), measAggs.subList(1, measAggs.size()).toArray(new Column[0]));
            p = p.join(agg, "person_id", "left");
        }
        for (String flag : List.of("_cohort_condition", "_cohort_drug", "_cohort_measurement")) {
            if (List.of(p.columns()).contains(flag)) {
                p = p.filter(coalesce(col(flag), lit(false)));
            }
        }
        for (String v : vars) {
            if (v.startsWith("condition:") || v.startsWith("drug:")) {
                p = p.withColumn(column(v), coalesce(col(column(v)), lit(false)));
            }
        }
        List<Column> keep = new ArrayList<>();
        keep.add(col("person_source_value"));
        for (String v : vars) {
            keep.add(col(column(v)));
        }
        return p.select(keep.toArray(new Column[0]));
    }

    private static Column date(Column d, String granularity) {
        return date_format(d, granularity.equals("YEAR") ? "yyyy" : "yyyy-MM");
    }

    /** Variables as released: age banded, dates at the specification's granularity, everything else as is. */
    private static List<Column> released(ExtractionSpec spec, boolean asStrings) {
        List<Column> cols = new ArrayList<>();
        int band = spec.output().ageBand();
        for (String v : spec.variables()) {
            String name = column(v);
            Column c = col(name);
            if (v.equals("age")) {
                c = band == 1 ? (asStrings ? c.cast("string") : c)
                        : org.apache.spark.sql.functions.concat(floor(c.divide(band)).multiply(band).cast("int").cast("string"),
                                lit("-"), floor(c.divide(band)).multiply(band).plus(band - 1).cast("int").cast("string"));
            } else if (v.startsWith("condition_first_date:")) {
                c = date(c, spec.output().dateGranularity());
            } else if (asStrings) {
                c = c.cast("string");
            }
            cols.add(c.as(name));
        }
        return cols;
    }

    private List<String> pseudonymised(Dataset<Row> cohort, ExtractionSpec spec, UserDefinedFunction pseudonym,
            String project, Map<String, Object> report) {
        List<Column> cols = new ArrayList<>();
        cols.add(pseudonym.apply(col("person_source_value")).as("pseudonym"));
        cols.addAll(released(spec, false));
        Dataset<Row> rows = cohort.select(cols.toArray(new Column[0])).repartition(1).sortWithinPartitions("pseudonym");
        report.put("rowsReleased", cohort.count());
        report.put("ageBand", spec.output().ageBand());
        report.put("dateGranularity", spec.output().dateGranularity());
        return writeBoth(rows, project, "persons");
    }

    private List<String> writeBoth(Dataset<Row> rows, String project, String name) {
        Dataset<Row> cached = rows.persist(StorageLevel.MEMORY_AND_DISK());
        storage.writeSingleFile(cached, "parquet", Storage.child(project, name + ".parquet"));
        storage.writeSingleFile(cached, "csv", Storage.child(project, name + ".csv"));
        cached.unpersist();
        return List.of(name + ".parquet", name + ".csv");
    }

    private List<String> anonymised(Dataset<Row> cohort, ExtractionSpec spec, String project, Map<String, Object> report) {
        ExtractionSpec.Output o = spec.output();
        // Declared quasi-identifiers, plus every demographic, territorial and date variable whatever was
        // declared: those are what an attacker knows first (age, sex, place of residence, dates of care).
        List<String> qis = new ArrayList<>();
        for (String v : spec.variables()) {
            boolean implicit = v.equals("age") || v.equals("sex") || Generalisation.kindOf(v) != Generalisation.Kind.OTHER;
            if (implicit || o.quasiIdentifiers().contains(v)) {
                qis.add(v);
            }
        }
        Dataset<Row> base = cohort.select(released(spec, true).toArray(new Column[0]))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Column> groupCols = new ArrayList<>();
        qis.forEach(q -> groupCols.add(col(column(q))));
        o.sensitiveAttributes().forEach(s -> groupCols.add(col(column(s))));
        List<Anonymiser.Combination> combos = new ArrayList<>();
        if (!groupCols.isEmpty()) {
            for (Row r : base.groupBy(groupCols.toArray(new Column[0])).count().collectAsList()) {
                List<String> q = new ArrayList<>();
                for (int i = 0; i < qis.size(); i++) {
                    q.add(r.isNullAt(i) ? null : String.valueOf(r.get(i)));
                }
                List<String> s = new ArrayList<>();
                for (int i = 0; i < o.sensitiveAttributes().size(); i++) {
                    int j = qis.size() + i;
                    s.add(r.isNullAt(j) ? null : String.valueOf(r.get(j)));
                }
                combos.add(new Anonymiser.Combination(q, s, r.getLong(r.length() - 1)));
            }
        } else {
            combos.add(new Anonymiser.Combination(List.of(), List.of(), base.count()));
        }
        Anonymiser.Plan plan = new Anonymiser(qis, o.k(), o.l(), o.maxSuppressionRate(), o.ageBand(),
                o.dateGranularity()).plan(combos);

        // Apply the plan: a small mapping table (base key → generalised key, kept) joined on the base values.
        StructType mapSchema = new StructType();
        for (String q : qis) {
            mapSchema = mapSchema.add("b_" + column(q), DataTypes.StringType);
        }
        for (String q : qis) {
            mapSchema = mapSchema.add("g_" + column(q), DataTypes.StringType);
        }
        List<Row> mapRows = new ArrayList<>();
        for (Map.Entry<List<String>, List<String>> e : plan.generalised().entrySet()) {
            if (plan.suppressedClasses().contains(e.getValue())) {
                continue;
            }
            List<Object> values = new ArrayList<>(e.getKey());
            values.addAll(e.getValue());
            mapRows.add(RowFactory.create(values.toArray()));
        }
        Dataset<Row> released;
        if (qis.isEmpty()) {
            released = plan.suppressedClasses().isEmpty() ? base : base.limit(0);
        } else {
            Dataset<Row> mapping = broadcast(spark.createDataFrame(mapRows, mapSchema));
            Column on = lit(true);
            for (String q : qis) {
                on = on.and(col(column(q)).eqNullSafe(col("b_" + column(q))));
            }
            Dataset<Row> joined = base.join(mapping, on, "inner");
            List<Column> out = new ArrayList<>();
            for (String v : spec.variables()) {
                out.add(qis.contains(v) ? col("g_" + column(v)).as(column(v)) : col(column(v)));
            }
            released = joined.select(out.toArray(new Column[0]));
        }
        String[] all = released.columns();
        Dataset<Row> sorted = released.repartition(1).sortWithinPartitions(
                java.util.Arrays.stream(all).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        List<String> files = writeBoth(sorted, project, "persons");
        long rowsReleased = plan.rowsBefore() - plan.rowsSuppressed();
        base.unpersist();

        Map<String, Object> anon = new LinkedHashMap<>();
        anon.put("quasiIdentifiersDeclared", o.quasiIdentifiers());
        anon.put("quasiIdentifiers", qis);
        Map<String, String> levels = new LinkedHashMap<>();
        for (int i = 0; i < qis.size(); i++) {
            levels.put(qis.get(i), Generalisation.levels(qis.get(i), o.ageBand(), o.dateGranularity())[plan.levels()[i]]);
        }
        anon.put("generalisation", levels);
        anon.put("kRequired", o.k());
        anon.put("kReached", plan.kReached());
        anon.put("sensitiveAttributes", o.sensitiveAttributes());
        anon.put("lRequired", o.l());
        anon.put("lReached", o.sensitiveAttributes().isEmpty() ? null : plan.lReached());
        anon.put("maxSuppressionRate", o.maxSuppressionRate());
        anon.put("rowsBeforeSuppression", plan.rowsBefore());
        anon.put("rowsSuppressed", plan.rowsSuppressed());
        anon.put("suppressionLimitMet", plan.meetsSuppressionLimit());
        anon.put("dateGranularity", o.dateGranularity());
        report.put("anonymisation", anon);
        report.put("rowsReleased", rowsReleased);
        log.info("extract: anonymised, k reached " + plan.kReached() + ", rows suppressed " + plan.rowsSuppressed());
        return files;
    }

    private List<String> aggregates(Dataset<Row> cohort, ExtractionSpec spec, String project, Map<String, Object> report) {
        ExtractionSpec.Output o = spec.output();
        int t = o.smallCellThreshold();
        List<String> dims = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (String v : spec.variables()) {
            (v.startsWith("condition:") || v.startsWith("drug:") ? flags : dims).add(v);
        }
        Dataset<Row> base = cohort.select(released(spec, false).toArray(new Column[0]));
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)).as("persons"));
        for (String f : flags) {
            aggs.add(count(when(col(column(f)), lit(1))).as("n_" + column(f)));
        }
        Dataset<Row> counts;
        if (dims.isEmpty()) {
            counts = base.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
        } else {
            counts = base.groupBy(dims.stream().map(d -> col(column(d))).toArray(Column[]::new))
                    .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
        }
        List<String> measures = new ArrayList<>();
        measures.add("persons");
        flags.forEach(f -> measures.add("n_" + column(f)));
        // Small-cell suppression: a count from 1 to t-1 is withheld; when the group itself is small every
        // count of the row is withheld (its zeros would tell about fewer than t persons).
        Column smallGroup = col("persons").lt(t);
        List<Column> out = new ArrayList<>();
        List<Column> suppressedFlags = new ArrayList<>();
        dims.forEach(d -> out.add(col(column(d))));
        for (String m : measures) {
            Column c = col(m);
            Column suppressed = smallGroup.or(c.gt(0).and(c.lt(t)));
            Column kept = o.rounding() > 0
                    ? org.apache.spark.sql.functions.round(c.divide(o.rounding())).multiply(o.rounding()).cast("long") : c;
            out.add(when(suppressed, lit(null).cast("long")).otherwise(kept).as(m));
            suppressedFlags.add(when(suppressed, lit(1)).otherwise(lit(0)));
        }
        Column suppressedCells = suppressedFlags.stream().reduce(Column::plus).orElse(lit(0));
        Dataset<Row> withCount = counts.select(out.toArray(new Column[0])).persist(StorageLevel.MEMORY_AND_DISK());
        Row stats = counts.select(org.apache.spark.sql.functions.sum(suppressedCells).as("cells"),
                count(lit(1)).as("rows")).first();
        Dataset<Row> sorted = withCount.repartition(1).sortWithinPartitions(
                dims.isEmpty() ? new Column[] {col("persons")} : dims.stream().map(d -> col(column(d))).toArray(Column[]::new));
        List<String> files = writeBoth(sorted, project, "aggregates");
        withCount.unpersist();
        Map<String, Object> agg = new LinkedHashMap<>();
        agg.put("groupBy", dims);
        agg.put("counts", measures);
        agg.put("smallCellThreshold", t);
        agg.put("rounding", o.rounding());
        agg.put("ageBand", o.ageBand());
        agg.put("dateGranularity", o.dateGranularity());
        agg.put("cells", stats.isNullAt(1) ? 0 : stats.getLong(1) * measures.size());
        agg.put("cellsSuppressed", stats.isNullAt(0) ? 0 : stats.getLong(0));
        report.put("aggregates", agg);
        report.put("rowsReleased", stats.isNullAt(1) ? 0 : stats.getLong(1));
        return files;
    }

    static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
