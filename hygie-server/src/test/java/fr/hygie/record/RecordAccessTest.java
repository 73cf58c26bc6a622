package fr.hygie.record;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.access.EmergencyAccess;
import fr.hygie.access.EmergencyKind;
import fr.hygie.access.EmergencyOpening;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalEntry;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rules of "who may see what", with the demo cast, through the record module's real services. */
@HygieIntegrationTest
class RecordAccessTest {

    static final JournalChannel WEB = JournalChannel.WEB;

    @Autowired
    Cast cast;

    @Autowired
    Documents documents;

    @Autowired
    MedicalProfile profile;

    @Autowired
    CareTeam careTeam;

    @Autowired
    EmergencyAccess emergency;

    @Autowired
    Journal journal;

    List<String> titles(Actor actor, PatientId patient) {
        return documents.list(actor, patient, DocumentFilter.all(), WEB).stream().map(DocumentSummary::title).toList();
    }

    @Test
    void theTreatingPhysicianSeesTheRecordIncludingTheDocumentMaskedForOthers() {
        List<String> seen = titles(cast.actor("medecin"), cast.patient("patient"));
        assertThat(seen).contains("Bilan sanguin annuel", "Consultation de psychiatrie", "Directives anticipées",
                "Résultat d'anatomopathologie");
        DocumentSummary psy = documents.list(cast.actor("patient"), cast.patient("patient"), DocumentFilter.all(), WEB).stream()
                .filter(d -> d.title().equals("Consultation de psychiatrie")).findFirst().orElseThrow();
        assertThat(psy.masked()).isTrue();
    }

    @Test
    void anAuthorisedNurseDoesNotSeeTheMaskedDocument() {
        assertThat(titles(cast.actor("infirmier"), cast.patient("patient")))
                .contains("Bilan sanguin annuel").doesNotContain("Consultation de psychiatrie");
    }

    @Test
    void aDentistDoesNotSeeAdvanceDirectivesNeitherTheDocumentNorTheWishes() {
        Actor dentist = cast.actor("dentiste");
        assertThat(titles(dentist, cast.patient("patient"))).contains("Bilan sanguin annuel").doesNotContain("Directives anticipées");
        ProfileView view = profile.view(dentist, cast.patient("patient"), WEB);
        assertThat(view.advanceDirectives()).isEmpty();
        assertThat(view.sections()).containsKey(ProfileSectionKind.ALLERGIES);
        ProfileView doctor = profile.view(cast.actor("medecin"), cast.patient("patient"), WEB);
        assertThat(doctor.advanceDirectives()).get().asString().contains("soins palliatifs");
    }

    @Test
    void aPhysiotherapistDoesNotSeeTheLabReportButAPodiatristRuleIsDataDriven() {
        assertThat(titles(cast.actor("kine"), cast.patient("patient"))).doesNotContain("Bilan sanguin annuel")
                .contains("Compte rendu d'accouchement");
    }

    @Test
    void aGpWhoNeverTreatedThePatientSeesNothingThenAfterAnEmergencyAccessSeesItAndThePatientSeesItInHerJournal() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        documents.add(me, text(person, "Mon compte rendu de chirurgie"), WEB);
        Actor gp2 = cast.actor("medecin2");
        assertThat(titles(gp2, person)).isEmpty();

        EmergencyOpening opening = emergency.openEmergencySession(gp2, person,
                "Patiente inconsciente aux urgences, besoin des antécédents", EmergencyKind.BRIS_DE_GLACE, WEB);
        assertThat(opening).isInstanceOf(EmergencyOpening.Opened.class);
        assertThat(titles(gp2, person)).containsExactly("Mon compte rendu de chirurgie");

