package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.access.CareTeamMembers;
import fr.hygie.access.SharingTransfer;
import fr.hygie.identity.ForeignIdentifier;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.journal.Journal;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Data from other FHIR R4 systems: persons without INS get a provisional identity and keep their
 * identifiers, references to them resolve, sharing choices are replayed through the access module, the
 * directory is matched by RPPS and FINESS; importing twice creates nothing twice.
 */
@HygieIntegrationTest
class FhirImportTest {

    static final String IPP_SYSTEM = "https://hopital-exemple.fr/fhir/ipp";

    @Autowired
    FhirImporter importer;
    @Autowired
    FhirExporter exporter;
    @Autowired
    FhirContext fhir;
    @Autowired
    Patients patients;
    @Autowired
    Professionals professionals;
    @Autowired
    SharingTransfer sharing;
    @Autowired
    Journal journal;
    @Autowired
    Cast cast;
    @Autowired
    fr.hygie.prescriptions.Prescriptions prescriptions;
    @Autowired
    fr.hygie.appointments.Bookings bookings;
    @Autowired
    fr.hygie.messaging.Conversations conversations;
    @Autowired
    fr.hygie.research.Objections objections;
    @Autowired
    fr.hygie.identity.Mandates mandates;

    /** A person without INS from another system, a measurement referring to her by fullUrl, a condition by identifier. */
    static String foreignBundle(String ipp, String family, String birthDate) {
        String person = "urn:uuid:" + UUID.randomUUID();
        return """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"%2$s","resource":{"resourceType":"Patient","identifier":[{"system":"%1$s","value":"%3$s"}],
                   "name":[{"family":"%4$s","given":["Lou","Anne"]}],"gender":"female","birthDate":"%5$s",
                   "maritalStatus":{"text":"inconnu"},"vendorOnlyField":{"x":1}}},
                 {"fullUrl":"urn:uuid:%6$s","resource":{"resourceType":"Observation","status":"final",
                   "identifier":[{"system":"https://hopital-exemple.fr/fhir/obs","value":"%3$s-obs"}],
                   "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                   "code":{"coding":[{"system":"http://loinc.org","code":"29463-7","display":"Body weight"}],"text":"Poids"},
                   "subject":{"reference":"%2$s"},"effectiveDateTime":"2024-05-06",
                   "valueQuantity":{"value":14.5,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}},
                 {"resource":{"resourceType":"Condition",
                   "identifier":[{"system":"https://hopital-exemple.fr/fhir/cond","value":"%3$s-cond"}],
                   "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"J45"}],"text":"Asthme"},
                   "subject":{"identifier":{"system":"%1$s","value":"%3$s"}},"onsetDateTime":"2022-01-10"}}
                ]}""".formatted(IPP_SYSTEM, person, ipp, family, birthDate, UUID.randomUUID());
    }

    /** Imports {@code json} as the file {@code bundle.json} (the summary names rejected entries « (bundle.json, entrée n) »). */
    private FhirImporter.Summary importText(Path tmp, String json) throws Exception {
        Path f = tmp.resolve("bundle.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        List<String> rejected = new ArrayList<>();
        return importer.importAll(importer.read(f, rejected), rejected, n -> { });
    }

    private List<Resource> exportOf(PatientId p) {
        List<Resource> out = new ArrayList<>();
        exporter.exportOperatorPerson(patients.byId(p).orElseThrow(), new LinkedHashSet<>(FhirExporter.TYPES), (type, r) -> out.add(r));
        return out;
    }

    @Test
    void aPersonWithoutInsGetsAProvisionalIdentityKeepsHerIdentifierAndHerDataFollowOnce(@TempDir Path tmp) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String bundle = foreignBundle(ipp, "Lefèvre", "2015-07-21");
        FhirImporter.Summary once = importText(tmp, bundle);
        assertThat(once.rejected()).isEmpty();
        assertThat(once.created()).containsEntry("Patient", 1L).containsEntry("Observation", 1L).containsEntry("Condition", 1L);

        PatientId id = patients.byIdentifier(new ForeignIdentifier(IPP_SYSTEM, ipp)).orElseThrow();
        fr.hygie.identity.Patient p = patients.byId(id).orElseThrow();
        assertThat(p.insStatus()).isEqualTo("PROVISIONAL");
        assertThat(p.birthName()).isEqualTo("LEFEVRE");
        assertThat(p.birthPlaceInsee()).isNull();
        assertThat(patients.matricule(id)).isEmpty();
        assertThat(patients.identifiers(id)).containsExactly(new ForeignIdentifier(IPP_SYSTEM, ipp));

        // Exported again with the identifier it came with and no INS; its lines refer to it.
        List<Resource> exported = exportOf(id);
        org.hl7.fhir.r4.model.Patient person = (org.hl7.fhir.r4.model.Patient) exported.get(0);
        assertThat(person.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue()).containsExactly(IPP_SYSTEM + "|" + ipp);
        assertThat(exported).filteredOn(r -> r.fhirType().equals("Observation") || r.fhirType().equals("Condition")).hasSize(2)
                .allSatisfy(r -> assertThat(ClinicalMapper.subject(r).getReference()).isEqualTo("Patient/" + id.value()));

        FhirImporter.Summary twice = importText(tmp, bundle);
        assertThat(twice.rejected()).isEmpty();
        assertThat(twice.created().values()).allMatch(n -> n == 0);
        assertThat(twice.alreadyThere()).containsEntry("Patient", 1L).containsEntry("Observation", 1L).containsEntry("Condition", 1L);
        assertThat(exportOf(id)).hasSize(exported.size());
    }

