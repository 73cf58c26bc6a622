package fr.hygie.research.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.research.engine.warehouse.WarehouseJob;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class WarehouseTest {

    private final Fixture f = Fixture.get();

    private Dataset<Row> table(String name) {
        return f.spark.read().parquet(f.warehouse.resolve("omop").resolve(name).toString());
    }

    private long synthEvents(String type) throws IOException {
        try (Stream<String> lines = Files.lines(f.synth.resolve("events.ndjson"))) {
            return lines.filter(l -> l.startsWith("{\"type\":\"" + type + "\"")).count();
        }
    }

    @Test
    void everyOmopTableIsWrittenAndHoldsTheRecord() throws IOException {
        for (String t : WarehouseJob.TABLES) {
            assertThat(Files.isDirectory(f.warehouse.resolve("omop").resolve(t))).as(t).isTrue();
        }
        assertThat(table("person").count()).isEqualTo(Fixture.PERSONS);
        assertThat(table("observation_period").count()).isEqualTo(Fixture.PERSONS);
        assertThat(table("condition_occurrence").count()).isEqualTo(synthEvents("condition"));
        assertThat(table("drug_exposure").count()).isEqualTo(synthEvents("medication") + synthEvents("vaccination"));
        assertThat(table("measurement").count()).isEqualTo(synthEvents("lab_result") + synthEvents("measurement"));
        assertThat(table("procedure_occurrence").count()).isZero();
        assertThat(table("care_site").count()).isPositive();
        assertThat(table("provider").count()).isPositive();
        assertThat(Files.readString(f.warehouse.resolve(WarehouseJob.SNAPSHOT_FILE))).contains(Fixture.SNAPSHOT)
                .contains("\"cdmVersion\" : \"5.4\"");
    }

    @Test
    void sourceCodesAreKeptAndGenderIsMappedToStandardConcepts() {
        assertThat(table("condition_occurrence").select("condition_source_value").distinct().collectAsList())
                .extracting(r -> r.getString(0)).allMatch(c -> c.matches("[A-Z][0-9]{2}.*")).contains("E11", "I10");
        assertThat(table("drug_exposure").select("drug_source_value").distinct().collectAsList())
                .extracting(r -> r.getString(0)).contains("A10BA02");
        assertThat(table("measurement").select("measurement_source_value").distinct().collectAsList())
                .extracting(r -> r.getString(0)).contains("4548-4");
        assertThat(table("person").select("gender_concept_id").distinct().collectAsList())
                .extracting(r -> r.getInt(0)).containsExactlyInAnyOrder(8507, 8532);
        assertThat(table("condition_occurrence").select("condition_concept_id").distinct().collectAsList())
                .extracting(r -> r.getInt(0)).containsExactly(0);
    }

    @Test
    void personIdIsAStableSurrogateAndNoNirReachesTheWarehouse() throws IOException {
        List<Row> persons = table("person").select("person_id", "person_source_value").collectAsList();
        assertThat(persons).extracting(r -> r.getLong(0)).doesNotHaveDuplicates().allMatch(id -> id >= 0);
        assertThat(persons).extracting(r -> r.getString(1)).allMatch(s -> s.matches("synth-[0-9]{7}"));
        String nir = f.persons.get(0).nir();
        try (Stream<java.nio.file.Path> files = Files.walk(f.warehouse)) {
            for (java.nio.file.Path p : files.filter(Files::isRegularFile).toList()) {
                if (!p.toString().endsWith(".parquet")) {
                    assertThat(Files.readString(p)).doesNotContain(nir);
                }
            }
        }
        assertThat(table("location").filter("address_1 is not null").count()).isZero();
    }

    @Test
    void theObjectionsSnapshotIsKeptBesideTheTables() {
        assertThat(f.spark.read().parquet(f.warehouse.resolve("objections").toString()).count())
                .isEqualTo(Fixture.PERSONS / 20 * 8);
    }
}