        List<JournalEntry> entries = journal.forPatient(person.value(), 0, 50);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(JournalAction.EMERGENCY_ACCESS);
            assertThat(e.actor().displayName()).isEqualTo("Dr Sophie Bernard");
            assertThat(e.justification()).contains("inconsciente");
        });
    }

    @Test
    void aBlockedProfessionalSeesExactlyWhatHeWouldSeeOfAnEmptyRecordAndCannotTell() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        DocumentId doc = added(documents.add(me, text(person, "Document privé"), WEB));
        String emptyLogin = cast.newPatient();
        PatientId empty = cast.patient(emptyLogin);
        Actor nurse = cast.actor("infirmier");
        careTeam.authorise(me, person, cast.professional("infirmier"), WEB);
        careTeam.authorise(cast.actor(emptyLogin), empty, cast.professional("infirmier"), WEB);
        assertThat(titles(nurse, person)).containsExactly("Document privé");

        careTeam.block(me, person, cast.professional("infirmier"), WEB);
        // Same list as the authorised-but-empty record, same "absent" answer as a document that never existed.
        assertThat(documents.list(nurse, person, DocumentFilter.all(), WEB))
                .isEqualTo(documents.list(nurse, empty, DocumentFilter.all(), WEB));
        assertThat(documents.read(nurse, doc, WEB)).isEmpty();
        assertThat(documents.read(nurse, new DocumentId(UUID.randomUUID()), WEB)).isEmpty();
        assertThat(profile.view(nurse, person, WEB).sections()).isEmpty();
        // The refusal and its reason are in the journal, for the patient and the auditors only.
        assertThat(journal.forPatient(person.value(), 0, 20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(JournalAction.READ);
            assertThat(e.reasonCode()).isEqualTo("BLOCKED");
        });
    }

    @Test
    void aDocumentHiddenFromThePatientAppearsOnlyOnceTheAuthorReleasesIt() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor gp = cast.actor("medecin");
        DocumentId doc = added(documents.add(gp, new NewDocument(person, "11502-2", "Résultat à annoncer", LocalDate.now(),
                Set.of(ConfidentialityLabel.INVISIBLE_PATIENT), ContentType.TEXT, bytes("Résultat")), WEB));
        Actor me = cast.actor(login);
        assertThat(titles(me, person)).doesNotContain("Résultat à annoncer");
        assertThat(documents.read(me, doc, WEB)).isEmpty();

        assertThat(documents.release(gp, doc, WEB)).isInstanceOf(ChangeOutcome.Done.class);
        assertThat(titles(me, person)).contains("Résultat à annoncer");
        assertThat(new String(documents.read(me, doc, WEB).orElseThrow().bytes(), StandardCharsets.UTF_8)).isEqualTo("Résultat");
    }

    @Test
    void theMinorsConfidentialDocumentIsNotShownToHerMother() {
        PatientId minor = cast.patient("mineur");
        assertThat(titles(cast.actingFor("patient", minor), minor))
                .contains("Vaccinations de l'enfance").doesNotContain("Consultation confidentielle");
        assertThat(titles(cast.actor("mineur"), minor)).contains("Consultation confidentielle");
    }

    @Test
    void theCaregiverReadsPatient2sDocumentsButCannotChangeHisSharing() {
        PatientId p2 = cast.patient("patient2");
        Actor aidant = cast.actingFor("aidant", p2);
        List<DocumentSummary> seen = documents.list(aidant, p2, DocumentFilter.all(), WEB);
        assertThat(seen).extracting(DocumentSummary::title).contains("Consultation de suivi du diabète");
        assertThat(documents.mask(aidant, seen.get(0).id(), true, WEB)).isInstanceOf(ChangeOutcome.NotFound.class);
        assertThat(careTeam.authorise(aidant, p2, cast.professional("medecin2"), WEB).done()).isFalse();
        // Acting for someone who gave no mandate: nothing.
        assertThat(titles(cast.actingFor("aidant", cast.patient("patient")), cast.patient("patient"))).isEmpty();
        // Every action shows "X acting for Y" in patient2's journal.
        assertThat(journal.forPatient(p2.value(), 0, 10)).anySatisfy(e -> {
            assertThat(e.actor().displayName()).contains("Luc Petit");
            assertThat(e.actingFor()).isNotNull();
            assertThat(e.actingFor().displayName()).isEqualTo("Jean Petit");
        });
    }

    @Test
    void counterAgentsAndAdminsNeverReadMedicalContent() {
        assertThat(titles(cast.actor("accueil"), cast.patient("patient"))).isEmpty();
        assertThat(titles(cast.actor("admin"), cast.patient("patient"))).isEmpty();
        assertThat(profile.view(cast.actor("accueil"), cast.patient("patient"), WEB).sections()).isEmpty();
    }

    static NewDocument text(PatientId patient, String title) {
        return new NewDocument(patient, "11488-4", title, LocalDate.now().minusDays(1), Set.of(), ContentType.TEXT, bytes(title + " — contenu"));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static DocumentId added(AddOutcome outcome) {
        assertThat(outcome).isInstanceOf(AddOutcome.Added.class);
        return ((AddOutcome.Added) outcome).document().id();
    }
}
