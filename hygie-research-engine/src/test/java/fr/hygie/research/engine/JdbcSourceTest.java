package fr.hygie.research.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.research.engine.warehouse.JdbcSource;
import fr.hygie.research.engine.warehouse.Staging;
import fr.hygie.research.engine.warehouse.WarehouseJob;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC source against a real PostgreSQL holding the documented identity.patient layout. */
class JdbcSourceTest {

    private static EmbeddedPostgres postgres;
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        url = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA identity");
            s.execute("CREATE TABLE identity.patient (id uuid PRIMARY KEY, nir text, birth_name text, birth_date date, "
                    + "sex text, commune_insee text, postcode text, address_line text)");
            s.execute("INSERT INTO identity.patient SELECT gen_random_uuid(), '1' || lpad(g::text, 14, '0'), 'NOM' || g, "
                    + "DATE '1950-01-01' + (g * 7), CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, "
                    + "(ARRAY['75056','2A004','97411','69123'])[1 + g % 4], '75001', g || ' rue de la Paix' "
                    + "FROM generate_series(1, 2000) g");
            // The record's profile lines: one person in ten has diabetes (CIM-10), metformin (ATC) and an HbA1c
            // (LOINC); family history and lines entered in error must never become the person's events.
            s.execute("CREATE SCHEMA record");
            s.execute("CREATE TABLE record.profile_item (id uuid PRIMARY KEY, patient_id uuid NOT NULL, section text NOT NULL, "
                    + "code_system text, code text, display text NOT NULL, value_number numeric(12,3), value_unit text, "
                    + "effective_date date NOT NULL, note_sealed text, status text NOT NULL DEFAULT 'ACTIVE')");
            s.execute("INSERT INTO record.profile_item (id, patient_id, section, code_system, code, display, value_number, "
                    + "value_unit, effective_date, status) "
                    + "SELECT gen_random_uuid(), p.id, x.section, x.system, x.code, 'texte libre', x.value, x.unit, DATE '2024-03-15', "
                    + "x.status FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM identity.patient) p, (VALUES "
                    + "('HISTORY', 'CIM-10', 'E11.9', NULL::numeric, NULL, 'ACTIVE'), ('TREATMENTS', 'ATC', 'A10BA02', NULL, NULL, 'ACTIVE'), "
                    + "('MEASUREMENTS', 'LOINC', '4548-4', 7.5, '%', 'ACTIVE'), ('FAMILY_HISTORY', 'CIM-10', 'C50', NULL, NULL, 'ACTIVE'), "
                    + "('HISTORY', 'CIM-10', 'I10', NULL, NULL, 'ENTERED_IN_ERROR')) "
                    + "AS x(section, system, code, value, unit, status) WHERE p.n % 10 = 0");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readsEveryPatientOnceThroughBalancedIdRangesAndNeverTheNir() {
        var spark = Fixture.get().spark;
        Staging staging = new JdbcSource(url, null, null, 4).read(spark);
        assertThat(staging.persons().rdd().getNumPartitions()).isEqualTo(4);
        List<Row> rows = staging.persons().collectAsList();
        assertThat(rows).hasSize(2000);
        assertThat(rows).extracting(r -> r.getString(0)).doesNotHaveDuplicates();
        assertThat(staging.persons().columns()).containsExactly(Staging.PERSONS.fieldNames());
        // Events are read through the same id ranges, and carry no display text.
        assertThat(staging.events().rdd().getNumPartitions()).isEqualTo(4);
        assertThat(staging.events().columns()).containsExactly(Staging.EVENTS.fieldNames());
        assertThat(staging.events().count()).isEqualTo(600);
        assertThat(staging.events().filter("event_type = 'condition'").count()).isEqualTo(200);
        Map<String, String> regionOfCommune = Map.of("75056", "11", "2A004", "94", "97411", "04", "69123", "84");
        for (Row r : rows) {
            assertThat(r.getString(r.fieldIndex("region_code"))).isEqualTo(regionOfCommune.get(r.getString(r.fieldIndex("commune_insee"))));
        }
        // Partitions are balanced: each holds a quarter of the patients.
        long[] sizes = staging.persons().javaRDD().mapPartitions(it -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(n).iterator();
        }).collect().stream().mapToLong(Long::longValue).toArray();
        assertThat(sizes).containsOnly(500L);
    }

    @Test
    void theWarehouseJobRunsOnTheJdbcSource() {
        var spark = Fixture.get().spark;
        String out = Fixture.get().root.resolve("warehouse-jdbc").toString();
        Map<String, Long> counts = new WarehouseJob(spark, Progress.none(), new RunLog(Clock.systemUTC()))
                .run(new JdbcSource(url, null, null, 3), out, Instant.parse(Fixture.SNAPSHOT), null, null);
        assertThat(counts.get("person")).isEqualTo(2000);
        // Only the active, personal lines: 200 persons with one condition, one drug, one measurement each.
        assertThat(counts.get("condition_occurrence")).isEqualTo(200);
        assertThat(counts.get("drug_exposure")).isEqualTo(200);
        assertThat(counts.get("measurement")).isEqualTo(200);
        assertThat(spark.read().parquet(out + "/omop/condition_occurrence").filter("condition_source_value <> 'E11.9'").count())
                .isZero();
        assertThat(spark.read().parquet(out + "/omop/measurement").filter("value_as_number = 7.5").count()).isEqualTo(200);
        assertThat(spark.read().parquet(out + "/omop/person").filter("person_source_value like '1%' and length(person_source_value) = 15")
                .count()).isZero();
    }
}
