package fr.hygie.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalVerifier;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.MasterKeys;
import fr.hygie.platform.crypto.WrappedKeyHolder;
import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@HygieIntegrationTest
class RecordStorageTest {

    static final JournalChannel WEB = JournalChannel.WEB;

    @Autowired
    Cast cast;

    @Autowired
    Documents documents;

    @Autowired
    MedicalProfile profile;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HygieHome home;

    @Autowired
    DocumentStore store;

    @Autowired
    Journal journal;

    @Autowired
    JournalVerifier verifier;

    @Autowired
    MasterKeys masterKeys;

    @Autowired
    EnvelopeEncryption envelope;

    @Autowired
    List<WrappedKeyHolder> holders;

    @Test
    void noPlaintextOfContentTitlesNotesDirectivesOrContactsInTheDatabaseOrOnDisk() throws IOException {
        String marker = "Zygomorphe" + UUID.randomUUID().toString().substring(0, 8);
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        Actor gp = cast.actor("medecin");
        documents.add(me, new NewDocument(person, "11488-4", "Titre " + marker, LocalDate.now(), Set.of(), ContentType.TEXT,
                ("Contenu clinique " + marker).getBytes(StandardCharsets.UTF_8)), WEB);
        profile.add(gp, person, new NewProfileItem(ProfileSectionKind.ALLERGIES, null, null, "Allergie aux arachides", null, null,
                LocalDate.now(), "Note " + marker), WEB);
        profile.updateWishes(me, person, "Directives " + marker, OrganDonation.ACCEPTE, WEB);
        profile.addContact(me, person, "A_PREVENIR", "Contact " + marker, "0600000000", "sœur", WEB);

        // Every row of every table, as text (bytea columns appear as hex).
        List<String> tables = jdbc.sql("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")
                .query(String.class).list();
        String hexMarker = HexFormat.of().formatHex(marker.getBytes(StandardCharsets.UTF_8));
        for (String table : tables) {
            Long hits = jdbc.sql("SELECT count(*) FROM " + table + " t WHERE t::text LIKE :m OR t::text LIKE :h")
                    .param("m", "%" + marker + "%").param("h", "%" + hexMarker + "%").query(Long.class).single();
            assertThat(hits).as("plaintext in %s", table).isZero();
        }
        // Every file under HYGIE_HOME (document store, keys…).
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(home.root())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(f), needle)).as("plaintext in %s", f).isEqualTo(-1);
            }
        }
        // …and yet the permitted reader gets it back.
        assertThat(profile.view(me, person, WEB).advanceDirectives()).get().asString().contains(marker);
        assertThat(profile.view(me, person, WEB).contacts().orElseThrow()).anySatisfy(c -> assertThat(c.name()).contains(marker));
    }

    @Test
    void aDownloadOpensTheContentButNotTheTitleAndAnErasureForgetsTheDataKeysKeptInMemory() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        LocalDate date = LocalDate.now().minusDays(3);
        DocumentId id = ((AddOutcome.Added) documents.add(me, new NewDocument(person, "11488-4", "Compte rendu", date, Set.of(),
                ContentType.TEXT, "Contenu clinique".getBytes(StandardCharsets.UTF_8)), WEB)).document().id();
        byte[] contentKey = jdbc.sql("SELECT wrapped_key FROM record.document WHERE id = :id").param("id", id.value())
                .query(byte[].class).single();
        String title = jdbc.sql("SELECT title_sealed FROM record.document WHERE id = :id").param("id", id.value())
                .query(String.class).single();

        DocumentFile file = documents.file(me, id, WEB).orElseThrow();

        assertThat(file.bytes()).asString(StandardCharsets.UTF_8).isEqualTo("Contenu clinique");
        assertThat(file.contentType()).isEqualTo(ContentType.TEXT);
        assertThat(file.clinicalDate()).isEqualTo(date);
        assertThat(file.patient()).isEqualTo(person);
        // The content's data key was unwrapped (and kept, ADR 0003). Since session 9 a document's content and title are
        // sealed under one data key (EnvelopeEncryption#sealWithText): the title's token carries the same wrapped key,
        // so it is kept too; the download itself (DocumentFile) carries no title.
        assertThat(envelope.keeps(contentKey)).isTrue();
        assertThat(envelope.keepsText(title)).isTrue();
        assertThat(documents.read(me, id, WEB).orElseThrow().summary().title()).isEqualTo("Compte rendu");

        // Crypto-erasure: the wrapped keys are destroyed, and so are the unwrapped ones this process kept.
        assertThat(documents.delete(me, id, WEB)).isInstanceOf(ChangeOutcome.Done.class);
        assertThat(envelope.keeps(contentKey)).isFalse();
        assertThat(envelope.keepsText(title)).isFalse();
        assertThat(documents.file(me, id, WEB)).isEmpty();
    }

    @Test
    void contentIsCheckedByItsBytesAndBadInputStoresNothing() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        long before = count(person);
        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};
        assertRefused(() -> documents.add(me, doc(person, exe, null), WEB), "CONTENT_TYPE");
        byte[] pdfWithScript = "%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(() -> documents.add(me, doc(person, pdfWithScript, null), WEB), "PDF_ACTIVE_CONTENT");
        assertRefused(() -> documents.add(me, doc(person, "texte".getBytes(StandardCharsets.UTF_8), ContentType.PDF), WEB),
                "CONTENT_TYPE_MISMATCH");
        assertRefused(() -> documents.add(me, doc(person, new byte[(int) DocumentStore.MAX_CONTENT_BYTES + 1], null), WEB), "CONTENT_TOO_LARGE");
        assertRefused(() -> documents.add(me, new NewDocument(person, "99999-9", "x", LocalDate.now(), Set.of(), null,
                "x".getBytes(StandardCharsets.UTF_8)), WEB), "DOCUMENT_TYPE");
        assertThat(count(person)).isEqualTo(before);

        byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF".getBytes(StandardCharsets.ISO_8859_1);
        AddOutcome ok = documents.add(me, doc(person, pdf, ContentType.PDF), WEB);
        assertThat(((AddOutcome.Added) ok).document().contentType()).isEqualTo(ContentType.PDF);
    }

    @Test
    void deletingCryptoErasesTheContentAndTheJournalKeepsTheFact() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        DocumentId id = ((AddOutcome.Added) documents.add(me, doc(person, "à effacer".getBytes(StandardCharsets.UTF_8), null), WEB))
                .document().id();
        assertThat(store.exists(id.value())).isTrue();
        assertThat(documents.delete(me, id, WEB)).isInstanceOf(ChangeOutcome.Done.class);
        assertThat(store.exists(id.value())).isFalse();
        assertThat(jdbc.sql("SELECT wrapped_key IS NULL AND title_sealed IS NULL FROM record.document WHERE id = :id")
                .param("id", id.value()).query(Boolean.class).single()).isTrue();
        assertThat(documents.read(me, id, WEB)).isEmpty();
        assertThat(journal.forPatient(person.value(), 0, 10)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(JournalAction.DELETE);
            assertThat(e.objectId()).isEqualTo(id.toString());
        });
        // A professional cannot delete the person's document.
        DocumentId other = ((AddOutcome.Added) documents.add(me, doc(person, "reste".getBytes(StandardCharsets.UTF_8), null), WEB))
                .document().id();
        assertThat(documents.delete(cast.actor("medecin"), other, WEB)).isInstanceOf(ChangeOutcome.NotFound.class);
    }

    @Test
    void aNewVersionSupersedesTheOldOneAndOnlyItsAuthorMayWriteIt() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor gp = cast.actor("medecin");
        DocumentId v1 = ((AddOutcome.Added) documents.add(gp, doc(person, "version 1".getBytes(StandardCharsets.UTF_8), null), WEB))
                .document().id();
        assertThat(documents.supersede(cast.actor("infirmier"), v1, doc(person, "intrus".getBytes(StandardCharsets.UTF_8), null), WEB))
                .isInstanceOf(ChangeOutcome.NotFound.class);
        ChangeOutcome v2 = documents.supersede(gp, v1, doc(person, "version 2".getBytes(StandardCharsets.UTF_8), null), WEB);
        assertThat(v2).isInstanceOf(ChangeOutcome.Done.class);
        List<DocumentSummary> current = documents.list(cast.actor(login), person, DocumentFilter.all(), WEB);
        assertThat(current).extracting(DocumentSummary::id).containsExactly(((ChangeOutcome.Done) v2).document().id());
        assertThat(((ChangeOutcome.Done) v2).document().replaces()).isEqualTo(v1);
        assertThatThrownBy(() -> documents.supersede(gp, v1, doc(person, "v3".getBytes(StandardCharsets.UTF_8), null), WEB))
                .isInstanceOf(RecordRefusal.class).hasMessage("Ce document a déjà été remplacé (état actuel : remplacé par une nouvelle version).");
    }

    @Test
    void afterKeyRotationAndRetirementOfTheOldKeyEverythingStillOpens() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor me = cast.actor(login);
        DocumentId id = ((AddOutcome.Added) documents.add(me, doc(person, "avant rotation".getBytes(StandardCharsets.UTF_8), null), WEB))
                .document().id();
        profile.updateWishes(me, person, "Mes directives avant rotation", OrganDonation.REFUSE, WEB);
        masterKeys.rotate();
        for (WrappedKeyHolder h : holders) {
            h.rewrapAll(envelope);
        }
        masterKeys.retireOld();
        assertThat(new String(documents.read(me, id, WEB).orElseThrow().bytes(), StandardCharsets.UTF_8)).isEqualTo("avant rotation");
        assertThat(profile.view(me, person, WEB).advanceDirectives()).hasValue("Mes directives avant rotation");
    }

    @Test
    void editingAnyJournalRowOfTheDemoRecordMakesVerificationFailAtThatRow() {
        assertThat(verifier.verify().intact()).isTrue();
        PatientId person = cast.patient("patient2");
        var entry = journal.forPatient(person.value(), 0, 100).get(3);
        jdbc.sql("SET session_replication_role = replica").update();
        try {
            jdbc.sql("UPDATE journal.entry SET reason_code = 'ALTERED' WHERE id = :id").param("id", entry.id()).update();
            var report = verifier.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBreak().chain()).isEqualTo(entry.chain());
            assertThat(report.firstBreak().seq()).isEqualTo(entry.seq());
        } finally {
            jdbc.sql("UPDATE journal.entry SET reason_code = :r WHERE id = :id").param("r", entry.reasonCode()).param("id", entry.id()).update();
            jdbc.sql("SET session_replication_role = origin").update();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    private long count(PatientId person) {
        return jdbc.sql("SELECT count(*) FROM record.document WHERE patient_id = :p").param("p", person.value()).query(Long.class).single();
    }

    static NewDocument doc(PatientId person, byte[] content, ContentType declared) {
        return new NewDocument(person, "11502-2", "Résultats", LocalDate.now(), Set.of(), declared, content);
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(RecordRefusal.class).extracting(e -> ((RecordRefusal) e).code()).isEqualTo(code);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
