package fr.hygie.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.Actor;
import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.NewAccount;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.identity.Structures;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntry;
import fr.hygie.notifications.Notifications;
import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.DocumentId;
import fr.hygie.record.DocumentSummary;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.AsyncListeners;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The messaging's journeys against the real database: rules, encryption at rest, journal, notifications, filing. */
@HygieIntegrationTest
class ConversationsTest {

    static final AtomicInteger SEQ = new AtomicInteger();

    @Autowired
    Conversations conversations;
    @Autowired
    Cast cast;
    @Autowired
    Journal journal;
    @Autowired
    Notifications notifications;

    @Autowired
    AsyncListeners listeners;
    @Autowired
    Documents documents;
    @Autowired
    Mandates mandates;
    @Autowired
    Accounts accounts;
    @Autowired
    Structures structures;
    @Autowired
    DocumentStore blobs;
    @Autowired
    JdbcClient jdbc;

    record Person(String login, PatientId id, Actor actor) {
    }

    Person newPerson() {
        String login = cast.newPatient();
        return new Person(login, cast.patient(login), cast.actor(login));
    }

    PostOutcome.Posted doctorWrites(Person p, String subject, String body, List<NewAttachment> attachments) {
        PostOutcome o = conversations.startWithPatient(cast.actor("medecin"), p.id(), false, subject, body, attachments, JournalChannel.WEB);
        assertThat(o).isInstanceOf(PostOutcome.Posted.class);
        return (PostOutcome.Posted) o;
    }

    List<JournalEntry> communicationEntries(PatientId p) {
        return journal.forPatient(p.value(), 0, 200).stream().filter(e -> Conversations.OBJECT_TYPE.equals(e.objectType())).toList();
    }

