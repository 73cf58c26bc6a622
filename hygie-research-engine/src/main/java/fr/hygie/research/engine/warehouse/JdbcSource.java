package fr.hygie.research.engine.warehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import fr.hygie.research.engine.EngineException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads the platform's PostgreSQL database, partitioned by patient id range.
 *
 * <p>Expected layout (schemas {@code identity} and {@code record}, owned by the server's modules):
 * <pre>
 * identity.patient(id uuid primary key, birth_date date, sex text ('M'|'F'), commune_insee text, postcode text)
 * record.profile_item(patient_id uuid, section text, code_system text, code text, value_number numeric,
 *                     value_unit text, effective_date date, status text)
 * </pre>
 * Events come from the active lines of the medical profile ("profil médical"), by code system: conditions
 * (section HISTORY, CIM-10), drugs (TREATMENTS, ATC → medication; VACCINATIONS, ATC → vaccination),
 * measurements (MEASUREMENTS, LOINC, value and unit). Family history is not the person's own condition and
 * is not read; neither are the display text nor the sealed note (data minimisation, RGPD art. 5-1-c).
 * Professionals and structures stay empty from this source. The NIR column, names and address lines are
 * never selected.
 *
 * <p>Partitioning: the driver asks PostgreSQL for {@code partitions - 1} id boundaries
 * ({@code ntile} over the primary key), then each Spark task reads one range
 * {@code id >= lo AND id < hi} through the primary-key index. Ranges are balanced whatever the id
 * distribution (UUID v7 ids are time-ordered, so fixed hex ranges would not be).
 * Credentials come from the environment ({@code HYGIE_RESEARCH_JDBC_USER}, {@code HYGIE_RESEARCH_JDBC_PASSWORD}),
 * never from the command line, where other users of the machine could read them.
 */
public final class JdbcSource implements WarehouseSource {

    private final String url;
    private final String user;
    private final String password;
    private final int partitions;

    public JdbcSource(String url, String user, String password, int partitions) {
        if (partitions < 1) {
            throw new EngineException("--partitions must be at least 1");
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.partitions = partitions;
    }

    @Override
    public String describe() {
        return "PostgreSQL (JDBC, " + partitions + " id-range partitions)";
    }

    /** The id boundaries (inclusive lower bounds of partitions 2..n), computed once by the driver. */
    List<String> boundaries() {
        String sql = "SELECT min(id::text) FROM (SELECT id, ntile(?) OVER (ORDER BY id) AS t FROM identity.patient) s "
                + "GROUP BY t ORDER BY t";
        List<String> lows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, properties());
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, partitions);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lows.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new EngineException("Cannot read identity.patient from the database: " + e.getMessage(), e);
        }
        return lows.isEmpty() ? lows : lows.subList(1, lows.size());
    }

    /** One predicate per partition; together they cover every id exactly once. */
    static String[] predicates(List<String> bounds) {
        String[] p = new String[bounds.size() + 1];
        for (int i = 0; i <= bounds.size(); i++) {
            String lo = i == 0 ? null : "id >= '" + bounds.get(i - 1) + "'::uuid";
            String hi = i == bounds.size() ? null : "id < '" + bounds.get(i) + "'::uuid";
            p[i] = lo == null && hi == null ? "TRUE" : lo == null ? hi : hi == null ? lo : lo + " AND " + hi;
        }
        return p;
    }

    /**
     * The profile lines as events, read through the same id ranges as the patients (the predicates apply
     * to the inner query's {@code id}, the patient id, so each task reads the events of its own patients).
     */
    private Dataset<Row> events(SparkSession spark, String[] predicates) {
        String table = "(SELECT p.id, p.id::text AS person_source_id, "
                + "CASE WHEN i.section = 'HISTORY' THEN 'condition' WHEN i.section = 'TREATMENTS' THEN 'medication' "
                + "WHEN i.section = 'VACCINATIONS' THEN 'vaccination' ELSE 'measurement' END AS event_type, "
                + "i.effective_date AS event_date, upper(i.code) AS code, i.value_number::float8 AS value, "
                + "i.value_unit AS unit "
                + "FROM record.profile_item i JOIN identity.patient p ON p.id = i.patient_id "
                + "WHERE i.status = 'ACTIVE' AND i.code IS NOT NULL AND ("
                + "(i.section = 'HISTORY' AND i.code_system = 'CIM-10') "
                + "OR (i.section IN ('TREATMENTS', 'VACCINATIONS') AND i.code_system = 'ATC') "
                + "OR (i.section = 'MEASUREMENTS' AND i.code_system = 'LOINC'))) AS e";
        Dataset<Row> raw = spark.read().jdbc(url, table, predicates, properties());
        return raw.select(col("person_source_id"), col("event_type"), lit(null).cast("int").as("sequence"),
                col("event_date").cast("date").as("event_date"), col("code"), col("value").cast("double").as("value"),
                col("unit"), lit(null).cast("string").as("dosage"), lit(null).cast("string").as("related_code"),
                lit(null).cast("string").as("provider_rpps"));
    }

    private Properties properties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("driver", "org.postgresql.Driver");
        p.setProperty("fetchsize", "10000");
        return p;
    }

    @Override
    public Staging read(SparkSession spark) {
        List<String> bounds = boundaries();
        for (String b : bounds) {
            if (!b.matches("[0-9a-f-]{36}")) {
                throw new EngineException("Unexpected patient id format in identity.patient");
            }
        }
        // The range predicates apply to the inner query's id column (through the primary-key index).
        String table = "(SELECT id, id::text AS person_source_id, birth_date, sex, commune_insee, postcode "
                + "FROM identity.patient) AS p";
        String[] predicates = predicates(bounds);
        Dataset<Row> raw = spark.read().jdbc(url, table, predicates, properties());
        UserDefinedFunction department = udf((UDF1<String, String>) Territories::departmentOf, DataTypes.StringType);
        UserDefinedFunction region = udf((UDF1<String, String>) d -> Territories.regionOf(d), DataTypes.StringType);
        Dataset<Row> persons = raw
                .withColumn("department", department.apply(col("commune_insee")))
                .withColumn("region_code", region.apply(col("department")))
                .select(col("person_source_id"), col("birth_date").cast("date").as("birth_date"), col("sex"),
                        col("commune_insee"), col("postcode"), col("department"), col("region_code"),
                        lit(null).cast("string").as("gp_rpps"));
        return new Staging(persons, events(spark, predicates),
                spark.createDataFrame(List.of(), Staging.PROFESSIONALS),
                spark.createDataFrame(List.of(), Staging.STRUCTURES));
    }
}
