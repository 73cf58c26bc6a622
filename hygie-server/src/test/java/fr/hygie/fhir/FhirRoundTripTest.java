package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.HygieApplication;
import fr.hygie.identity.Patients;
import fr.hygie.support.HygieIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Leave with everything: export the demo platform, import it into an EMPTY Hygie (a second context on
 * a fresh database of the same embedded server), import again (nothing created twice), export again:
 * the same content, type by type, once server-assigned ids and meta are set aside.
 */
@HygieIntegrationTest
class FhirRoundTripTest {

    @Autowired
    FhirExporter exporter;
    @Autowired
    FhirContext fhir;
    @Autowired
    FhirValidation validation;
    @Autowired
    Patients patients;

    @Test
    void everyExportedTypeRoundTripsThroughAnEmptyDatabase(@TempDir Path tmp) throws Exception {
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path second = Files.createDirectories(tmp.resolve("second"));
        Map<String, Long> exported = FhirCommands.ExportCommand.export(exporter, fhir, first, null);
        assertThat(exported).containsKeys("Patient", "DocumentReference", "Condition", "AllergyIntolerance",
                "MedicationStatement", "Immunization", "Observation");
        assertThat(exported.get("Patient")).isEqualTo(patients.count());
        // Everything emitted passes the validator (every clinical resource; persons sampled: same mapper as the API's).
        Map<String, List<Resource>> a = read(first);
        a.forEach((type, list) -> list.stream().limit("Patient".equals(type) ? 50 : Long.MAX_VALUE)
                .forEach(r -> FhirTesting.assertValid(validation, r)));

        SpringApplication app = new SpringApplication(HygieApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("hygie.cli.active", "true", "hygie.demo.enabled", "false",
                "hygie.fhir.validator.warm-up", "false"));
        try (ConfigurableApplicationContext empty = app.run()) {
            FhirImporter importer = empty.getBean(FhirImporter.class);
            assertThat(empty.getBean(Patients.class).count()).isZero();
            List<String> rejectedAtRead = new ArrayList<>();
            List<FhirImporter.Entry> entries = importer.read(first, rejectedAtRead);
            FhirImporter.Summary once = importer.importAll(entries, rejectedAtRead, n -> { });
            assertThat(once.rejected()).isEmpty();
            org.slf4j.LoggerFactory.getLogger(FhirRoundTripTest.class).warn("Import into an empty database: {} resources in {} ms ({} resources/s)",
                    once.total(), once.millis(), once.millis() == 0 ? 0 : once.total() * 1000 / once.millis());
            assertThat(once.created()).isEqualTo(withoutConsent(exported));
            FhirImporter.Summary twice = importer.importAll(importer.read(first, new ArrayList<>()), List.of(), n -> { });
            assertThat(twice.created().values()).allMatch(n -> n == 0);
            assertThat(twice.alreadyThere()).isEqualTo(withoutConsent(exported));
            FhirCommands.ExportCommand.export(empty.getBean(FhirExporter.class), fhir, second, null);
        }
        Map<String, List<Resource>> b = read(second);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String type : a.keySet()) {
            assertThat(normalised(b, type)).as(type).containsExactlyInAnyOrderElementsOf(normalised(a, type));
        }
    }

    private static Map<String, Long> withoutConsent(Map<String, Long> counts) {
        Map<String, Long> m = new TreeMap<>(counts);
        m.remove("Consent");
        return m;
    }

    private Map<String, List<Resource>> read(Path dir) throws Exception {
        Map<String, List<Resource>> all = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                List<Resource> list = new ArrayList<>();
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        list.add((Resource) fhir.newJsonParser().parseResource(line));
                    }
                }
                all.put(f.getFileName().toString().replace(".ndjson", ""), list);
            }
        }
        return all;
    }

    /**
     * Resources without what the server assigns (ids, meta, the Binary url), persons referred to by their
     * INS instead of their id, authors by name and national identifier.
     */
    private List<String> normalised(Map<String, List<Resource>> export, String type) {
        Map<String, String> insById = new HashMap<>();
        for (Resource r : export.get("Patient")) {
            Patient p = (Patient) r;
            insById.put("Patient/" + p.getIdElement().getIdPart(), p.getIdentifier().stream().map(Identifier::getValue).findFirst().orElse("?"));
        }
        List<String> out = new ArrayList<>();
        for (Resource original : export.get(type)) {
            Resource r = original.copy();
            r.setId((String) null);
            r.setMeta(null);
            Reference subject = ClinicalMapper.subject(r);
            if (subject != null) {
                subject.setReference("INS/" + insById.get(subject.getReference()));
            }
            if (r instanceof DocumentReference d) {
                // The empty Hygie has no directory: authors keep their name; their RPPS link needs the directory imported first.
                d.getAuthor().forEach(x -> x.setReference(null).setIdentifier(null));
                d.getContent().forEach(c -> c.getAttachment().setUrl(null));
            }
            out.add(fhir.newJsonParser().encodeResourceToString(r));
        }
        return out;
    }
}