    @Test
    void aProfessionalStartsAConversationAndThePersonReadsAndReplies() {
        Person p = newPerson();
        PostOutcome.Posted posted = doctorWrites(p, "Vos résultats", "Bonjour, tout va bien.", List.of());
        assertThat(conversations.unread(p.actor())).isEqualTo(1);
        Inbox inbox = conversations.inbox(p.actor(), JournalChannel.WEB);
        assertThat(inbox.conversations()).singleElement().satisfies(c -> {
            assertThat(c.subject()).isEqualTo("Vos résultats");
            assertThat(c.unread()).isEqualTo(1);
            assertThat(c.partyName()).isEqualTo("Paul Leroy");
        });

        ConversationView view = conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB).orElseThrow();
        assertThat(view.messages()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("Bonjour, tout va bien.");
            assertThat(m.signature()).isEqualTo("Dr Paul Leroy");
        });
        assertThat(view.mayReply()).isTrue();
        assertThat(conversations.unread(p.actor())).isZero();

        assertThat(conversations.reply(p.actor(), posted.conversation(), "Merci !", List.of(), JournalChannel.WEB))
                .isInstanceOf(PostOutcome.Posted.class);
        assertThat(conversations.inbox(cast.actor("medecin"), JournalChannel.WEB).conversations())
                .filteredOn(c -> c.id().equals(posted.conversation())).singleElement()
                .satisfies(c -> assertThat(c.unread()).isEqualTo(1));
    }

    @Test
    void aPersonCannotStartAConversationWithAProfessionalWhoNeverWroteToThem() {
        Person p = newPerson();
        PostOutcome o = conversations.startWithCareParty(p.actor(), CareParty.of(cast.professional("medecin2")), "Question", "Bonjour",
                List.of(), JournalChannel.WEB);
        assertThat(o).isInstanceOfSatisfying(PostOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo("PROFESSIONAL_NEVER_WROTE");
            assertThat(r.message()).contains("s'il vous a déjà écrit");
        });
        assertThat(communicationEntries(p.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(JournalAction.CREATE);
            assertThat(e.decision()).isEqualTo(JournalDecision.DENY);
        });
    }

    @Test
    void aPersonMayStartANewConversationWithAProfessionalWhoAlreadyWroteToThem() {
        Person p = newPerson();
        doctorWrites(p, "Premier contact", "Bonjour", List.of());
        assertThat(conversations.eligibleRecipients(p.actor())).extracting(EligibleRecipient::party)
                .containsExactly(CareParty.of(cast.professional("medecin")));
        PostOutcome o = conversations.startWithCareParty(p.actor(), CareParty.of(cast.professional("medecin")), "Autre sujet",
                "Une question sur mon traitement", List.of(), JournalChannel.WEB);
        assertThat(o).isInstanceOf(PostOutcome.Posted.class);
        assertThat(conversations.inbox(p.actor(), JournalChannel.WEB).conversations()).hasSize(2);
    }

    @Test
    void aPersonCannotWriteToAnotherPerson() {
        Person p = newPerson();
        Person other = newPerson();
        PostOutcome o = conversations.startWithPatient(p.actor(), other.id(), false, "Coucou", "Bonjour", List.of(), JournalChannel.WEB);
        assertThat(o).isInstanceOfSatisfying(PostOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("NO_PATIENT_TO_PATIENT"));
        assertThat(conversations.inbox(other.actor(), JournalChannel.WEB).conversations()).isEmpty();
        // The refusal is journaled on the writer's chain, never on the other person's.
        assertThat(communicationEntries(p.id())).anySatisfy(e -> assertThat(e.reasonCode()).isEqualTo("NO_PATIENT_TO_PATIENT"));
        assertThat(communicationEntries(other.id())).noneSatisfy(e -> assertThat(e.action()).isEqualTo(JournalAction.CREATE));
    }

    @Test
    void aPersonSendsAPrescriptionToAPharmacyTheyAlreadyUsedButNotToAnother() {
        Person p = newPerson();
        DocumentId prescription = addPrescription(p);
        CareParty pharmacy = CareParty.of(cast.user("pharmacien").structureId().orElseThrow());
        CareParty pharmacist = CareParty.of(cast.professional("pharmacien"));

        // Never went there: refused, even with a prescription.
        PostOutcome before = conversations.startWithCareParty(p.actor(), pharmacy, "Ordonnance", "Pouvez-vous la préparer ?",
                List.of(new NewAttachment.FromRecord(prescription)), JournalChannel.WEB);
        assertThat(before).isInstanceOfSatisfying(PostOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("PHARMACY_NOT_USED_BEFORE"));

        conversations.recordDispensation(p.id(), pharmacy);
        // Without a prescription: refused; with one: sent, to the pharmacy and to its pharmacist.
        assertThat(conversations.startWithCareParty(p.actor(), pharmacy, "Bonjour", "Question", List.of(), JournalChannel.WEB))
                .isInstanceOfSatisfying(PostOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("PHARMACY_NEEDS_A_PRESCRIPTION"));
        PostOutcome sent = conversations.startWithCareParty(p.actor(), pharmacy, "Ordonnance", "Pouvez-vous la préparer ?",
                List.of(new NewAttachment.FromRecord(prescription)), JournalChannel.WEB);
        assertThat(sent).isInstanceOf(PostOutcome.Posted.class);
        assertThat(conversations.startWithCareParty(p.actor(), pharmacist, "Ordonnance", "Pour jeudi",
                List.of(new NewAttachment.FromRecord(prescription)), JournalChannel.WEB)).isInstanceOf(PostOutcome.Posted.class);

        // The pharmacist reads it in the pharmacy's mailbox, with the prescription attached.
        ConversationView seen = conversations.open(cast.actor("pharmacien"), ((PostOutcome.Posted) sent).conversation(), JournalChannel.WEB)
                .orElseThrow();
        assertThat(seen.messages().get(0).attachments()).singleElement().satisfies(a -> {
            assertThat(a.typeCode()).isEqualTo(MessagingPolicy.PRESCRIPTION_TYPE);
            assertThat(a.sourceDocument()).isEqualTo(prescription);
            assertThat(a.fileable()).isFalse();
        });
        // Another professional of no party to it does not.
        assertThat(conversations.open(cast.actor("medecin2"), ((PostOutcome.Posted) sent).conversation(), JournalChannel.WEB)).isEmpty();
    }

    @Test
    void contentIsEncryptedAtRest() {
        Person p = newPerson();
        String secret = "Diagnostic-secret-" + UUID.randomUUID();
        PostOutcome.Posted posted = doctorWrites(p, "Objet " + secret, "Corps " + secret,
                List.of(new NewAttachment.Upload("fichier-" + secret + ".txt", ("Contenu " + secret).getBytes(StandardCharsets.UTF_8))));
        conversations.reply(p.actor(), posted.conversation(), "Réponse " + secret, List.of(), JournalChannel.WEB);
        for (String table : List.of("conversation", "message", "attachment", "read_mark", "dispensation")) {
            List<String> rows = jdbc.sql("SELECT CAST(row_to_json(t) AS text) FROM messaging." + table + " t").query(String.class).list();
            assertThat(rows).as(table).noneMatch(r -> r.contains(secret));
        }
        listeners.awaitHandled(p.id().value());
        List<String> notes = jdbc.sql("SELECT text FROM notifications.notification WHERE patient_id = :p")
                .param("p", p.id().value()).query(String.class).list();
        assertThat(notes).noneMatch(n -> n.contains(secret));
        ConversationView view = conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB).orElseThrow();
        AttachmentView attachment = view.messages().get(0).attachments().get(0);
        assertThat(new String(blobs.get(attachment.id().value()), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(new String(conversations.attachment(p.actor(), attachment.id(), JournalChannel.WEB).orElseThrow().bytes(),
                StandardCharsets.UTF_8)).isEqualTo("Contenu " + secret);
    }

    @Test
    void everyReadAndWriteIsJournaledAndARefusedReadToo() {
        Person p = newPerson();
        PostOutcome.Posted posted = doctorWrites(p, "Contrôle", "Bonjour", List.of(
                new NewAttachment.Upload("note.txt", "Note".getBytes(StandardCharsets.UTF_8))));
        conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB);
        AttachmentId attachment = conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB).orElseThrow()
                .messages().get(0).attachments().get(0).id();
        conversations.attachment(p.actor(), attachment, JournalChannel.WEB);
        conversations.open(cast.actor("medecin2"), posted.conversation(), JournalChannel.WEB);
        conversations.open(cast.actor("accueil"), posted.conversation(), JournalChannel.WEB);

        List<JournalEntry> entries = communicationEntries(p.id());
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(JournalAction.CREATE);
            assertThat(e.objectId()).isEqualTo(posted.message().toString());
            assertThat(e.reasonCode()).isEqualTo("PROFESSIONAL_MAY_WRITE");
        });
        assertThat(entries).filteredOn(e -> e.action() == JournalAction.READ && e.decision() == JournalDecision.PERMIT
                && posted.conversation().toString().equals(e.objectId())).hasSize(2);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(JournalAction.READ);
            assertThat(e.objectId()).isEqualTo(attachment.toString());
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.actor().displayName()).isEqualTo("Dr Sophie Bernard");
            assertThat(e.decision()).isEqualTo(JournalDecision.DENY);
            assertThat(e.reasonCode()).isEqualTo("NOT_A_PARTICIPANT");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.actor().role()).isEqualTo("COUNTER_AGENT");
            assertThat(e.reasonCode()).isEqualTo("ROLE_NEVER_READS_MESSAGES");
        });
    }

    @Test
    void counterAgentsAdministratorsAndResearchersNeverReadMessages() {
        Person p = newPerson();
        PostOutcome.Posted posted = doctorWrites(p, "Sujet", "Bonjour", List.of());
        for (String login : List.of("accueil", "admin", "chercheur", "cnil")) {
            assertThat(conversations.open(cast.actor(login), posted.conversation(), JournalChannel.WEB)).as(login).isEmpty();
            assertThat(conversations.message(cast.actor(login), posted.message(), JournalChannel.WEB)).as(login).isEmpty();
            assertThat(conversations.inbox(cast.actor(login), JournalChannel.WEB).conversations()).as(login).isEmpty();
        }
    }

    @Test
    void aRepresentativeReadsAndWritesOnlyWithinTheirMandate() {
        Person p = newPerson();
        PostOutcome.Posted posted = doctorWrites(p, "Sujet", "Bonjour", List.of());
        Actor reader = representative(p, EnumSet.of(MandateScope.READ_MESSAGES));
        Actor writer = representative(p, EnumSet.of(MandateScope.READ_MESSAGES, MandateScope.WRITE_MESSAGES));
        Actor documentsOnly = representative(p, EnumSet.of(MandateScope.VIEW_DOCUMENTS));

        assertThat(conversations.inbox(documentsOnly, JournalChannel.WEB).refusal()).contains("Lire les messages");
        assertThat(conversations.open(documentsOnly, posted.conversation(), JournalChannel.WEB)).isEmpty();

        ConversationView read = conversations.open(reader, posted.conversation(), JournalChannel.WEB).orElseThrow();
        assertThat(read.mayReply()).isFalse();
        assertThat(read.replyRefusal()).contains("Écrire des messages");
        assertThat(conversations.reply(reader, posted.conversation(), "Je réponds", List.of(), JournalChannel.WEB))
                .isInstanceOfSatisfying(PostOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("MANDATE_SCOPE_MISSING"));

        assertThat(conversations.reply(writer, posted.conversation(), "Je réponds pour elle", List.of(), JournalChannel.WEB))
                .isInstanceOf(PostOutcome.Posted.class);
        MessageView last = conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB).orElseThrow().messages().get(1);
        assertThat(last.signature()).startsWith("Rep ").contains(" pour Alice Testeuse");
        assertThat(communicationEntries(p.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(JournalAction.CREATE);
            assertThat(e.actingFor()).isNotNull();
            assertThat(e.reasonCode()).isEqualTo("REPRESENTATIVE_WITHIN_MANDATE");
        });
    }

    @Test
    void theNotificationSaysOnlyThatAMessageArrived() {
        Person p = newPerson();
        doctorWrites(p, "Résultat de biopsie", "Le résultat montre une tumeur bénigne.", List.of());
        listeners.awaitHandled(p.id().value());
        assertThat(notifications.of(p.id(), 10)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo("NEW_MESSAGE");
            assertThat(n.text()).isEqualTo("Vous avez reçu un nouveau message.");
        });
        // The person's own replies notify no one.
        PostOutcome.Posted mine = (PostOutcome.Posted) conversations.startWithCareParty(p.actor(),
                CareParty.of(cast.professional("medecin")), "Question", "Merci", List.of(), JournalChannel.WEB);
        assertThat(mine).isNotNull();
        listeners.awaitHandled(p.id().value());
        assertThat(notifications.of(p.id(), 10)).hasSize(1);
    }

    @Test
    void anAttachmentIsFiledIntoTheRecordInOneActionThenTheRecordsRulesApply() {
        Person p = newPerson();
        PostOutcome.Posted posted = doctorWrites(p, "Compte rendu", "Voici le compte rendu.", List.of(
                new NewAttachment.Upload("compte-rendu.txt", "Compte rendu de consultation".getBytes(StandardCharsets.UTF_8))));
        AttachmentId attachment = conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB).orElseThrow()
                .messages().get(0).attachments().get(0).id();
        FileOutcome filed = conversations.fileIntoRecord(p.actor(), attachment, "11488-4", "Compte rendu du Dr Leroy",
                LocalDate.now(), JournalChannel.WEB);
        assertThat(filed).isInstanceOf(FileOutcome.Filed.class);
        DocumentId doc = ((FileOutcome.Filed) filed).document();
        List<DocumentSummary> record = documents.list(p.actor(), p.id(), DocumentFilter.all(), JournalChannel.WEB);
        assertThat(record).anySatisfy(d -> {
            assertThat(d.id()).isEqualTo(doc);
            assertThat(d.title()).isEqualTo("Compte rendu du Dr Leroy");
        });
        assertThat(new String(documents.read(p.actor(), doc, JournalChannel.WEB).orElseThrow().bytes(), StandardCharsets.UTF_8))
                .isEqualTo("Compte rendu de consultation");
        // From now on the record decides: a professional outside the care team does not see it there.
        assertThat(documents.summary(cast.actor("medecin2"), doc, JournalChannel.WEB)).isEmpty();
        // Filed once only.
        assertThat(conversations.fileIntoRecord(p.actor(), attachment, "11488-4", "Encore", LocalDate.now(), JournalChannel.WEB))
                .isInstanceOf(FileOutcome.Refused.class);
        assertThat(conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB).orElseThrow()
                .messages().get(0).attachments().get(0).filedDocument()).isEqualTo(doc);
    }

    @Test
    void aFilingTheRecordRefusesAnswersItsReasonStoresNothingAndTheAttachmentCanStillBeFiled() {
        // Session 8's roles fuzzing: a title the record refuses made the filing's commit fail (a 500), because the
        // record's refusal had marked the shared transaction rollback-only.
        Person p = newPerson();
        PostOutcome.Posted posted = doctorWrites(p, "Résultats", "Voici vos résultats.", List.of(
                new NewAttachment.Upload("resultats.txt", "Glycémie normale".getBytes(StandardCharsets.UTF_8))));
        AttachmentId attachment = conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB).orElseThrow()
                .messages().get(0).attachments().get(0).id();
        int before = documents.list(p.actor(), p.id(), DocumentFilter.all(), JournalChannel.WEB).size();
        assertThat(conversations.fileIntoRecord(p.actor(), attachment, "11488-4", "t".repeat(20_800), LocalDate.now(),
                JournalChannel.WEB)).isInstanceOfSatisfying(FileOutcome.Refused.class, r -> assertThat(r.message()).isNotBlank());
        assertThat(conversations.fileIntoRecord(p.actor(), attachment, "pas-un-type", "Résultats", LocalDate.now(),
                JournalChannel.WEB)).isInstanceOf(FileOutcome.Refused.class);
        assertThat(documents.list(p.actor(), p.id(), DocumentFilter.all(), JournalChannel.WEB)).hasSize(before);
        assertThat(conversations.open(p.actor(), posted.conversation(), JournalChannel.WEB).orElseThrow()
                .messages().get(0).attachments().get(0).filedDocument()).isNull();
        // Refused, not spent: filed with a title the record accepts, it is in the record.
        assertThat(conversations.fileIntoRecord(p.actor(), attachment, "11488-4", "Résultats de glycémie", LocalDate.now(),
                JournalChannel.WEB)).isInstanceOf(FileOutcome.Filed.class);
        assertThat(documents.list(p.actor(), p.id(), DocumentFilter.all(), JournalChannel.WEB)).hasSize(before + 1);
    }

    @Test
    void aStructuresMailboxIsSharedByItsProfessionalsAndEachMessageSaysWhoWroteForWhom() {
        Person p = newPerson();
        PostOutcome o = conversations.startWithPatient(cast.actor("infirmier"), p.id(), true, "Passage", "Je passe jeudi.", List.of(),
                JournalChannel.WEB);
        ConversationId id = ((PostOutcome.Posted) o).conversation();
        // The médecin of the same health centre reads and answers in the structure's mailbox.
        ConversationView view = conversations.open(cast.actor("medecin"), id, JournalChannel.WEB).orElseThrow();
        assertThat(view.summary().party()).isEqualTo(CareParty.of(cast.user("infirmier").structureId().orElseThrow()));
        assertThat(view.messages().get(0).signature()).isEqualTo("Julie Roux, infirmière pour Maison de santé pluriprofessionnelle Lyon 8e");
        assertThat(conversations.reply(cast.actor("medecin"), id, "Le Dr Leroy passera aussi.", List.of(), JournalChannel.WEB))
                .isInstanceOf(PostOutcome.Posted.class);
        // A pharmacist elsewhere does not.
        assertThat(conversations.open(cast.actor("pharmacien"), id, JournalChannel.WEB)).isEmpty();
    }

    @Test
    void emptyOrOversizedMessagesAreRefusedWithTheFieldAtFault() {
        Person p = newPerson();
        assertThat(conversations.startWithPatient(cast.actor("medecin"), p.id(), false, " ", "Bonjour", List.of(), JournalChannel.WEB))
                .isInstanceOfSatisfying(PostOutcome.Refused.class, r -> assertThat(r.field()).isEqualTo("subject"));
        assertThat(conversations.startWithPatient(cast.actor("medecin"), p.id(), false, "Sujet", "x".repeat(10_001), List.of(),
                JournalChannel.WEB)).isInstanceOfSatisfying(PostOutcome.Refused.class, r -> assertThat(r.field()).isEqualTo("body"));
        assertThat(conversations.startWithPatient(cast.actor("medecin"), p.id(), false, "Sujet", "Bonjour",
                List.of(new NewAttachment.Upload("x.bin", new byte[] {0, 1, 2})), JournalChannel.WEB))
                .isInstanceOfSatisfying(PostOutcome.Refused.class, r -> assertThat(r.field()).isEqualTo("attachment"));
    }

    // ------------------------------------------------------------------ helpers

    DocumentId addPrescription(Person p) {
        AddOutcome added = documents.add(p.actor(), new NewDocument(p.id(), MessagingPolicy.PRESCRIPTION_TYPE, "Ordonnance du Dr Leroy",
                LocalDate.now(), Set.of(), null, "Amoxicilline 1 g, 2 fois par jour, 6 jours".getBytes(StandardCharsets.UTF_8)),
                JournalChannel.WEB);
        return ((AddOutcome.Added) added).document().id();
    }

    /** A fresh representative account holding a caregiver mandate from the person, with these scopes. */
    Actor representative(Person p, Set<MandateScope> scopes) {
        int n = SEQ.incrementAndGet();
        String login = "rep-msg-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
        AccountId account = accounts.create(new NewAccount(login, accounts.hash("demo"), Role.REPRESENTATIVE, "Rep " + n + " (aidant)",
                null, null, null, false));
        AccountId grantor = accounts.byPatient(p.id()).orElseThrow().id();
        mandates.grant(grantor, p.id(), account, MandateKind.CAREGIVER, scopes, mandates.today(), mandates.today().plusYears(1));
        return Actor.actingFor(cast.user(login), p.id());
    }
}
