package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.ForeignIdentifier;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.platform.cli.Console;
import fr.hygie.support.HygieIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 4: a Bundle (transaction, batch, collection, searchset) is imported as a stream, entry by entry, never
 * held whole: the import counts the parsed resources it holds at once and stays within one batch whatever the
 * Bundle's size, where reading the Bundle whole held every entry. References between entries (urn:uuid fullUrls,
 * RESTful fullUrls) resolve in any order; a rejected entry is named with its file and entry number and its French
 * reason; importing twice creates nothing twice; a Bundle whose structure is broken is refused whole with a French
 * reason and nothing of it is stored (docs/adr/0002).
 */
@HygieIntegrationTest
class FhirBundleImportTest {

    @Autowired
    FhirImporter importer;
    @Autowired
    FhirExporter exporter;
    @Autowired
    Patients patients;

    private static final int PERSONS = 4;
    private static final int PER_PERSON = 1_500;
    /** The Observation that breaks a rule (a measurement dated in the future), in the middle of a batch. */
    private static final int BAD = 2_345;

    @Test
    void aLargeTransactionBundleIsImportedOneEntryAtATimeWhateverItsSize(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> persons = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (int p = 0; p < PERSONS; p++) {
            String fullUrl = "urn:uuid:" + UUID.randomUUID();
            persons.add(fullUrl);
            entries.add(post(fullUrl, person(FhirImportTest.IPP_SYSTEM, run + "-" + p, "Flux", "1980-01-0" + (p + 1))));
        }
        for (int i = 0; i < PERSONS * PER_PERSON; i++) {
            // Measurements refer to their person by the person's urn:uuid fullUrl (a transaction from another system).
            entries.add(post("urn:uuid:" + UUID.randomUUID(), observation("o" + i, run + "-o" + i, persons.get(i % PERSONS),
                    i == BAD ? "2999-01-01" : "2024-05-06")));
        }
        // An entry whose type FHIR R4 does not know, and a Condition written resourceType last (another system's writing).
        entries.add(post("urn:uuid:" + UUID.randomUUID(), "{\"resourceType\":\"Observaton\",\"status\":\"final\"}"));
        entries.add(post("urn:uuid:" + UUID.randomUUID(), """
                {"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"J45"}],"text":"Asthme"},\
                "identifier":[{"system":"https://hopital-exemple.fr/fhir/cond","value":"%s-cond"}],\
                "subject":{"reference":"%s"},"onsetDateTime":"2022-01-10","resourceType":"Condition","id":"c1"}""".formatted(run,
                persons.get(0))));
        Path file = dir.resolve("transaction.json");
        Files.writeString(file, bundle("transaction", entries), StandardCharsets.UTF_8);
        int unknownAt = PERSONS + PERSONS * PER_PERSON + 1;
        int badAt = PERSONS + BAD + 1;

        List<String> rejectedAtRead = new ArrayList<>();
        ImportSource source = importer.open(file, rejectedAtRead);
        assertThat(source).isInstanceOf(BundleFile.class);
        assertThat(source.size()).isEqualTo(PERSONS + PERSONS * PER_PERSON + 1);
        assertThat(rejectedAtRead).containsExactly(
                "transaction.json entrée " + unknownAt + " : illisible (type de ressource inconnu en FHIR R4 : « Observaton »)");
        FhirImporter.Summary once = importer.importAll(source, rejectedAtRead, n -> { });

        assertThat(once.peakHeld()).as("parsed resources held at once").isPositive().isLessThanOrEqualTo(FhirImporter.BATCH);
        assertThat(once.created()).containsEntry("Patient", (long) PERSONS)
                .containsEntry("Observation", (long) PERSONS * PER_PERSON - 1).containsEntry("Condition", 1L);
        assertThat(once.rejected()).hasSize(2);
        assertThat(once.rejected()).filteredOn(r -> r.startsWith("Observation/o" + BAD + " (transaction.json, entrée " + badAt + ") : "))
                .singleElement().satisfies(r -> assertThat(r).doesNotContain("erreur à l'enregistrement"));
        PatientId first = patients.byIdentifier(new ForeignIdentifier(FhirImportTest.IPP_SYSTEM, run + "-0")).orElseThrow();
        assertThat(exportOf(first)).filteredOn(r -> r.fhirType().equals("Observation")).hasSize(PER_PERSON);
        assertThat(exportOf(first)).filteredOn(r -> r.fhirType().equals("Condition")).hasSize(1);

        List<String> again = new ArrayList<>();
        FhirImporter.Summary twice = importer.importAll(importer.open(file, again), again, n -> { });
        assertThat(twice.created().values()).allMatch(n -> n == 0);
        assertThat(twice.alreadyThere()).containsEntry("Patient", (long) PERSONS)
                .containsEntry("Observation", (long) PERSONS * PER_PERSON - 1).containsEntry("Condition", 1L);
        assertThat(twice.rejected()).containsExactlyInAnyOrderElementsOf(once.rejected());

        // Read whole (every entry parsed and held at once, as the import did before), the same answer.
        List<String> rejected = new ArrayList<>();
        FhirImporter.Summary whole = importer.importAll(importer.read(file, rejected), rejected, n -> { });
        assertThat(whole.peakHeld()).isGreaterThanOrEqualTo(PERSONS + PERSONS * PER_PERSON);
        assertThat(whole.alreadyThere()).isEqualTo(twice.alreadyThere());
        assertThat(whole.rejected()).containsExactlyInAnyOrderElementsOf(twice.rejected());
    }

