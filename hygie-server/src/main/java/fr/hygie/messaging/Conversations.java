package fr.hygie.messaging;

import fr.hygie.platform.TransactionHooks;
import fr.hygie.access.Actor;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Mandate;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.identity.Structure;
import fr.hygie.identity.StructureId;
import fr.hygie.identity.Structures;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.messaging.MessagingPolicy.Recipient;
import fr.hygie.messaging.MessagingPolicy.RecipientKind;
import fr.hygie.messaging.MessagingPolicy.Writer;
import fr.hygie.messaging.internal.MessagingStore;
import fr.hygie.messaging.internal.MessagingStore.AttachmentRow;
import fr.hygie.messaging.internal.MessagingStore.ConversationRow;
import fr.hygie.messaging.internal.MessagingStore.MessageRow;
import fr.hygie.platform.Ids;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentContent;
import fr.hygie.record.DocumentId;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.record.RecordRefusal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The secure messaging's use cases: a professional or a structure starts a conversation, the person
 * replies or starts one when {@link MessagingPolicy} allows it, everyone reads what concerns them, an
 * attachment is filed into the record.
 *
 * <p>Journal: the access policy ({@code AccessControl}) has no rule for messages (it would apply the
 * documents' scopes and the matrice d'habilitation, which do not fit a correspondence), so this class
 * decides with {@link MessagingPolicy} and journals each decision itself with {@link Journal#append},
 * objectType {@value #OBJECT_TYPE}, on the person's chain, with "X acting for Y" for representatives:
 * READ (a conversation opened: objectId the conversation; a FHIR read: the message; an attachment: the
 * attachment), LIST (an inbox or a search), CREATE (a message posted or refused). Filing an attachment into
 * the record goes through {@link Documents#add}, hence through {@code AccessControl.checkPatientAction}.
 *
 * <p>Encryption at rest: subject, body, attachment name and content are each sealed under their own data
 * key, with associated data binding the ciphertext to its row (e.g. the message id).
 */
@Service
public class Conversations {

    public static final String OBJECT_TYPE = "Communication";
    public static final int MAX_SUBJECT = 200;
    public static final int MAX_BODY = 10_000;
    public static final int MAX_ATTACHMENTS = 5;

    static final MessagingWording ATTACHMENT_REFUSED = MessagingWording.ATTACHMENT_REFUSED;
    static final String SUBJECT = "messaging/conversation-subject";
    static final String BODY = "messaging/message-body";
    static final String ATTACHMENT = "messaging/attachment";
    static final String ATTACHMENT_NAME = "messaging/attachment-name";

    private final MessagingStore store;
    private final MessagingPolicy policy = new MessagingPolicy();
    private final EnvelopeEncryption envelope;
    private final DocumentStore blobs;
    private final Documents documents;
    private final Professionals professionals;
    private final Structures structures;
    private final Patients patients;
    private final Accounts accounts;
    private final Mandates mandates;
    private final Journal journal;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Conversations(MessagingStore store, EnvelopeEncryption envelope, DocumentStore blobs, Documents documents,
            Professionals professionals, Structures structures, Patients patients, Accounts accounts, Mandates mandates,
            Journal journal, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.envelope = envelope;
        this.blobs = blobs;
        this.documents = documents;
        this.professionals = professionals;
        this.structures = structures;
        this.patients = patients;
        this.accounts = accounts;
        this.mandates = mandates;
        this.journal = journal;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ reading

    /**
     * The reader's conversations, newest first, with unread counts: for the person side, those of the
     * person acted for; for a professional, their own and their structure's mailbox. Journals one LIST
     * entry per person listed (or one refusal).
     */
    @Transactional
    public Inbox inbox(Actor actor, JournalChannel channel) {
        HygieUser u = actor.user();
        if (u.role() == Role.PROFESSIONAL) {
            List<ConversationRow> rows = careConversations(u);
            journalPerPatient(actor, rows.stream().map(ConversationRow::patient).distinct().toList(), JournalAction.LIST, channel);
            return new Inbox(summaries(actor, rows), null, null);
        }
        if (actor.actingFor() == null) {
            MessagingDecision d = policy.mayRead(writer(actor, null), false);
            return new Inbox(List.of(), d.message(), d.wording());
        }
        PatientId patient = actor.actingFor();
        MessagingDecision d = policy.mayRead(writer(actor, patient), true);
        journal(actor, patient, JournalAction.LIST, null, d, channel);
        if (d.refused()) {
            return new Inbox(List.of(), d.message(), d.wording());
        }
        return new Inbox(summaries(actor, store.conversationsOfPatient(patient)), null, null);
    }

    /** Unread messages for the reader (0 when they may not read); nothing journaled: a count reveals no content. */
    @Transactional(readOnly = true)
    public int unread(Actor actor) {
        HygieUser u = actor.user();
        List<ConversationRow> rows;
        if (u.role() == Role.PROFESSIONAL) {
            rows = careConversations(u);
        } else if (actor.actingFor() != null && policy.mayRead(writer(actor, actor.actingFor()), true).allowed()) {
            rows = store.conversationsOfPatient(actor.actingFor());
        } else {
            return 0;
        }
        return store.unread(ids(rows), u.accountId().value(), readerSide(u).name()).values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Opens a conversation: its messages in order, and marks them read for this reader. Empty when it
     * does not exist or the reader is not a party to it (journaled as a refusal on the person's chain).
     */
    @Transactional
    public Optional<ConversationView> open(Actor actor, ConversationId id, JournalChannel channel) {
        Optional<ConversationRow> found = store.conversation(id.value());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConversationRow c = found.get();
        PatientId patient = new PatientId(c.patient());
        MessagingDecision d = policy.mayRead(writer(actor, patient), participant(actor, c));
        journal(actor, patient, JournalAction.READ, c.id().toString(), d, channel);
        if (d.refused()) {
            return Optional.empty();
        }
        List<MessageView> messages = views(List.of(c)).get(c.id());
        ConversationSummary summary = summaries(actor, List.of(c)).get(0);
        if (!messages.isEmpty()) {
            store.markRead(c.id(), actor.user().accountId().value(), messages.get(messages.size() - 1).sentAt());
        }
        MessagingDecision reply = policy.mayReply(writer(actor, patient), true);
        return Optional.of(new ConversationView(new ConversationSummary(summary.id(), summary.patient(), summary.patientName(),
                summary.party(), summary.partyName(), summary.subject(), summary.lastMessageAt(), summary.messageCount(), 0),
                messages, reply.allowed(), reply.message(), reply.wording()));
    }

    /**
     * Every message the reader may read, optionally about one person only (null: all), oldest first; for
     * the FHIR search. Journals one LIST entry per person concerned (or the refusal).
     */
    @Transactional
    public List<MessageView> messages(Actor actor, PatientId patient, JournalChannel channel) {
        HygieUser u = actor.user();
        List<ConversationRow> rows;
        if (u.role() == Role.PROFESSIONAL) {
            rows = careConversations(u).stream().filter(c -> patient == null || c.patient().equals(patient.value())).toList();
            journalPerPatient(actor, rows.stream().map(ConversationRow::patient).distinct().toList(), JournalAction.SEARCH, channel);
        } else {
            PatientId target = patient == null ? actor.actingFor() : patient;
            if (target == null) {
                return List.of();
            }
            boolean concerned = target.equals(actor.actingFor());
            MessagingDecision d = policy.mayRead(writer(actor, target), concerned);
            journal(actor, target, JournalAction.SEARCH, null, d, channel);
            if (d.refused()) {
                return List.of();
            }
            rows = store.conversationsOfPatient(target);
        }
        Map<UUID, List<MessageView>> byConversation = views(rows);
        return byConversation.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(MessageView::sentAt).thenComparing(m -> m.id().value())).toList();
    }

    /** One message, journaled READ; empty when absent or not for this reader. */
    @Transactional
    public Optional<MessageView> message(Actor actor, MessageId id, JournalChannel channel) {
        Optional<MessageRow> m = store.message(id.value());
        if (m.isEmpty()) {
            return Optional.empty();
        }
        ConversationRow c = store.conversation(m.get().conversation()).orElseThrow();
        PatientId patient = new PatientId(c.patient());
        MessagingDecision d = policy.mayRead(writer(actor, patient), participant(actor, c));
        journal(actor, patient, JournalAction.READ, id.toString(), d, channel);
        if (d.refused()) {
            return Optional.empty();
        }
        return views(List.of(c)).get(c.id()).stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /**
     * The person a message concerns, with no decision and nothing journaled: only for an adapter (FHIR)
     * that must choose the actor ("acting for" whom) before asking {@link #message}. Never show it.
     */
    @Transactional(readOnly = true)
    public Optional<PatientId> patientOf(MessageId id) {
        return store.message(id.value()).flatMap(m -> store.conversation(m.conversation())).map(c -> new PatientId(c.patient()));
    }

    /** The person a conversation concerns; same restrictions as {@link #patientOf(MessageId)}. */
    @Transactional(readOnly = true)
    public Optional<PatientId> patientOf(ConversationId id) {
        return store.conversation(id.value()).map(c -> new PatientId(c.patient()));
    }

    /** A decrypted attachment, journaled READ; empty when absent or not for this reader. */
    @Transactional
    public Optional<AttachmentContent> attachment(Actor actor, AttachmentId id, JournalChannel channel) {
        Optional<AttachmentRow> a = store.attachment(id.value());
        if (a.isEmpty()) {
            return Optional.empty();
        }
        MessageRow m = store.message(a.get().message()).orElseThrow();
        ConversationRow c = store.conversation(m.conversation()).orElseThrow();
        PatientId patient = new PatientId(c.patient());
        MessagingDecision d = policy.mayRead(writer(actor, patient), participant(actor, c));
        journal(actor, patient, JournalAction.READ, id.toString(), d, channel);
        if (d.refused()) {
            return Optional.empty();
        }
        AttachmentRow row = a.get();
        byte[] bytes = envelope.open(new EnvelopeEncryption.Sealed(row.wrappedKey(), blobs.get(row.id())),
                EnvelopeEncryption.bindTo(ATTACHMENT, row.id()));
        return Optional.of(new AttachmentContent(view(row), bytes));
    }

    // ------------------------------------------------------------------ writing

    /**
     * Starts a conversation with a person. A professional writes in their own name, or for their
     * structure's mailbox when {@code asStructure}. Anyone else is refused by the policy (a person cannot
     * write to another person).
     */
    @Transactional
    public PostOutcome startWithPatient(Actor actor, PatientId patient, boolean asStructure, String subject, String body,
            List<NewAttachment> attachments, JournalChannel channel) {
        HygieUser u = actor.user();
        PostOutcome invalid = validate(subject, true, body, attachments);
        if (invalid != null) {
            return invalid;
        }
        if (patients.byId(patient).isEmpty()) {
            return new PostOutcome.Refused("PATIENT_UNKNOWN", "patient", MessagingWording.PATIENT_UNKNOWN);
        }
        // A person (or representative) is judged in the space they act for: writing to anyone else's is patient-to-patient.
        PatientId writerSpace = u.role() == Role.PROFESSIONAL ? patient : actor.actingFor();
        MessagingDecision d = policy.mayStart(writer(actor, writerSpace), Recipient.patient());
        if (d.refused()) {
            // A person writing to another person: journaled on the writer's own chain, never the other's.
            PatientId chain = u.role() == Role.PROFESSIONAL ? patient : actor.actingFor();
            if (chain != null) {
                journal(actor, chain, JournalAction.CREATE, null, d, channel);
            }
            return new PostOutcome.Refused(d.reason().name(), "recipient", d.message(), d.wording());
        }
        Optional<StructureId> structure = u.structureId();
        if (asStructure && structure.isEmpty()) {
            return new PostOutcome.Refused("NO_STRUCTURE", "asStructure", MessagingWording.NO_STRUCTURE);
        }
        if (attachments.stream().anyMatch(a -> a instanceof NewAttachment.FromRecord)) {
            return new PostOutcome.Refused("ATTACHMENT_FROM_RECORD", "attachment",
                    MessagingWording.ATTACHMENT_FROM_RECORD);
        }
        CareParty party = asStructure ? CareParty.of(structure.get()) : CareParty.of(u.professionalId().orElseThrow());
        List<Prepared> prepared = new ArrayList<>();
        for (NewAttachment a : attachments) {
            Optional<Prepared> p = prepare(actor, a, channel);
            if (p.isEmpty()) {
                return new PostOutcome.Refused("ATTACHMENT", "attachment", ATTACHMENT_REFUSED);
            }
            prepared.add(p.get());
        }
        return post(actor, null, patient, party, Side.CARE, subject, body, prepared, d, channel);
    }

    /**
     * The person (or their representative) starts a conversation with a professional or a structure's
     * mailbox, when the policy allows it: the professional already wrote to them, or a prescription goes
     * to a pharmacy they already used.
     */
    @Transactional
    public PostOutcome startWithCareParty(Actor actor, CareParty party, String subject, String body, List<NewAttachment> attachments,
            JournalChannel channel) {
        PostOutcome invalid = validate(subject, true, body, attachments);
        if (invalid != null) {
            return invalid;
        }
        PatientId patient = actor.actingFor();
        if (actor.user().role() == Role.PROFESSIONAL || patient == null) {
            MessagingDecision d = policy.mayStart(writer(actor, patient), new Recipient(party.isStructure() ? RecipientKind.STRUCTURE
                    : RecipientKind.PROFESSIONAL, false, false, false, false));
            return new PostOutcome.Refused(d.reason().name(), "recipient", d.message(), d.wording());
        }
        Optional<String> partyName = partyName(party);
        if (partyName.isEmpty()) {
            return new PostOutcome.Refused("RECIPIENT_UNKNOWN", "recipient", MessagingWording.RECIPIENT_UNKNOWN);
        }
        MessagingDecision access = policy.mayReply(writer(actor, patient), true);
        if (access.refused()) {
            journal(actor, patient, JournalAction.CREATE, null, access, channel);
            return new PostOutcome.Refused(access.reason().name(), "recipient", access.message(), access.wording());
        }
        // Documents from the record are read (and journaled) as the person, to know their type and copy them.
        List<Prepared> prepared = new ArrayList<>();
        for (NewAttachment a : attachments) {
            Optional<Prepared> p = prepare(actor, a, channel);
            if (p.isEmpty()) {
                return new PostOutcome.Refused("ATTACHMENT", "attachment", ATTACHMENT_REFUSED);
            }
            prepared.add(p.get());
        }
        boolean prescription = prepared.stream().anyMatch(p -> MessagingPolicy.PRESCRIPTION_TYPE.equals(p.typeCode()));
        MessagingDecision d = policy.mayStart(writer(actor, patient), recipient(patient, party, prescription));
        if (d.refused()) {
            journal(actor, patient, JournalAction.CREATE, null, d, channel);
            return new PostOutcome.Refused(d.reason().name(), "recipient", d.message(), d.wording());
        }
        return post(actor, null, patient, party, Side.PATIENT, subject, body, prepared, d, channel);
    }

    /** A reply in an existing conversation, by either side. */
    @Transactional
    public PostOutcome reply(Actor actor, ConversationId id, String body, List<NewAttachment> attachments, JournalChannel channel) {
        PostOutcome invalid = validate(null, false, body, attachments);
        if (invalid != null) {
            return invalid;
        }
        Optional<ConversationRow> found = store.conversation(id.value());
        if (found.isEmpty()) {
            return new PostOutcome.Refused(MessagingReason.NOT_A_PARTICIPANT.name(), "conversation", MessagingPolicy.NOT_PARTICIPANT_TEXT);
        }
        ConversationRow c = found.get();
        PatientId patient = new PatientId(c.patient());
        MessagingDecision d = policy.mayReply(writer(actor, patient), participant(actor, c));
        if (d.refused()) {
            journal(actor, patient, JournalAction.CREATE, c.id().toString(), d, channel);
            return new PostOutcome.Refused(d.reason().name(), "conversation", d.message(), d.wording());
        }
        Side side = readerSide(actor.user());
        List<Prepared> prepared = new ArrayList<>();
        for (NewAttachment a : attachments) {
            if (side == Side.CARE && a instanceof NewAttachment.FromRecord) {
                return new PostOutcome.Refused("ATTACHMENT_FROM_RECORD", "attachment",
                        MessagingWording.ATTACHMENT_FROM_RECORD);
            }
            Optional<Prepared> p = prepare(actor, a, channel);
            if (p.isEmpty()) {
                return new PostOutcome.Refused("ATTACHMENT", "attachment", ATTACHMENT_REFUSED);
            }
            prepared.add(p.get());
        }
        return post(actor, c, patient, c.party(), side, null, body, prepared, d, channel);
    }

    /**
     * Files an attachment into the person's record as a document ("classer dans le dossier"), in one
     * action: from then on the record's rules apply (access policy, matrice d'habilitation, masking). The
     * filer must be able to read the attachment; the record decides (and journals) the addition.
     */
    @Transactional
    public FileOutcome fileIntoRecord(Actor actor, AttachmentId id, String typeCode, String title, LocalDate clinicalDate,
            JournalChannel channel) {
        Optional<AttachmentContent> content = attachment(actor, id, channel);
        if (content.isEmpty()) {
            return new FileOutcome.Refused(MessagingWording.ATTACHMENT_UNKNOWN);
        }
        AttachmentView a = content.get().attachment();
        if (!a.fileable()) {
            return new FileOutcome.Refused(a.sourceDocument() != null ? MessagingWording.ATTACHMENT_FROM_THE_RECORD
                    : MessagingWording.ATTACHMENT_ALREADY_FILED);
        }
        PatientId patient = patientOf(a.message()).orElseThrow();
        try {
            AddOutcome outcome = documents.add(actor, new NewDocument(patient, typeCode,
                    title == null || title.isBlank() ? a.fileName() : title, clinicalDate, Set.of(), null, content.get().bytes()), channel);
            if (outcome instanceof AddOutcome.Added added) {
                store.markFiled(id.value(), added.document().id().value(), now());
                return new FileOutcome.Filed(added.document().id());
            }
            AddOutcome.Refused refused = (AddOutcome.Refused) outcome;
            return new FileOutcome.Refused(refused.message(), refused.wording());
        } catch (RecordRefusal e) {
            // Documents#add joined this transaction and its refusal marked it rollback-only: roll the filing back
            // here, on purpose, so that the person gets the record's French reason and not a failed commit (a 500:
            // session 8's roles fuzzing, a title of 20,000 characters). Nothing of the filing was written yet; the
            // entry journaling the read of the attachment is committed on its own (Journal#appendCommitted).
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new FileOutcome.Refused(e.getMessage(), e.args().isEmpty() ? e.wording() : null);
        }
    }

    /**
     * Records that a person had a dispensation (délivrance) at a pharmacy: the pharmacy counts as
     * "already used" for sending it a prescription. For the e-prescription module and the demo.
     */
    @Transactional
    public void recordDispensation(PatientId patient, CareParty pharmacy) {
        store.recordDispensation(patient, pharmacy, now());
    }

    /**
     * May the actor write at all for the person it acts for (before any recipient is chosen)? For the page « Écrire un
     * nouveau message »: a representative whose mandate lacks « Écrire des messages » is told so, in the policy's words,
     * instead of « no professional wrote to you yet » (docs/security.md, « Pages that offer an action », session 8). The
     * same decision as a reply's; nothing is journaled (nothing is read or written: a message, if posted, is decided
     * and journaled on its own).
     */
    public MessagingDecision mayWrite(Actor actor) {
        return policy.mayReply(writer(actor, actor.actingFor()), true);
    }

    /**
     * The care parties this person (acted for) may start a conversation with: those who already wrote
     * to them, and pharmacies they already used (for a prescription only). Nothing journaled: names of
     * the person's own correspondents, no content.
     */
    @Transactional(readOnly = true)
    public List<EligibleRecipient> eligibleRecipients(Actor actor) {
        PatientId patient = actor.actingFor();
        if (patient == null || actor.user().role() == Role.PROFESSIONAL
                || policy.mayReply(writer(actor, patient), true).refused()) {
            return List.of();
        }
        List<EligibleRecipient> out = new ArrayList<>();
        for (CareParty party : store.knownCareParties(patient)) {
            Optional<String> name = partyName(party);
            if (name.isEmpty() || out.stream().anyMatch(e -> e.party().equals(party))) {
                continue;
            }
            if (store.careWroteTo(patient, party)) {
                out.add(new EligibleRecipient(party, name.get(), false));
            } else if (isPharmacy(party) && pharmacyUsed(patient, party)) {
                out.add(new EligibleRecipient(party, name.get(), true));
            }
        }
        out.sort(Comparator.comparing(EligibleRecipient::name));
        return out;
    }

    /** A care party's name as shown ("Dr Paul Leroy" is the account's; here the directory's). */
    @Transactional(readOnly = true)
    public Optional<String> partyName(CareParty party) {
        if (party.professional() != null) {
            return professionals.byId(party.professional()).map(Professional::displayName);
        }
        return structures.byId(party.structure()).map(Structure::name);
    }

    // ------------------------------------------------------------------ internals

    // ------------------------------------------------------------------ operator: export and import

    /**
     * Every message of a person with its attachments' contents, oldest first, for an export its caller has
     * already decided and journaled (the operator's whole-platform export, « réversibilité »): no
     * per-message decision, as {@code Documents.forExport}.
     */
    @Transactional(readOnly = true)
    public List<ExportedMessage> forExport(PatientId patient) {
        List<ConversationRow> rows = store.conversationsOfPatient(patient);
        List<ExportedMessage> out = new ArrayList<>();
        Map<UUID, List<ExportedMessage.ReadMark>> marksOf = new java.util.HashMap<>();
        for (List<MessageView> list : views(rows).values()) {
            for (MessageView m : list) {
                List<byte[]> contents = new ArrayList<>();
                List<Instant> filedAt = new ArrayList<>();
                for (AttachmentView a : m.attachments()) {
                    AttachmentRow row = store.attachment(a.id().value()).orElseThrow();
                    contents.add(envelope.open(new EnvelopeEncryption.Sealed(row.wrappedKey(), blobs.get(row.id())),
                            EnvelopeEncryption.bindTo(ATTACHMENT, row.id())));
                    filedAt.add(row.filedAt());
                }
                List<ExportedMessage.ReadMark> marks = marksOf.computeIfAbsent(m.conversation().value(), c -> store.readMarks(c).stream()
                        .flatMap(e -> accounts.byId(new fr.hygie.identity.AccountId(e.getKey()))
                                .map(acc -> new ExportedMessage.ReadMark(acc.username(), e.getValue())).stream())
                        .sorted(Comparator.comparing(ExportedMessage.ReadMark::login)).toList());
                out.add(new ExportedMessage(m, contents, filedAt, marks));
            }
        }
        out.sort(Comparator.comparing((ExportedMessage e) -> e.message().sentAt()).thenComparing(e -> e.message().id().value()));
        return out;
    }

    static final String IMPORTER = "Import de données (réversibilité)";

    /**
     * Brings in one message from an export, sealed at rest like every message (subject, body, attachment
     * names and contents), with its id, its conversation's id and its date: no per-message decision (the
     * operator's import is journaled once by its caller), no notification, journaled on the person's chain
     * as an IMPORT by the platform. Idempotent by id (false: already there). Refused with its French reason,
     * storing nothing, when the data break a rule: unknown person or care party, no subject for a new
     * conversation, empty or too long body, more than five attachments or one of a type not accepted, a
     * conversation id that belongs to another person or party.
     */
    @Transactional
    public boolean importMessage(ImportedMessage in) {
        if (in.id() == null || in.conversation() == null || in.patient() == null || in.party() == null || in.authorSide() == null
                || in.sentAt() == null) {
            throw new fr.hygie.platform.web.InvalidInput("MESSAGE", null, "Message sans identifiant, personne, destinataire, côté ou date.");
        }
        if (store.message(in.id().value()).isPresent()) {
            // Read marks come again with every message of the conversation: those of accounts opened since are added.
            restoreReadMarks(in);
            return false;
        }
        if (patients.byId(in.patient()).isEmpty()) {
            throw new fr.hygie.platform.web.InvalidInput("PATIENT_UNKNOWN", "subject", "La personne du message est introuvable.");
        }
        if (partyName(in.party()).isEmpty()) {
            throw new fr.hygie.platform.web.InvalidInput("RECIPIENT_UNKNOWN", "recipient", "Le professionnel ou la structure du message est introuvable dans l'annuaire.");
        }
        Optional<ConversationRow> existing = store.conversation(in.conversation().value());
        PostOutcome invalid = validate(in.subject(), existing.isEmpty(), in.body(), List.copyOf(in.attachments().stream()
                .map(a -> (NewAttachment) new NewAttachment.Upload(a.fileName(), a.content())).toList()));
        if (invalid instanceof PostOutcome.Refused r) {
            throw new fr.hygie.platform.web.InvalidInput(r.code(), r.field(), r.message());
        }
        if (existing.isPresent() && (!existing.get().patient().equals(in.patient().value()) || !existing.get().party().equals(in.party()))) {
            throw new fr.hygie.platform.web.InvalidInput("CONVERSATION", "conversation", "Cette conversation est celle d'une autre personne ou d'un autre destinataire.");
        }
        List<Prepared> attachments = new ArrayList<>();
        for (ImportedMessage.Attachment a : in.attachments()) {
            for (DocumentId d : java.util.Arrays.asList(a.sourceDocument(), a.filedDocument())) {
                if (d != null && !documents.patientOf(d).map(in.patient()::equals).orElse(false)) {
                    throw new fr.hygie.platform.web.InvalidInput("ATTACHMENT_DOCUMENT", "attachment", "Le document du dossier d'une pièce"
                            + " jointe n'est pas dans le dossier de la personne : importez ses documents d'abord.");
                }
            }
            Optional<Prepared> p = prepare(null, new NewAttachment.Upload(a.fileName(), a.content()), JournalChannel.SYSTEM);
            if (p.isEmpty()) {
                throw new fr.hygie.platform.web.InvalidInput("ATTACHMENT", "attachment", ATTACHMENT_REFUSED.label());
            }
            attachments.add(p.get());
        }
        Instant at = in.sentAt().truncatedTo(ChronoUnit.MICROS);
        UUID conversationId = in.conversation().value();
        if (existing.isEmpty()) {
            store.insert(new ConversationRow(conversationId, in.patient().value(), in.party().professional() == null ? null
                    : in.party().professional().value(), in.party().structure() == null ? null : in.party().structure().value(),
                    envelope.sealText(in.subject().strip(), EnvelopeEncryption.bindTo(SUBJECT, conversationId)), in.authorSide().name(),
                    at, at));
        }
        UUID messageId = in.id().value();
        String author = in.authorName() == null || in.authorName().isBlank() ? IMPORTER : in.authorName();
        String behalf = in.onBehalfOf() == null || in.onBehalfOf().isBlank() ? author : in.onBehalfOf();
        store.insert(new MessageRow(messageId, conversationId, in.authorSide().name(), null,
                in.authorSide() == Side.CARE && in.authorProfessional() != null ? in.authorProfessional().value() : null, author, behalf,
                envelope.sealText(in.body().strip(), EnvelopeEncryption.bindTo(BODY, messageId)), at));
        for (int i = 0; i < attachments.size(); i++) {
            Prepared p = attachments.get(i);
            ImportedMessage.Attachment a = in.attachments().get(i);
            UUID attachmentId = Ids.newId();
            EnvelopeEncryption.Sealed sealed = envelope.seal(p.bytes(), EnvelopeEncryption.bindTo(ATTACHMENT, attachmentId));
            store.insert(new AttachmentRow(attachmentId, messageId,
                    envelope.sealText(p.fileName(), EnvelopeEncryption.bindTo(ATTACHMENT_NAME, attachmentId)), p.type().mime(),
                    p.bytes().length, a.typeCode() == null || a.typeCode().length() > 32 ? null : a.typeCode(), sealed.wrappedKey(),
                    a.sourceDocument() == null ? null : a.sourceDocument().value(), a.filedDocument() == null ? null : a.filedDocument().value(),
                    a.filedDocument() == null ? null : (a.filedAt() == null ? at : a.filedAt().truncatedTo(ChronoUnit.MICROS))));
            blobs.put(attachmentId, sealed.ciphertext());
            TransactionHooks.onRollback(() -> blobs.delete(attachmentId));
        }
        restoreReadMarks(in);
        journal.append(new JournalEntryDraft(JournalActor.system(IMPORTER), null, in.patient().value(), JournalAction.IMPORT, OBJECT_TYPE,
                messageId.toString(), JournalDecision.PERMIT, "PLATFORM_IMPORT", JournalChannel.SYSTEM, null));
        return true;
    }

    /** The conversation's read marks, for the logins that have an account here (accounts never travel). */
    private void restoreReadMarks(ImportedMessage in) {
        for (ExportedMessage.ReadMark m : in.readMarks()) {
            if (m.login() != null && m.readUpTo() != null) {
                accounts.byUsername(m.login()).ifPresent(acc -> store.markRead(in.conversation().value(), acc.id().value(),
                        m.readUpTo().truncatedTo(ChronoUnit.MICROS)));
            }
        }
    }

    /** An attachment ready to store: clear bytes, name, sniffed type, LOINC type and source when from the record. */
    private record Prepared(String fileName, byte[] bytes, ContentType type, String typeCode, DocumentId source) {
    }

    private PostOutcome post(Actor actor, ConversationRow existing, PatientId patient, CareParty party, Side side, String subject,
            String body, List<Prepared> attachments, MessagingDecision decision, JournalChannel channel) {
        HygieUser u = actor.user();
        Instant now = now();
        UUID conversationId = existing == null ? Ids.newId() : existing.id();
        if (existing == null) {
            store.insert(new ConversationRow(conversationId, patient.value(), party.professional() == null ? null : party.professional().value(),
                    party.structure() == null ? null : party.structure().value(),
                    envelope.sealText(subject.strip(), EnvelopeEncryption.bindTo(SUBJECT, conversationId)), side.name(), now, now));
        }
        UUID messageId = Ids.newId();
        // Who wrote it and for whom: "Luc Petit (aidant)" for "Jean Petit", "Dr Paul Leroy" for the structure's mailbox.
        String author = u.displayName();
        String behalf = side == Side.PATIENT ? personName(patient)
                : party.structure() != null ? partyName(party).orElse(author) : author;
        store.insert(new MessageRow(messageId, conversationId, side.name(), u.accountId().value(),
                side == Side.CARE ? u.professionalId().map(ProfessionalId::value).orElse(null) : null, author, behalf,
                envelope.sealText(body.strip(), EnvelopeEncryption.bindTo(BODY, messageId)), now));
        for (Prepared p : attachments) {
            UUID attachmentId = Ids.newId();
            EnvelopeEncryption.Sealed sealed = envelope.seal(p.bytes(), EnvelopeEncryption.bindTo(ATTACHMENT, attachmentId));
            store.insert(new AttachmentRow(attachmentId, messageId,
                    envelope.sealText(p.fileName(), EnvelopeEncryption.bindTo(ATTACHMENT_NAME, attachmentId)), p.type().mime(),
                    p.bytes().length, p.typeCode(), sealed.wrappedKey(), p.source() == null ? null : p.source().value(), null, null));
            blobs.put(attachmentId, sealed.ciphertext());
            TransactionHooks.onRollback(() -> blobs.delete(attachmentId));
        }
        // The writer has read what they just wrote and everything before it.
        store.markRead(conversationId, u.accountId().value(), now);
        journal(actor, patient, JournalAction.CREATE, messageId.toString(), decision, channel);
        events.publishEvent(new MessagePosted(new MessageId(messageId), new ConversationId(conversationId), patient, side));
        return new PostOutcome.Posted(new ConversationId(conversationId), new MessageId(messageId));
    }

    private Optional<Prepared> prepare(Actor actor, NewAttachment a, JournalChannel channel) {
        if (a instanceof NewAttachment.Upload up) {
            byte[] bytes = up.content();
            if (bytes == null || bytes.length == 0 || bytes.length > DocumentStore.MAX_CONTENT_BYTES) {
                return Optional.empty();
            }
            Optional<ContentType> type = ContentType.sniff(bytes);
            if (type.isEmpty() || type.get() == ContentType.PDF && ContentType.pdfHasActiveContent(bytes)) {
                return Optional.empty();
            }
            return Optional.of(new Prepared(fileName(up.fileName(), type.get()), bytes, type.get(), null, null));
        }
        NewAttachment.FromRecord fr = (NewAttachment.FromRecord) a;
        Optional<DocumentContent> doc = documents.read(actor, fr.document(), channel);
        if (doc.isEmpty() || !doc.get().summary().patient().equals(actor.actingFor())) {
            return Optional.empty();
        }
        var s = doc.get().summary();
        return Optional.of(new Prepared(fileName(s.title(), s.contentType()), doc.get().bytes(), s.contentType(), s.typeCode(), s.id()));
    }

    private static String fileName(String name, ContentType type) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip();
        if (n.isEmpty()) {
            n = "piece-jointe";
        }
        return n.length() > MAX_SUBJECT ? n.substring(0, MAX_SUBJECT) : n;
    }

    private static PostOutcome validate(String subject, boolean subjectRequired, String body, List<NewAttachment> attachments) {
        if (subjectRequired && (subject == null || subject.isBlank() || subject.strip().length() > MAX_SUBJECT)) {
            return new PostOutcome.Refused("SUBJECT", "subject", MessagingWording.SUBJECT_REQUIRED);
        }
        if (body == null || body.isBlank() || body.strip().length() > MAX_BODY) {
            return new PostOutcome.Refused("BODY", "body", MessagingWording.BODY_REQUIRED);
        }
        if (attachments != null && attachments.size() > MAX_ATTACHMENTS) {
            return new PostOutcome.Refused("ATTACHMENTS", "attachment", MessagingWording.TOO_MANY_ATTACHMENTS);
        }
        return null;
    }

    private Recipient recipient(PatientId patient, CareParty party, boolean prescription) {
        boolean pharmacy = isPharmacy(party);
        return new Recipient(party.isStructure() ? RecipientKind.STRUCTURE : RecipientKind.PROFESSIONAL,
                store.careWroteTo(patient, party), pharmacy, pharmacy && pharmacyUsed(patient, party), prescription);
    }

    /** A pharmacist (TRE_G15 21) or a structure whose category is a pharmacy (officine). */
    private boolean isPharmacy(CareParty party) {
        if (party.professional() != null) {
            return professionals.byId(party.professional()).map(p -> MessagingPolicy.PHARMACIST.equals(p.professionCode())).orElse(false);
        }
        return structures.byId(party.structure()).map(s -> s.category() != null
                && s.category().toLowerCase(Locale.FRENCH).contains("pharmacie")).orElse(false);
    }

    /** An earlier conversation or a dispensation with the pharmacy, or, for a pharmacist, with their pharmacy. */
    private boolean pharmacyUsed(PatientId patient, CareParty party) {
        if (store.conversationExists(patient, party) || store.dispensed(patient, party)) {
            return true;
        }
        if (party.professional() != null) {
            Optional<StructureId> pharmacy = professionals.byId(party.professional()).flatMap(Professional::structure);
            return pharmacy.isPresent() && (store.conversationExists(patient, CareParty.of(pharmacy.get()))
                    || store.dispensed(patient, CareParty.of(pharmacy.get())));
        }
        return false;
    }

    private List<ConversationRow> careConversations(HygieUser u) {
        if (u.professionalId().isEmpty()) {
            return List.of();
        }
        return store.conversationsOfCare(u.professionalId().get().value(), u.structureId().map(StructureId::value).orElse(null));
    }

    /** The facts about the writer for {@link MessagingPolicy}. */
    private Writer writer(Actor actor, PatientId patient) {
        HygieUser u = actor.user();
        switch (u.role()) {
            case PROFESSIONAL:
                return Writer.professional(u.professionalId().flatMap(professionals::byId)
                        .map(p -> p.professionCode() != null && !p.professionCode().isBlank()).orElse(false));
            case PATIENT:
            case REPRESENTATIVE:
                if (patient == null) {
                    return Writer.representative(u.role(), null);
                }
                if (u.role() == Role.PATIENT && patient.equals(u.patientId().orElse(null))) {
                    return Writer.person();
                }
                Set<fr.hygie.identity.MandateScope> scopes = mandates.active(u.accountId(), patient).map(Mandate::scopes).orElse(null);
                return Writer.representative(u.role(), scopes);
            default:
                return Writer.other(u.role());
        }
    }

    /** Is the reader a party to the conversation: its care party (or a member of its structure), or acting for its person? */
    private static boolean participant(Actor actor, ConversationRow c) {
        HygieUser u = actor.user();
        if (u.role() == Role.PROFESSIONAL) {
            return u.professionalId().map(p -> p.value().equals(c.professional())).orElse(false)
                    || u.structureId().map(s -> s.value().equals(c.structure())).orElse(false);
        }
        return actor.actingFor() != null && actor.actingFor().value().equals(c.patient());
    }

    private static Side readerSide(HygieUser u) {
        return u.role() == Role.PROFESSIONAL ? Side.CARE : Side.PATIENT;
    }

    private List<ConversationSummary> summaries(Actor actor, List<ConversationRow> rows) {
        Map<UUID, Integer> unread = store.unread(ids(rows), actor.user().accountId().value(), readerSide(actor.user()).name());
        Map<UUID, Long> counts = store.messages(ids(rows)).stream().collect(Collectors.groupingBy(MessageRow::conversation, Collectors.counting()));
        Map<UUID, String> names = new LinkedHashMap<>();
        List<ConversationSummary> out = new ArrayList<>();
        for (ConversationRow c : rows) {
            CareParty party = c.party();
            String patientName = names.computeIfAbsent(c.patient(), p -> personName(new PatientId(p)));
            out.add(new ConversationSummary(new ConversationId(c.id()), new PatientId(c.patient()), patientName, party,
                    partyName(party).orElse("(destinataire inconnu)"), subject(c), c.lastMessageAt(),
                    counts.getOrDefault(c.id(), 0L).intValue(), unread.getOrDefault(c.id(), 0)));
        }
        return out;
    }

    private Map<UUID, List<MessageView>> views(List<ConversationRow> rows) {
        Map<UUID, ConversationRow> byId = new LinkedHashMap<>();
        rows.forEach(c -> byId.put(c.id(), c));
        List<MessageRow> messages = store.messages(ids(rows));
        Map<UUID, List<AttachmentView>> attachments = store.attachments(messages.stream().map(MessageRow::id).toList()).stream()
                .map(this::view).collect(Collectors.groupingBy(a -> a.message().value()));
        Map<UUID, List<MessageView>> out = new LinkedHashMap<>();
        rows.forEach(c -> out.put(c.id(), new ArrayList<>()));
        Map<UUID, String> subjects = new LinkedHashMap<>();
        for (MessageRow m : messages) {
            ConversationRow c = byId.get(m.conversation());
            List<MessageView> list = out.get(c.id());
            MessageId previous = list.isEmpty() ? null : list.get(list.size() - 1).id();
            String body = envelope.openText(m.bodySealed(), EnvelopeEncryption.bindTo(BODY, m.id()));
            list.add(new MessageView(new MessageId(m.id()), new ConversationId(c.id()), new PatientId(c.patient()), c.party(),
                    subjects.computeIfAbsent(c.id(), k -> subject(c)), Side.valueOf(m.side()), m.authorName(),
                    m.authorProfessional() == null ? null : new ProfessionalId(m.authorProfessional()), m.onBehalfOf(), body,
                    m.sentAt(), previous, attachments.getOrDefault(m.id(), List.of())));
        }
        return out;
    }

    private AttachmentView view(AttachmentRow a) {
        return new AttachmentView(new AttachmentId(a.id()), new MessageId(a.message()),
                envelope.openText(a.fileNameSealed(), EnvelopeEncryption.bindTo(ATTACHMENT_NAME, a.id())), a.contentType(), a.size(),
                a.typeCode(), a.sourceDocument() == null ? null : new DocumentId(a.sourceDocument()),
                a.filedDocument() == null ? null : new DocumentId(a.filedDocument()));
    }

    private String subject(ConversationRow c) {
        return envelope.openText(c.subjectSealed(), EnvelopeEncryption.bindTo(SUBJECT, c.id()));
    }

    /** The person's chosen account name, else their INS name. */
    private String personName(PatientId patient) {
        return accounts.byPatient(patient).map(a -> a.displayName()).filter(n -> !n.isBlank())
                .orElseGet(() -> patients.byId(patient).map(p -> p.displayName()).orElse("personne"));
    }

    private void journalPerPatient(Actor actor, List<UUID> patientIds, JournalAction action, JournalChannel channel) {
        if (patientIds.isEmpty()) {
            return;
        }
        JournalActor who = who(actor);
        journal.appendAll(patientIds.stream().map(p -> new JournalEntryDraft(who, null, p, action, OBJECT_TYPE, null,
                JournalDecision.PERMIT, MessagingReason.PARTICIPANT.name(), channel, null)).toList());
    }

    /** One journal entry on the person's chain: "X (acting for Y)" did action on a Communication, permitted or not, why. */
    private void journal(Actor actor, PatientId patient, JournalAction action, String objectId, MessagingDecision d,
            JournalChannel channel) {
        JournalActor represented = null;
        if (actor.representing()) {
            PatientId person = actor.actingFor();
            represented = new JournalActor(accounts.byPatient(person).map(a -> a.id().value()).orElse(null), personName(person),
                    Role.PATIENT.name());
        }
        journal.append(new JournalEntryDraft(who(actor), represented, patient.value(), action, OBJECT_TYPE, objectId,
                d.allowed() ? JournalDecision.PERMIT : JournalDecision.DENY, d.reason().name(), channel, null));
    }

    private static JournalActor who(Actor actor) {
        HygieUser u = actor.user();
        return new JournalActor(u.accountId().value(), u.displayName(), u.role().name());
    }

    private static List<UUID> ids(List<ConversationRow> rows) {
        return rows.stream().map(ConversationRow::id).toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
