package fr.hygie.research.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.research.engine.extract.HmacPseudonym;
import fr.hygie.research.engine.warehouse.SynthNdjsonSource;
import fr.hygie.synth.SynthPerson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExtractionTest {

    private static final Fixture F = Fixture.get();
    private static Path pseudoA;
    private static Path pseudoAgain;
    private static Path pseudoB;
    private static Path anonymised;
    private static Path aggregates;
    private static Path aggregatesRounded;

    private static synchronized void runAll() {
        if (pseudoA == null) {
            pseudoA = F.extract("pseudo-a", Specs.pseudonymised("PRJ-A"), F.keyA);
            pseudoAgain = F.extract("pseudo-a-again", Specs.pseudonymised("PRJ-A"), F.keyA);
            pseudoB = F.extract("pseudo-b", Specs.pseudonymised("PRJ-B"), F.keyB);
            anonymised = F.extract("anonymised", Specs.anonymised(), null);
            aggregates = F.extract("aggregates", Specs.aggregates(0), null);
            aggregatesRounded = F.extract("aggregates-rounded", Specs.aggregates(5), null);
        }
    }

    private static List<Path> allRuns() {
        runAll();
        return List.of(pseudoA, pseudoAgain, pseudoB, anonymised, aggregates, aggregatesRounded);
    }

    private static Set<String> ids(Path csv) {
        return OutputFiles.csv(csv).stream().map(r -> r.get("person_source_id")).collect(Collectors.toSet());
    }

    private static Set<String> objectorsFor(int... residues) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < Fixture.PERSONS; i++) {
            for (int r : residues) {
                if (i % 20 == r) {
                    out.add(SynthNdjsonSource.personSourceId(i));
                }
            }
        }
        return out;
    }

    @Test
    void objectorsNeverAppearAndOnlyApplicableObjectionsExclude() {
        runAll();
        // Scientific research, public body, in France: GLOBAL and PURPOSE:SCIENTIFIC_RESEARCH apply; an objection
        // recorded after the snapshot or withdrawn before it does not; other scopes do not concern this project.
        Set<String> expected = objectorsFor(0, 1);
        assertThat(ids(pseudoA.resolve("membership/excluded-by-objection.csv"))).isEqualTo(expected);
        Set<String> included = ids(pseudoA.resolve("membership/included.csv"));
        assertThat(included).isNotEmpty().doesNotContainAnyElementsOf(expected);
        Set<String> objectorPseudonyms = expected.stream().map(id -> HmacPseudonym.hex(Fixture.KEY_A, id))
                .collect(Collectors.toSet());
        List<Map<String, String>> rows = OutputFiles.csv(pseudoA.resolve("project/persons.csv"));
        assertThat(rows).hasSize(included.size());
        assertThat(rows).extracting(r -> r.get("pseudonym")).doesNotContainAnyElementsOf(objectorPseudonyms);

        // Official statistics by a commercial body outside the EU: every scope but withdrawn / late ones applies.
        assertThat(ids(aggregates.resolve("membership/excluded-by-objection.csv"))).isEqualTo(objectorsFor(0, 2, 3, 4, 7));
        // Public health, non-profit, elsewhere in the EU: GLOBAL and FRANCE_ONLY.
        assertThat(ids(anonymised.resolve("membership/excluded-by-objection.csv"))).isEqualTo(objectorsFor(0, 3));
        assertThat(ids(anonymised.resolve("membership/included.csv"))).doesNotContainAnyElementsOf(objectorsFor(0, 3));
        assertThat(OutputFiles.text(pseudoA.resolve("project/disclosure-report.json")))
                .contains("\"objectorsExcluded\" : " + expected.size());
    }

    @Test
    void noDirectIdentifierInAnyOutputFile() {
        Set<String> cells = new HashSet<>();
        Set<String> words = new HashSet<>();
        for (SynthPerson p : F.persons) {
            cells.add(p.nir());
            cells.add(p.birthDate().toString());
            cells.add(p.addressLine());
            if (p.phone() != null) {
                cells.add(p.phone());
                cells.add(p.phone().replace(" ", ""));
            }
            if (p.email() != null) {
                cells.add(p.email());
            }
            words.add(p.birthName());
            words.add(p.usedName());
        }
        Pattern fullDate = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        Pattern nirLike = Pattern.compile("\\b[12]\\d{12,14}\\b");
        int scanned = 0;
        for (Path run : allRuns()) {
            for (Path file : OutputFiles.files(run.resolve("project"))) {
                String text = OutputFiles.text(file);
                scanned++;
                // Plain set look-ups (AssertJ's doesNotContain on a set would scan it for every cell).
                List<String> found = new ArrayList<>();
                for (String cell : text.split("[,\\n\"]")) {
                    if (cells.contains(cell.trim())) {
                        found.add(cell.trim());
                    }
                }
                for (String word : text.split("[^A-Za-z'-]+")) {
                    if (words.contains(word)) {
                        found.add(word);
                    }
                }
                assertThat(found).as("direct identifiers in " + file).isEmpty();
                assertThat(text).as(file.toString()).doesNotContain("@").doesNotContain("06 39 98");
                assertThat(nirLike.matcher(text).find()).as("NIR-like number in " + file).isFalse();
                // Exact days are never released (only months or years): no birth date can slip through an event date.
                if (!file.getFileName().toString().endsWith(".json")) {
                    assertThat(fullDate.matcher(text).find()).as("full date in " + file).isFalse();
                }
                for (String column : List.of("nir", "birth_date", "birthName", "address", "phone", "person_source")) {
                    assertThat(text.lines().findFirst().orElse("")).as(file.toString()).doesNotContain(column);
                }
            }
        }
        assertThat(scanned).isGreaterThanOrEqualTo(24);
    }

    @Test
    void pseudonymsAreStableWithinAProjectAndUnlinkableAcrossProjects() {
        runAll();
        Map<String, String> a = new HashMap<>();
        for (Map<String, String> r : OutputFiles.csv(pseudoA.resolve("membership/included.csv"))) {
            a.put(r.get("person_source_id"), r.get("pseudonym"));
            assertThat(r.get("pseudonym")).isEqualTo(HmacPseudonym.hex(Fixture.KEY_A, r.get("person_source_id")));
        }
        Map<String, String> again = new HashMap<>();
        OutputFiles.csv(pseudoAgain.resolve("membership/included.csv"))
                .forEach(r -> again.put(r.get("person_source_id"), r.get("pseudonym")));
        assertThat(again).isEqualTo(a);
        Map<String, String> b = new HashMap<>();
        OutputFiles.csv(pseudoB.resolve("membership/included.csv"))
                .forEach(r -> b.put(r.get("person_source_id"), r.get("pseudonym")));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        assertThat(b.values()).doesNotContainAnyElementsOf(a.values());
        Set<String> releasedA = OutputFiles.csv(pseudoA.resolve("project/persons.csv")).stream()
                .map(r -> r.get("pseudonym")).collect(Collectors.toSet());
        assertThat(releasedA).isEqualTo(new HashSet<>(a.values()));
        assertThat(OutputFiles.text(pseudoA.resolve("project/manifest.json")))
                .doesNotContain(java.util.HexFormat.of().formatHex(Fixture.KEY_A));
    }

    @Test
    void anonymisedRowsAreKAnonymousAndLDiverseCheckedIndependently() {
        runAll();
        List<Map<String, String>> rows = OutputFiles.csv(anonymised.resolve("project/persons.csv"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).keySet()).doesNotContain("pseudonym");
        Map<List<String>, List<Map<String, String>>> classes = rows.stream().collect(Collectors.groupingBy(
                r -> List.of(r.get("age"), r.get("sex"), r.get("commune"))));
        for (Map.Entry<List<String>, List<Map<String, String>>> c : classes.entrySet()) {
            assertThat(c.getValue().size()).as("class " + c.getKey()).isGreaterThanOrEqualTo(11);
            assertThat(c.getValue().stream().map(r -> r.get("condition_E11")).distinct().count())
                    .as("diversity of " + c.getKey()).isGreaterThanOrEqualTo(2);
        }
        // Ages are at least 5-year bands and no commune code survives as such unless 11 persons share it.
        assertThat(rows).extracting(r -> r.get("age")).allMatch(a -> a.equals("*") || a.contains("-"));
        String report = OutputFiles.text(anonymised.resolve("project/disclosure-report.json"));
        assertThat(report).contains("\"kRequired\" : 11").contains("\"rowsSuppressed\"").contains("\"generalisation\"");
        int cohort = ids(anonymised.resolve("membership/included.csv")).size();
        assertThat(report).contains("\"rowsReleased\" : " + rows.size());
        assertThat(rows.size()).isLessThanOrEqualTo(cohort);
    }

    @Test
    void smallCellsAreSuppressedInAggregates() {
        runAll();
        List<Map<String, String>> rows = OutputFiles.csv(aggregates.resolve("project/aggregates.csv"));
        assertThat(rows).isNotEmpty();
        int suppressed = 0;
        for (Map<String, String> r : rows) {
            for (String m : List.of("persons", "n_condition_E11", "n_condition_J45")) {
                String v = r.get(m);
                if (v.isEmpty()) {
                    suppressed++;
                } else {
                    long n = Long.parseLong(v);
                    assertThat(n == 0 || n >= 11).as(m + "=" + n + " in " + r).isTrue();
                }
            }
            if (r.get("persons").isEmpty()) {
                assertThat(r.get("n_condition_E11")).isEmpty();
            }
        }
        assertThat(suppressed).isPositive();
        assertThat(OutputFiles.text(aggregates.resolve("project/disclosure-report.json")))
                .contains("\"cellsSuppressed\" : " + suppressed);
        for (Map<String, String> r : OutputFiles.csv(aggregatesRounded.resolve("project/aggregates.csv"))) {
            if (!r.get("persons").isEmpty()) {
                assertThat(Long.parseLong(r.get("persons")) % 5).isZero();
            }
        }
    }

    @Test
    void sameSnapshotSpecificationAndKeyGiveIdenticalFiles() throws IOException {
        runAll();
        Map<String, String> first = OutputFiles.hashes(pseudoA.resolve("project"));
        assertThat(first.keySet()).containsExactly("disclosure-report.json", "manifest.json", "persons.csv",
                "persons.parquet");
        assertThat(OutputFiles.hashes(pseudoAgain.resolve("project"))).isEqualTo(first);
        assertThat(OutputFiles.hashes(pseudoAgain.resolve("membership")))
                .isEqualTo(OutputFiles.hashes(pseudoA.resolve("membership")));
        // The manifest lists the hash of every other file, and of the specification.
        String manifest = Files.readString(pseudoA.resolve("project/manifest.json"));
        for (Map.Entry<String, String> e : first.entrySet()) {
            if (!e.getKey().equals("manifest.json")) {
                assertThat(manifest).contains("\"path\" : \"" + e.getKey() + "\"").contains(e.getValue());
            }
        }
        String spec = Files.readString(F.root.resolve("runs/pseudo-a.spec.json"));
        assertThat(manifest).contains(fr.hygie.research.engine.io.Storage.sha256(
                spec.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(Files.readString(pseudoA.resolve("run.log"))).contains("extract: done");
        List<String> notInProject = new ArrayList<>(List.of("run.log"));
        assertThat(OutputFiles.files(pseudoA.resolve("project"))).noneMatch(p -> notInProject.contains(p.getFileName().toString()));
    }
}