    @Test
    void entriesReferToOneAnotherByTheirFullUrlsInAnyOrderAndASearchOutcomeIsNoData(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString();
        String byUrn = "urn:uuid:" + UUID.randomUUID();
        String restful = "https://autre-systeme.example/fhir/Patient/" + run;
        // The measurements come first; the persons after. The second person has no id: its RESTful fullUrl gives it one.
        String json = """
                {"entry":[
                 {"resource":%s,"search":{"mode":"match"},"fullUrl":"urn:uuid:%s"},
                 {"fullUrl":"urn:uuid:%s","resource":%s},
                 {"resource":%s},
                 {"fullUrl":"%s","resource":%s,"search":{"mode":"match"}},
                 {"fullUrl":"%s","resource":%s,"search":{"mode":"include"},"vendorField":[1,{"x":2}]},
                 {"resource":{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"}]},
                  "search":{"mode":"outcome"}},
                 {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"DocumentReference","status":"current",
                   "identifier":[{"system":"https://hopital-exemple.fr/fhir/doc","value":"%s-doc"}],
                   "type":{"coding":[{"system":"http://loinc.org","code":"11488-4"}]},"subject":{"reference":"%s"},
                   "date":"2024-05-06T10:00:00+02:00","description":"Compte rendu",
                   "content":[{"attachment":{"contentType":"text/plain","data":"Q29tcHRlIHJlbmR1IHNhbnMgYXV0ZXVyLgo="}}]}}
                ],"total":2,"link":[{"relation":"self","url":"https://autre-systeme.example/fhir/Patient?_count=50"}],
                "type":"searchset","resourceType":"Bundle"}""".formatted(
                observation("a", run + "-a", byUrn, "2024-05-06"), UUID.randomUUID(),
                UUID.randomUUID(), observation("b", run + "-b", restful, "2024-05-07"),
                observation("c", run + "-c", "Patient/" + run, "2024-05-08"),
                byUrn, person(FhirImportTest.IPP_SYSTEM, run + "-urn", "Renvoi", "1961-02-03"),
                restful, person(FhirImportTest.IPP_SYSTEM, run + "-rest", "Renvoi", "1962-03-04").replace("\"gender\"",
                        "\"maritalStatus\":{\"text\":\"inconnu\"},\"unknownElement\":{\"of\":\"another system\"},\"gender\""),
                // A document from another system that does not say who wrote it.
                UUID.randomUUID(), run, byUrn);
        Path file = dir.resolve("recherche.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        List<String> rejected = new ArrayList<>();
        ImportSource source = importer.open(file, rejected);
        assertThat(source.size()).as("the outcome entry is not data").isEqualTo(6);
        FhirImporter.Summary s = importer.importAll(source, rejected, n -> { });
        assertThat(s.rejected()).isEmpty();
        assertThat(s.created()).containsEntry("Patient", 2L).containsEntry("Observation", 3L).containsEntry("DocumentReference", 1L);
        PatientId urn = patients.byIdentifier(new ForeignIdentifier(FhirImportTest.IPP_SYSTEM, run + "-urn")).orElseThrow();
        PatientId rest = patients.byIdentifier(new ForeignIdentifier(FhirImportTest.IPP_SYSTEM, run + "-rest")).orElseThrow();
        assertThat(exportOf(urn)).filteredOn(r -> r.fhirType().equals("Observation")).hasSize(1);
        assertThat(exportOf(urn)).filteredOn(r -> r.fhirType().equals("DocumentReference")).singleElement()
                .satisfies(d -> assertThat(((org.hl7.fhir.r4.model.DocumentReference) d).getAuthorFirstRep().getDisplay())
                        .isEqualTo(FhirImporter.UNNAMED_SOURCE));
        assertThat(exportOf(rest)).filteredOn(r -> r.fhirType().equals("Observation")).hasSize(2);

        FhirImporter.Summary twice = importer.importAll(importer.open(file, new ArrayList<>()), List.of(), n -> { });
        assertThat(twice.created().values()).allMatch(n -> n == 0);
        assertThat(twice.alreadyThere()).containsEntry("Patient", 2L).containsEntry("Observation", 3L).containsEntry("DocumentReference", 1L);
    }

    /** Bundles whose structure is broken: each refused whole, with its French reason, before anything is stored. */
    static Stream<Arguments> malformedBundles() {
        String person = person(FhirImportTest.IPP_SYSTEM, "%s", "Casse", "1975-06-07");
        String good = bundle("transaction", List.of(post("urn:uuid:" + UUID.randomUUID(), person),
                post("urn:uuid:" + UUID.randomUUID(), observation("x", "%s-x", "Patient/none", "2024-05-06"))));
        return Stream.of(
                Arguments.of("tronqué", good.substring(0, good.indexOf("\"request\"")),
                        "le fichier s'arrête au milieu du JSON, vers la ligne"),
                Arguments.of("pas un Bundle", good.replace("\"resourceType\":\"Bundle\"", "\"resourceType\":\"Bundel\""),
                        "type de ressource inconnu en FHIR R4 (« Bundel »)"),
                Arguments.of("entrée sans ressource", withMore(good, "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\"}"),
                        "entrée 3 sans ressource (Bundle.entry.resource) : chaque entrée porte la ressource à importer"),
                Arguments.of("ressource nulle", withMore(good, "{\"resource\":null},{}"),
                        "entrée 3 sans ressource (Bundle.entry.resource), et 1 autre(s)"),
                Arguments.of("entrée qui n'est pas un objet", withMore(good, "\"Patient/1\""), "entrée 3 sans ressource"),
                Arguments.of("document", good.replace("\"type\":\"transaction\"", "\"type\":\"document\""),
                        "Bundle de type « document » : l'import accepte les Bundles transaction, batch, collection ou searchset"),
                Arguments.of("sans type", good.replace("\"type\":\"transaction\",", ""), "Bundle sans type (Bundle.type)"),
                Arguments.of("clé en double", good.replace("\"type\":\"transaction\"", "\"type\":\"transaction\",\"type\":\"batch\""),
                        "une clé apparaît deux fois dans le même objet"),
                Arguments.of("deux objets", good + good, "du contenu suit la fin de la ressource"),
                Arguments.of("XML", "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/></Bundle>",
                        "ce n'est pas du JSON valide"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBundles")
    void aMalformedBundleIsRefusedWholeWithItsFrenchReasonAndStoresNothing(String what, String text, String reason,
            @TempDir Path dir) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        Path file = dir.resolve("casse.json");
        Files.writeString(file, text.replace("%s", ipp), StandardCharsets.UTF_8);
        long before = patients.count();
        List<String> rejected = new ArrayList<>();
        ImportSource source = importer.open(file, rejected);
        FhirImporter.Summary s = importer.importAll(source, rejected, n -> { });
        assertThat(s.rejected()).as(what).singleElement().satisfies(r -> assertThat(r)
                .startsWith("casse.json : fichier refusé, rien n'en est importé : ").contains(reason));
        assertThat(s.created()).as(what).isEmpty();
        assertThat(patients.byIdentifier(new ForeignIdentifier(FhirImportTest.IPP_SYSTEM, ipp))).as(what).isEmpty();
        assertThat(patients.count()).as(what).isEqualTo(before);
    }

    @Test
    void aDeletionInATransactionIsRefusedWithTheEntryAndTheMethod(@TempDir Path dir) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String text = bundle("transaction", List.of(post("urn:uuid:" + UUID.randomUUID(),
                person(FhirImportTest.IPP_SYSTEM, ipp, "Suppression", "1977-07-07")),
                "{\"request\":{\"method\":\"DELETE\",\"url\":\"Patient/1\"},\"resource\":" + observation("d", ipp + "-d", "Patient/1",
                        "2024-05-06") + "}"));
        Path file = dir.resolve("suppression.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<String> rejected = new ArrayList<>();
        FhirImporter.Summary s = importer.importAll(importer.open(file, rejected), rejected, n -> { });
        assertThat(s.rejected()).containsExactly("suppression.json : fichier refusé, rien n'en est importé : entrée 2 : requête"
                + " « DELETE » ; l'import ne fait qu'ajouter des données (POST ou PUT), il ne supprime, ne modifie en partie ni ne lit rien");
        assertThat(patients.byIdentifier(new ForeignIdentifier(FhirImportTest.IPP_SYSTEM, ipp))).isEmpty();
    }

    @Test
    void theCommandSaysWhatEachFileIsAndWhatBecameOfIt(@TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString();
        String urn = "urn:uuid:" + UUID.randomUUID();
        Files.writeString(dir.resolve("a-personnes.ndjson"), person(FhirImportTest.IPP_SYSTEM, run + "-n", "Commande", "1990-09-09")
                .replace("{\"resourceType\":\"Patient\",", "{\"resourceType\":\"Patient\",\"id\":\"n1\",") + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b-lot.json"), bundle("batch", List.of(
                post(urn, person(FhirImportTest.IPP_SYSTEM, run + "-b", "Commande", "1991-10-10")),
                post("urn:uuid:" + UUID.randomUUID(), observation("m1", run + "-m1", urn, "2024-05-06")),
                post("urn:uuid:" + UUID.randomUUID(), observation("m2", run + "-m2", "Patient/n1", "2999-05-06")))), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("c-casse.json"), "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "pas des données FHIR", StandardCharsets.UTF_8);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                false);
        int exit = new FhirCommands.ImportCommand(importer).run(List.of(dir.toString()), console);
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as("something was rejected").isEqualTo(1);
        assertThat(printed).contains("Lecture 100 %", "2 fichier(s) lu(s), 4 ressource(s) à importer",
                "  a-personnes.ndjson : NDJSON, 1 ressource(s)",
                "  b-lot.json : Bundle batch, 3 entrée(s), 3 ressource(s) à importer",
                "  c-casse.json : fichier refusé, rien n'en est importé : le fichier s'arrête au milieu du JSON",
                "Ressources 100 %",
                "  rejetée : Observation/m2 (b-lot.json, entrée 3) : ");
        assertThat(printed).doesNotContain("notes.txt");
        assertThat(printed.lines().filter(l -> l.startsWith("Patient "))).singleElement()
                .satisfies(l -> assertThat(l.split("\\s+")).containsExactly("Patient", "2", "0"));
        assertThat(printed.lines().filter(l -> l.startsWith("Observation "))).singleElement()
                .satisfies(l -> assertThat(l.split("\\s+")).containsExactly("Observation", "1", "0"));
    }

    private List<Resource> exportOf(PatientId p) {
        List<Resource> out = new ArrayList<>();
        exporter.exportOperatorPerson(patients.byId(p).orElseThrow(), new LinkedHashSet<>(FhirExporter.TYPES), (type, r) -> out.add(r));
        return out;
    }

    /** {@code bundle} with {@code more} added at the end of its entries. */
    private static String withMore(String bundle, String more) {
        return bundle.substring(0, bundle.length() - 2) + ",\n" + more + "]}";
    }

    private static String bundle(String type, List<String> entries) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[\n" + String.join(",\n", entries) + "]}";
    }

    private static String post(String fullUrl, String resource) {
        String type = resource.substring(resource.lastIndexOf("\"resourceType\":\"") + 16);
        type = type.substring(0, type.indexOf('"'));
        return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":" + resource + ",\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
    }

    /** A person without INS from another system, known by their identifier there. */
    private static String person(String system, String value, String family, String birthDate) {
        return """
                {"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}],\
                "name":[{"family":"%s","given":["Lou"]}],"gender":"female","birthDate":"%s"}""".formatted(system, value, family, birthDate);
    }

    private static String observation(String id, String identifier, String person, String date) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",\
                "identifier":[{"system":"https://hopital-exemple.fr/fhir/obs","value":"%s"}],\
                "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],\
                "code":{"coding":[{"system":"http://loinc.org","code":"29463-7","display":"Body weight"}],"text":"Poids"},\
                "subject":{"reference":"%s"},"effectiveDateTime":"%s",\
                "valueQuantity":{"value":14.50,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}""".formatted(id, identifier,
                person, date);
    }
}
