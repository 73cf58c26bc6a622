package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 4: a folder of NDJSON files (an export of a whole population: millions of lines) is imported as a
 * stream. The import counts the parsed resources (or staged profile lines) it holds at once: however many
 * lines the files have, never more than one batch, where reading the files whole held them all. Rejected
 * lines keep their file, line number and French reason, a resource that breaks a rule in the middle of a
 * batch is refused alone, and importing twice (streamed or read whole) creates nothing twice.
 */
@HygieIntegrationTest
class FhirStreamingImportTest {

    @Autowired
    FhirImporter importer;

    private static final int PERSONS = 3;
    private static final int PER_PERSON = 700;

    @Test
    void aFolderOfNdjsonIsImportedOneBatchAtATimeWhateverItsSize(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString();
        String family = letters(new Random());
        StringBuilder people = new StringBuilder();
        for (int p = 0; p < PERSONS; p++) {
            people.append("""
                    {"resourceType":"Patient","id":"p%d","identifier":[{"system":"%s","value":"%s-%d"}],\
                    "name":[{"family":"%s","given":["Lou"]}],"gender":"female","birthDate":"1980-01-0%d"}
                    """.formatted(p, FhirImportTest.IPP_SYSTEM, run, p, family, p + 1));
        }
        Files.writeString(dir.resolve("Patient.ndjson"), people, StandardCharsets.UTF_8);
        StringBuilder observations = new StringBuilder();
        for (int i = 0; i < PERSONS * PER_PERSON; i++) {
            // One line in the middle of a batch breaks a rule (a measurement dated in the future).
            observations.append(observation("o" + i, run + "-o" + i, "p" + i % PERSONS, i == 1234 ? "2999-01-01" : "2024-05-06"));
        }
        Files.writeString(dir.resolve("Observation.ndjson"), observations, StandardCharsets.UTF_8);
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        // Line 1: another system's writing (resourceType last); 2: not UTF-8; 3: blank; 4: not JSON; 5: broken after its type.
        mixed.writeBytes(("""
                {"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"J45"}],"text":"Asthme"},\
                "identifier":[{"system":"https://hopital-exemple.fr/fhir/cond","value":"%s-cond"}],\
                "subject":{"reference":"Patient/p0"},"onsetDateTime":"2022-01-10","resourceType":"Condition","id":"c1"}
                """.formatted(run)).getBytes(StandardCharsets.UTF_8));
        mixed.writeBytes(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
        mixed.writeBytes("\n{pas du json\n{\"resourceType\":\"Observation\", cassé\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("Divers.ndjson"), mixed.toByteArray());

        List<String> rejectedAtRead = new ArrayList<>();
        ImportSource source = importer.open(dir, rejectedAtRead);
        assertThat(source).isInstanceOf(ImportSource.Ndjson.class);
        assertThat(source.size()).isEqualTo(PERSONS + PERSONS * PER_PERSON + 2);
        FhirImporter.Summary once = importer.importAll(source, rejectedAtRead, n -> { });

        assertThat(once.peakHeld()).as("parsed resources held at once").isPositive().isLessThanOrEqualTo(FhirImporter.BATCH);
        assertThat(once.created()).containsEntry("Patient", (long) PERSONS)
                .containsEntry("Observation", (long) PERSONS * PER_PERSON - 1).containsEntry("Condition", 1L);
        assertThat(once.rejected()).hasSize(4);
        assertThat(once.rejected()).contains("Divers.ndjson ligne 2 : illisible (ce n'est pas du texte UTF-8)");
        assertThat(once.rejected()).filteredOn(r -> r.startsWith("Divers.ndjson ligne 4 : illisible (")).hasSize(1);
        assertThat(once.rejected()).filteredOn(r -> r.startsWith("Divers.ndjson ligne 5 : illisible (")).hasSize(1);
        assertThat(once.rejected()).filteredOn(r -> r.startsWith("Observation/o1234 : ")).singleElement()
                .satisfies(r -> assertThat(r).doesNotContain("erreur à l'enregistrement"));
        assertThat(once.steps()).containsKeys("Patient", "Observation", "Condition");

        List<String> again = new ArrayList<>();
        FhirImporter.Summary twice = importer.importAll(importer.open(dir, again), again, n -> { });
        assertThat(twice.created().values()).allMatch(n -> n == 0);
        assertThat(twice.alreadyThere()).containsEntry("Patient", (long) PERSONS)
                .containsEntry("Observation", (long) PERSONS * PER_PERSON - 1).containsEntry("Condition", 1L);
        assertThat(twice.rejected()).filteredOn(r -> r.startsWith("Observation/o1234 : ")).hasSize(1);

        // Read whole (every line parsed and held at once), the same folder gives the same answer.
        List<String> rejected = new ArrayList<>();
        FhirImporter.Summary whole = importer.importAll(importer.read(dir, rejected), rejected, n -> { });
        assertThat(whole.peakHeld()).isGreaterThanOrEqualTo(PERSONS + PERSONS * PER_PERSON);
        assertThat(whole.alreadyThere()).isEqualTo(twice.alreadyThere());
        assertThat(whole.created().values()).allMatch(n -> n == 0);
        assertThat(whole.rejected()).containsExactlyInAnyOrderElementsOf(twice.rejected());
    }

    private static String observation(String id, String identifier, String person, String date) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",\
                "identifier":[{"system":"https://hopital-exemple.fr/fhir/obs","value":"%s"}],\
                "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],\
                "code":{"coding":[{"system":"http://loinc.org","code":"29463-7","display":"Body weight"}],"text":"Poids"},\
                "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",\
                "valueQuantity":{"value":14.5,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}
                """.formatted(id, identifier, person, date);
    }

    private static String letters(Random random) {
        StringBuilder s = new StringBuilder("Flux");
        for (int i = 0; i < 6; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