    @Test
    void aWrongNirIsStillRefusedAndAPersonWithoutInsNorIdentifierIsNotGuessed(@TempDir Path tmp) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Patient","id":"wrong-key","identifier":[
                   {"system":"urn:oid:1.2.250.1.213.1.4.8","value":"184127645108947"},{"system":"%s","value":"%s"}],
                   "name":[{"family":"Dupont","given":["Jean"]}],"gender":"male","birthDate":"1984-12-01"}},
                 {"resource":{"resourceType":"Patient","id":"nobody","name":[{"family":"Sansnom","given":["Paul"]}],
                   "gender":"male","birthDate":"1990-01-01"}}
                ]}""".formatted(IPP_SYSTEM, ipp);
        long before = patients.count();
        FhirImporter.Summary s = importText(tmp, json);
        assertThat(s.created().getOrDefault("Patient", 0L)).isZero();
        assertThat(s.rejected()).hasSize(2);
        assertThat(s.rejected().get(0)).startsWith("Patient/wrong-key (bundle.json, entrée 1) : ").contains("clé");
        assertThat(s.rejected().get(1)).startsWith("Patient/nobody (bundle.json, entrée 2) : ").contains("identifiant");
        assertThat(patients.byIdentifier(new ForeignIdentifier(IPP_SYSTEM, ipp))).isEmpty();
        assertThat(patients.count()).isEqualTo(before);
    }

    @Test
    void sharingChoicesAreReplayedThroughTheAccessModuleOnceAndByItsRules(@TempDir Path tmp) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String person = "urn:uuid:" + UUID.randomUUID();
        String medecin = professionals.byId(cast.professional("medecin")).orElseThrow().idNatPs();
        String medecin2 = professionals.byId(cast.professional("medecin2")).orElseThrow().idNatPs();
        String infirmier = professionals.byId(cast.professional("infirmier")).orElseThrow().rpps();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"%1$s","resource":{"resourceType":"Patient","identifier":[{"system":"%2$s","value":"%3$s"}],
                   "name":[{"family":"Choix","given":["Rose"]}],"gender":"female","birthDate":"1970-02-03"}},
                 %4$s, %5$s, %6$s, %7$s, %8$s, %9$s, %10$s
                ]}""".formatted(person, IPP_SYSTEM, ipp,
                consent(person, "TREATING_PHYSICIAN", true, "urn:oid:1.2.250.1.71.4.2.1", medecin, "2020-01-15"),
                consent(person, "BLOCK", false, "urn:oid:1.2.250.1.71.4.2.1", medecin2, "2023-04-05T10:11:12+02:00"),
                // From another system: a permit naming a practitioner (by RPPS) is an authorisation.
                consent(person, null, true, "https://rpps.esante.gouv.fr", infirmier, "2023-06-07T08:09:10+02:00"),
                consent(person, "EMERGENCY_ACCESS", false, null, null, null),
                consent(person, "SHARE_WITH_CARE_TEAM", false, null, null, null),
                // The médecin traitant cannot be blocked, whoever asks.
                consent(person, "BLOCK", false, "urn:oid:1.2.250.1.71.4.2.1", medecin, "2023-04-05T10:11:12+02:00"),
                // Nobody in the directory has this RPPS.
                consent(person, "AUTHORISATION", true, "https://rpps.esante.gouv.fr", "10000000008", "2023-04-05T10:11:12+02:00"));
        FhirImporter.Summary once = importText(tmp, json);
        assertThat(once.created()).containsEntry("Consent", 5L);
        assertThat(once.rejected()).hasSize(2);
        assertThat(once.rejected().get(0)).contains("médecin traitant ne peut pas être bloqué");
        assertThat(once.rejected().get(1)).contains("introuvable");

        PatientId id = patients.byIdentifier(new ForeignIdentifier(IPP_SYSTEM, ipp)).orElseThrow();
        SharingTransfer.Choices choices = sharing.choicesOf(id);
        CareTeamMembers team = choices.careTeam();
        assertThat(team.treatingPhysician()).hasValueSatisfying(t -> {
            assertThat(t.professional()).isEqualTo(cast.professional("medecin"));
            assertThat(t.since()).isEqualTo(java.time.LocalDate.of(2020, 1, 15));
        });
        assertThat(team.blocked()).extracting(CareTeamMembers.Blocked::professional).containsExactly(cast.professional("medecin2"));
        assertThat(team.blocked().get(0).since()).isEqualTo(java.time.Instant.parse("2023-04-05T08:11:12Z"));
        assertThat(team.authorised()).extracting(CareTeamMembers.Authorised::professional).containsExactly(cast.professional("infirmier"));
        assertThat(choices.settings().emergencyAccessAllowed()).isFalse();
        assertThat(choices.settings().shareAdditionsWithCareTeam()).isFalse();
        // Journaled on the person's chain, as imports by the platform.
        assertThat(journal.forPatient(id.value(), 0, 50)).filteredOn(e -> e.action() == fr.hygie.journal.JournalAction.IMPORT).hasSize(5);

        FhirImporter.Summary twice = importText(tmp, json);
        assertThat(twice.created().getOrDefault("Consent", 0L)).isZero();
        assertThat(twice.alreadyThere()).containsEntry("Consent", 5L);
        assertThat(journal.forPatient(id.value(), 0, 50)).filteredOn(e -> e.action() == fr.hygie.journal.JournalAction.IMPORT).hasSize(5);
    }

    private static String consent(String person, String kind, boolean permit, String system, String value, String date) {
        return """
                {"resource":{"resourceType":"Consent","status":"active",
                  "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                  "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}%s],
                  "patient":{"reference":"%s"}%s,
                  "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"%s"}]},
                  "provision":{"type":"%s"%s}}}""".formatted(
                kind == null ? "" : ",{\"coding\":[{\"system\":\"" + ConsentResourceProvider.KIND_SYSTEM + "\",\"code\":\"" + kind + "\"}]}",
                person, date == null ? "" : ",\"dateTime\":\"" + date + "\"", permit ? "OPTIN" : "OPTOUT", permit ? "permit" : "deny",
                system == null ? "" : ",\"actor\":[{\"role\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-RoleClass\","
                        + "\"code\":\"PROV\"}]},\"reference\":{\"identifier\":{\"system\":\"" + system + "\",\"value\":\"" + value + "\"}}}]");
    }

    @Test
    void theDirectoryIsMatchedByRppsAndFinessAndARoleWithoutItsPractitionerIsRefused(@TempDir Path tmp) throws Exception {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        exporter.exportDirectory(new LinkedHashSet<>(List.of("Organization", "Practitioner", "PractitionerRole")),
                (type, r) -> b.addEntry().setFullUrl(type + "/" + r.getIdElement().getIdPart()).setResource(r));
        long structures = b.getEntry().stream().filter(e -> e.getResource().fhirType().equals("Organization")).count();
        long pros = professionals.count();
        org.hl7.fhir.r4.model.PractitionerRole orphan = new org.hl7.fhir.r4.model.PractitionerRole();
        orphan.setId("orphan");
        orphan.setPractitioner(new Reference("Practitioner/" + UUID.randomUUID()));
        b.addEntry().setResource(orphan);
        int orphanAt = b.getEntry().size();
        FhirImporter.Summary s = importText(tmp, fhir.newJsonParser().encodeResourceToString(b));
        assertThat(s.created().values()).allMatch(n -> n == 0);
        assertThat(s.alreadyThere()).isEqualTo(Map.of("Organization", structures, "Practitioner", pros, "PractitionerRole", pros));
        assertThat(s.rejected()).containsExactly("PractitionerRole/orphan (bundle.json, entrée " + orphanAt + ") : le professionnel (Practitioner) de ce rôle n'est pas dans les données importées");
        assertThat(professionals.count()).isEqualTo(pros);
    }

    @Test
    void aPrescriptionFromAnotherSystemImportsOnceWithItsDispensationAndABadOneStoresNothing(@TempDir Path tmp) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String person = "urn:uuid:" + UUID.randomUUID();
        String medecin = professionals.byId(cast.professional("medecin")).orElseThrow().rpps();
        String pharmacien = professionals.byId(cast.professional("pharmacien")).orElseThrow().rpps();
        String rx = UUID.randomUUID().toString();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"%1$s","resource":{"resourceType":"Patient","identifier":[{"system":"%2$s","value":"%3$s"}],
                   "name":[{"family":"Ordonnance","given":["Léa"]}],"gender":"female","birthDate":"1981-05-06"}},
                 {"fullUrl":"urn:uuid:%6$s-a","resource":{"resourceType":"MedicationRequest","id":"a","status":"completed","intent":"order",
                   "groupIdentifier":{"system":"https://hopital-exemple.fr/fhir/rx","value":"%6$s"},
                   "medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"N02BE01"}],"text":"Paracétamol 500 mg"},
                   "subject":{"reference":"%1$s"},"requester":{"identifier":{"system":"https://rpps.esante.gouv.fr","value":"%4$s"}},
                   "authoredOn":"2025-03-01T10:00:00+01:00","dosageInstruction":[{"text":"1 comprimé 3 fois par jour"}],
                   "dispenseRequest":{"validityPeriod":{"start":"2025-03-01T10:00:00+01:00","end":"2025-06-01T10:00:00+02:00"},
                     "quantity":{"value":2,"unit":"boîte"}}}},
                 {"resource":{"resourceType":"MedicationDispense","id":"d","status":"completed",
                   "medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"N02BE01"}],"text":"Paracétamol 500 mg"},
                   "subject":{"reference":"%1$s"},"performer":[{"actor":{"identifier":{"system":"https://rpps.esante.gouv.fr","value":"%5$s"}}}],
                   "authorizingPrescription":[{"reference":"urn:uuid:%6$s-a"}],"quantity":{"value":2},
                   "whenHandedOver":"2025-03-02T09:00:00+01:00"}},
                 {"resource":{"resourceType":"MedicationRequest","id":"bad","status":"active","intent":"order",
                   "identifier":[{"system":"https://hopital-exemple.fr/fhir/rx","value":"%6$s-bad"}],
                   "medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"N02BE01"}]},
                   "subject":{"reference":"%1$s"},"requester":{"identifier":{"system":"https://rpps.esante.gouv.fr","value":"%4$s"}},
                   "authoredOn":"2025-03-01T10:00:00+01:00",
                   "dispenseRequest":{"validityPeriod":{"end":"2025-06-01T10:00:00+02:00"},"quantity":{"value":0}}}}
                ]}""".formatted(person, IPP_SYSTEM, ipp, medecin, pharmacien, rx);
        FhirImporter.Summary once = importText(tmp, json);
        assertThat(once.created()).containsEntry("MedicationRequest", 1L).containsEntry("MedicationDispense", 1L);
        assertThat(once.rejected()).containsExactly("MedicationRequest/bad (bundle.json, entrée 4) : Ligne 1 : la quantité doit être comprise entre 1 et 99.");

        PatientId id = patients.byIdentifier(new ForeignIdentifier(IPP_SYSTEM, ipp)).orElseThrow();
        List<fr.hygie.prescriptions.ExportedPrescription> stored = prescriptions.forExport(id);
        assertThat(stored).hasSize(1);
        fr.hygie.prescriptions.Prescription p = stored.get(0).prescription();
        assertThat(p.status()).isEqualTo(fr.hygie.prescriptions.PrescriptionStatus.COMPLETED);
        assertThat(p.prescriber().id()).isEqualTo(cast.professional("medecin"));
        assertThat(p.dispensing().pharmacist()).isEqualTo(cast.professional("pharmacien"));
        assertThat(stored.get(0).dispensed()).singleElement().satisfies(d -> assertThat(d.quantity()).isEqualTo(2));
        assertThat(journal.forPatient(id.value(), 0, 50)).filteredOn(e -> e.action() == fr.hygie.journal.JournalAction.IMPORT
                && "MedicationRequest".equals(e.objectType())).hasSize(1);

        FhirImporter.Summary twice = importText(tmp, json);
        assertThat(twice.created().getOrDefault("MedicationRequest", 0L)).isZero();
        assertThat(twice.alreadyThere()).containsEntry("MedicationRequest", 1L).containsEntry("MedicationDispense", 1L);
        assertThat(prescriptions.forExport(id)).hasSize(1);
    }

    @Test
    void anAppointmentFromAnotherSystemImportsOnceAndOneEndingBeforeItStartsStoresNothing(@TempDir Path tmp) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String person = "urn:uuid:" + UUID.randomUUID();
        String medecin = professionals.byId(cast.professional("medecin")).orElseThrow().rpps();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"%1$s","resource":{"resourceType":"Patient","identifier":[{"system":"%2$s","value":"%3$s"}],
                   "name":[{"family":"Agenda","given":["Paul"]}],"gender":"male","birthDate":"1975-09-10"}},
                 {"resource":{"resourceType":"Appointment","id":"rdv-1","status":"booked",
                   "identifier":[{"system":"https://hopital-exemple.fr/fhir/rdv","value":"%3$s-1"}],
                   "start":"2031-03-04T09:00:00+01:00","end":"2031-03-04T09:20:00+01:00",
                   "participant":[{"actor":{"reference":"%1$s"},"status":"accepted"},
                     {"actor":{"identifier":{"system":"https://rpps.esante.gouv.fr","value":"%4$s"}},"status":"accepted"}]}},
                 {"resource":{"resourceType":"Appointment","id":"rdv-bad","status":"booked",
                   "start":"2031-03-05T09:00:00+01:00","end":"2031-03-05T08:00:00+01:00",
                   "participant":[{"actor":{"reference":"%1$s"},"status":"accepted"},
                     {"actor":{"identifier":{"system":"https://rpps.esante.gouv.fr","value":"%4$s"}},"status":"accepted"}]}}
                ]}""".formatted(person, IPP_SYSTEM, ipp, medecin);
        FhirImporter.Summary once = importText(tmp, json);
        assertThat(once.rejected()).containsExactly("Appointment/rdv-bad (bundle.json, entrée 3) : Un rendez-vous s'importe avec son début et sa fin (après le début).");
        assertThat(once.created()).containsEntry("Appointment", 1L);
        PatientId id = patients.byIdentifier(new ForeignIdentifier(IPP_SYSTEM, ipp)).orElseThrow();
        assertThat(bookings.forExport(id)).singleElement().satisfies(b -> {
            assertThat(b.professional()).isEqualTo(cast.professional("medecin"));
            assertThat(b.status()).isEqualTo(fr.hygie.appointments.AppointmentStatus.BOOKED);
            assertThat(b.startsAt()).isEqualTo(java.time.Instant.parse("2031-03-04T08:00:00Z"));
        });
        FhirImporter.Summary twice = importText(tmp, json);
        assertThat(twice.created().getOrDefault("Appointment", 0L)).isZero();
        assertThat(twice.alreadyThere()).containsEntry("Appointment", 1L);
        assertThat(bookings.forExport(id)).hasSize(1);
    }

    @Test
    void aConversationFromAnotherSystemImportsOnceAndAMessageWithoutItsAttachmentStoresNothing(@TempDir Path tmp) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String person = "urn:uuid:" + UUID.randomUUID();
        String medecin = professionals.byId(cast.professional("medecin")).orElseThrow().rpps();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"%1$s","resource":{"resourceType":"Patient","identifier":[{"system":"%2$s","value":"%3$s"}],
                   "name":[{"family":"Message","given":["Anne"]}],"gender":"female","birthDate":"1968-11-12"}},
                 {"fullUrl":"urn:uuid:%3$s-m1","resource":{"resourceType":"Communication","id":"m1","status":"completed",
                   "subject":{"reference":"%1$s"},"sent":"2025-01-02T10:00:00+01:00","topic":{"text":"Vos résultats"},
                   "sender":{"identifier":{"system":"https://rpps.esante.gouv.fr","value":"%4$s"},"display":"Dr Autre Système"},
                   "recipient":[{"reference":"%1$s"}],
                   "payload":[{"contentString":"Vos résultats sont normaux."},
                     {"contentAttachment":{"contentType":"text/plain","title":"resultats.txt","data":"UsOpc3VsdGF0cyBub3JtYXV4Lgo="}}]}},
                 {"resource":{"resourceType":"Communication","id":"m2","status":"completed",
                   "subject":{"reference":"%1$s"},"sent":"2025-01-03T10:00:00+01:00","inResponseTo":[{"reference":"urn:uuid:%3$s-m1"}],
                   "sender":{"reference":"%1$s","display":"Anne Message"},
                   "recipient":[{"identifier":{"system":"https://rpps.esante.gouv.fr","value":"%4$s"}}],
                   "payload":[{"contentString":"Merci docteur."}]}},
                 {"resource":{"resourceType":"Communication","id":"bad","status":"completed",
                   "subject":{"reference":"%1$s"},"sent":"2025-01-04T10:00:00+01:00","topic":{"text":"Pièce jointe"},
                   "sender":{"identifier":{"system":"https://rpps.esante.gouv.fr","value":"%4$s"}},
                   "recipient":[{"reference":"%1$s"}],
                   "payload":[{"contentString":"Voir la pièce jointe."},{"contentAttachment":{"url":"https://ailleurs.example/pj/1"}}]}}
                ]}""".formatted(person, IPP_SYSTEM, ipp, medecin);
        FhirImporter.Summary once = importText(tmp, json);
        assertThat(once.rejected()).containsExactly(
                "Communication/bad (bundle.json, entrée 4) : pièce jointe sans contenu (attachment.data) : un message s'importe avec ses pièces jointes");
        assertThat(once.created()).containsEntry("Communication", 2L);
        PatientId id = patients.byIdentifier(new ForeignIdentifier(IPP_SYSTEM, ipp)).orElseThrow();
        List<fr.hygie.messaging.ExportedMessage> stored = conversations.forExport(id);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).message().conversation()).isEqualTo(stored.get(0).message().conversation());
        assertThat(stored.get(1).message().authorSide()).isEqualTo(fr.hygie.messaging.Side.PATIENT);
        assertThat(stored.get(0).message().authorProfessional()).isEqualTo(cast.professional("medecin"));
        assertThat(new String(stored.get(0).attachmentContents().get(0), StandardCharsets.UTF_8)).isEqualTo("Résultats normaux.\n");
        FhirImporter.Summary twice = importText(tmp, json);
        assertThat(twice.created().getOrDefault("Communication", 0L)).isZero();
        assertThat(twice.alreadyThere()).containsEntry("Communication", 2L);
        assertThat(conversations.forExport(id)).hasSize(2);
    }

    @Test
    void researchObjectionsComeBackWithTheirDatesOnceAndABadOneStoresNothing(@TempDir Path tmp) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String person = "urn:uuid:" + UUID.randomUUID();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"%1$s","resource":{"resourceType":"Patient","identifier":[{"system":"%2$s","value":"%3$s"}],
                   "name":[{"family":"Opposition","given":["Luc"]}],"gender":"male","birthDate":"1959-04-05"}},
                 %4$s, %5$s, %6$s, %7$s
                ]}""".formatted(person, IPP_SYSTEM, ipp,
                objection("ok", person, "PURPOSE:SCIENTIFIC_RESEARCH", "active", "2024-02-03T10:00:00Z", null),
                objection("withdrawn", person, "GLOBAL", "inactive", "2023-01-01T10:00:00Z", "2023-06-01T10:00:00Z"),
                objection("unknown", person, "PURPOSE:ADVERTISING", "active", "2024-02-03T10:00:00Z", null),
                objection("backwards", person, "PLACE:EU_ONLY", "inactive", "2024-02-03T10:00:00Z", "2024-01-01T10:00:00Z"));
        FhirImporter.Summary once = importText(tmp, json);
        assertThat(once.rejected()).containsExactly(
                "Consent/unknown (bundle.json, entrée 4) : périmètre d'opposition inconnu (provision.code) : PURPOSE:ADVERTISING",
                "Consent/backwards (bundle.json, entrée 5) : Le retrait d'une opposition ne peut pas précéder l'opposition.");
        assertThat(once.created()).containsEntry("Consent", 2L);
        PatientId id = patients.byIdentifier(new ForeignIdentifier(IPP_SYSTEM, ipp)).orElseThrow();
        List<fr.hygie.research.Objection> history = objections.forExport(id);
        assertThat(history).extracting(o -> o.scope().code()).containsExactly("GLOBAL", "PURPOSE:SCIENTIFIC_RESEARCH");
        assertThat(history.get(0).withdrawnAt()).contains(java.time.Instant.parse("2023-06-01T10:00:00Z"));
        assertThat(objections.inForceAt(id, java.time.Instant.parse("2023-03-01T00:00:00Z"))).extracting(s -> s.code())
                .containsExactly("GLOBAL");
        FhirImporter.Summary twice = importText(tmp, json);
        assertThat(twice.created().getOrDefault("Consent", 0L)).isZero();
        assertThat(objections.forExport(id)).hasSize(2);
    }

    private static String objection(String id, String person, String scope, String status, String recorded, String withdrawn) {
        return """
                {"resource":{"resourceType":"Consent","id":"%s","status":"%s",
                  "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"research"}]},
                  "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]},
                    {"coding":[{"system":"%s","code":"RESEARCH_OBJECTION"}]}],
                  "patient":{"reference":"%s"},"dateTime":"%s",
                  "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTOUT"}]},
                  "provision":{"type":"deny","period":{"start":"%s"%s},
                    "code":[{"coding":[{"system":"%s","code":"%s"}]}]}}}""".formatted(id, status, ConsentResourceProvider.KIND_SYSTEM,
                person, recorded, recorded, withdrawn == null ? "" : ",\"end\":\"" + withdrawn + "\"", ObjectionTransfer.SCOPE_SYSTEM, scope);
    }

    @Test
    void aMandateComesBackForAnExistingAccountOnceAndOneForAnUnknownLoginStoresNothing(@TempDir Path tmp) throws Exception {
        String ipp = "IPP-" + UUID.randomUUID();
        String person = "urn:uuid:" + UUID.randomUUID();
        String good = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        String json = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"fullUrl":"%1$s","resource":{"resourceType":"Patient","identifier":[{"system":"%2$s","value":"%3$s"}],
                   "name":[{"family":"Mandat","given":["Rose"]}],"gender":"female","birthDate":"1940-01-02"}},
                 %4$s, %5$s
                ]}""".formatted(person, IPP_SYSTEM, ipp, mandate(good, person, "aidant", "READ_MESSAGES"),
                mandate(bad, person, "personne-inconnue", "READ_MESSAGES"));
        FhirImporter.Summary once = importText(tmp, json);
        assertThat(once.rejected()).containsExactly("RelatedPerson/" + bad + " (bundle.json, entrée 3) : le représentant (« personne-inconnue ») n'a pas de compte"
                + " sur cette plateforme : ouvrez-le, puis importez à nouveau");
        assertThat(once.created()).containsEntry("RelatedPerson", 1L);
        PatientId id = patients.byIdentifier(new ForeignIdentifier(IPP_SYSTEM, ipp)).orElseThrow();
        assertThat(mandates.of(id)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(fr.hygie.identity.MandateKind.CAREGIVER);
            assertThat(m.scopes()).containsExactly(fr.hygie.identity.MandateScope.READ_MESSAGES);
            assertThat(m.validFrom()).isEqualTo(java.time.LocalDate.of(2025, 1, 1));
        });
        FhirImporter.Summary twice = importText(tmp, json);
        assertThat(twice.created().getOrDefault("RelatedPerson", 0L)).isZero();
        assertThat(mandates.of(id)).hasSize(1);
    }

    private static String mandate(String id, String person, String login, String scope) {
        return """
                {"resource":{"resourceType":"RelatedPerson","id":"%1$s",
                  "extension":[{"url":"%2$s","extension":[{"url":"representativeLogin","valueString":"%3$s"},
                    {"url":"scope","valueCode":"%4$s"}]}],
                  "identifier":[{"system":"%5$s","value":"%1$s"}],"active":true,"patient":{"reference":"%6$s"},
                  "relationship":[{"coding":[{"system":"%7$s","code":"CAREGIVER"}]}],"name":[{"text":"Un proche"}],
                  "period":{"start":"2025-01-01"}}}""".formatted(id, MandateTransfer.TRANSFER_EXTENSION, login, scope,
                MandateTransfer.MANDATE_SYSTEM, person, MandateTransfer.KIND_SYSTEM);
    }
}
