package fr.hygie.record;

import fr.hygie.platform.TransactionHooks;
import fr.hygie.access.AccessControl;
import fr.hygie.access.AccessDecision;
import fr.hygie.access.Actor;
import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.access.SharingSettings;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.Ids;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.storage.DocumentStore;
import fr.hygie.record.internal.BlobWriteThreads;
import fr.hygie.record.internal.DocumentRepository;
import fr.hygie.record.internal.DocumentRow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Documents of a person's space. Every call asks {@link AccessControl} first (which journals the
 * decision before anything leaves); content and titles are encrypted with one data key per document.
 * A document the actor may not see behaves exactly like a document that does not exist.
 */
@Service
public class Documents {

    static final String CONTENT = "record/document-content";
    static final String TITLE = "record/document-title";
    static final int MAX_TITLE = 200;

    private final AccessControl access;
    private final SharingSettings sharing;
    private final DocumentRepository repository;
    private final EnvelopeEncryption envelope;
    private final DocumentStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final fr.hygie.identity.Patients patients;
    private final BlobWriteThreads blobWrites;

    Documents(AccessControl access, SharingSettings sharing, DocumentRepository repository, EnvelopeEncryption envelope,
            DocumentStore store, ApplicationEventPublisher events, Clock clock, fr.hygie.identity.Patients patients,
            BlobWriteThreads blobWrites) {
        this.patients = patients;
        this.blobWrites = blobWrites;
        this.access = access;
        this.sharing = sharing;
        this.repository = repository;
        this.envelope = envelope;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Adds a document. Bad input is refused before anything is journaled or stored. */
    @Transactional
    public AddOutcome add(Actor actor, NewDocument doc, JournalChannel channel) {
        ContentType type = validate(doc);
        // Encrypt here, then write and fsync the ciphertext on another thread WHILE this one reads the sharing
        // settings, asks for the decision and inserts the row (issue 13, docs/benchmarks.md « Session 7 — upload »):
        // the disk's flush and the database's round trips overlap. The upload waits for the write before it returns,
        // hence before its transaction commits: the blob is durable before the row naming it is, and a failed write
        // rolls the row back. Only ciphertext leaves this thread. The blob is unreadable without its wrapped key, which
        // only the row inserted after a permit holds; it is deleted on refusal and on rollback, once its write is over
        // (and by the orphan sweeper after a crash).
        Prepared prepared = seal(doc);
        CompletableFuture<Void> blob = blobWrites.start(() -> store.putNew(prepared.id(), prepared.sealed().ciphertext()));
        TransactionHooks.onRollback(() -> deleteOnceWritten(blob, prepared.id()));
        boolean byProfessional = actor.user().role() == Role.PROFESSIONAL;
        Set<ConfidentialityLabel> labels = EnumSet.noneOf(ConfidentialityLabel.class);
        labels.addAll(doc.labels());
        if (!byProfessional) {
            // Only the author-professional may hide a document from the patient or from a minor's parents.
            labels.remove(ConfidentialityLabel.INVISIBLE_PATIENT);
            labels.remove(ConfidentialityLabel.INVISIBLE_REPRESENTANTS_LEGAUX);
        } else if (!sharing.sharesAdditionsWithCareTeam(doc.patient())) {
            // The person chose not to share professionals' additions with the care team by default. Read before the
            // decision (issue 13): the decision's journal entry holds the person's chain until the commit, so every
            // statement after it delays the next upload to the same person; this read reveals nothing to the actor.
            labels.add(ConfidentialityLabel.MASQUE_PS);
        }
        // Whether the person exists is read before the decision too (one statement fewer under the chain's lock), and
        // acted upon only after it (below).
        boolean personExists = patients.byId(doc.patient()).isPresent();
        AccessDecision decision = access.checkPatientAction(actor, doc.patient(), JournalAction.CREATE,
                fr.hygie.access.DocumentFacts.OBJECT_TYPE, channel);
        if (decision.denied()) {
            deleteOnceWritten(blob, prepared.id());
            return new AddOutcome.Refused(AddOutcome.Wording.NOT_ALLOWED);
        }
        // A professional may send to anyone, so the decision permits a person who does not exist: refused here, after
        // the decision, so that an actor who may not write learns nothing more than a refusal (finding of
        // security.FhirWriteFuzzTest: a document about Patient/<unknown id> was stored, 201).
        if (!personExists) {
            deleteOnceWritten(blob, prepared.id());
            throw RecordRefusal.invalid("patient", RecordRefusal.Wording.PATIENT_UNKNOWN);
        }
        DocumentRow row = insert(prepared, doc, type, labels, byProfessional ? DocumentSource.PROFESSIONAL : DocumentSource.PATIENT,
                null, null, actor.user().professionalId().orElse(null), actor.user().accountId().value(),
                actor.user().displayName());
        events.publishEvent(new DocumentAdded(row.id(), row.patient(), row.source()));
        // The blob must be durable before the row commits: wait for its write (a failure rolls the transaction back).
        awaitWritten(blob);
        // The clear title is at hand: no need to unwrap the data key again to describe what was just added.
        return new AddOutcome.Added(summary(row, prepared.clearTitle()));
    }

    /** Waits for a blob's write; its failure is thrown as it was thrown by the store. */
    private static void awaitWritten(CompletableFuture<Void> write) {
        try {
            write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Removes a blob nothing will reference, once its write is over (else the write could recreate it after). */
    private void deleteOnceWritten(CompletableFuture<Void> write, UUID id) {
        write.handle((done, failure) -> null).join();
        store.delete(id);
    }

    // list, summary and read run without a transaction (docs/benchmarks.md, session 3): they only read, and
    // their access decision waits for its journal entry's durable commit; a transaction would hold a pooled
    // connection during that wait. Data still leave only after the entry is committed (AccessControl).
    /** The documents of a person that the actor may see, filtered; hidden ones are simply absent. */
    public List<DocumentSummary> list(Actor actor, PatientId patient, DocumentFilter filter, JournalChannel channel) {
        List<DocumentRow> rows = repository.ofPatient(patient, filter.includeSuperseded());
        return access.filterVisible(actor, patient, rows, DocumentRow::facts, channel).stream()
                .map(this::summary).filter(filter::accepts).toList();
    }

    /** The documents a page lists, and whether the actor may add one to the same space (the page's « Ajouter »). */
    public record Listed(List<DocumentSummary> documents, boolean mayAdd) {

        public Listed {
            documents = List.copyOf(documents);
        }
    }

    /**
     * {@link #list}, and whether adding a document to this space would be permitted to the actor, from the same facts
     * (issue 13: the person's « Mes documents » asked {@code AccessControl#wouldPermit} apart, reading the facts a second
     * time). The list is decided and journaled as {@link #list}; the question journals nothing.
     */
    public Listed listForPage(Actor actor, PatientId patient, DocumentFilter filter, JournalChannel channel) {
        List<DocumentRow> rows = repository.ofPatient(patient, filter.includeSuperseded());
        AccessControl.VisibleAndPermitted<DocumentRow> decided = access.filterVisibleAndWouldPermit(actor, patient, rows,
                DocumentRow::facts, channel, JournalAction.CREATE, fr.hygie.access.DocumentFacts.OBJECT_TYPE);
        return new Listed(decided.visible().stream().map(this::summary).filter(filter::accepts).toList(), decided.wouldPermit());
    }

    /** Metadata of one document, or empty when it does not exist or the actor may not see it. */
    public Optional<DocumentSummary> summary(Actor actor, DocumentId id, JournalChannel channel) {
        return visible(actor, id, JournalAction.READ, channel).map(this::summary);
    }

    /**
     * Metadata of one document for the page that confirms its deletion: empty, exactly as {@link #delete} would answer,
     * when it does not exist or the actor may not delete it (not only when they may not see it). Deletes nothing.
     */
    public Optional<DocumentSummary> summaryBeforeDelete(Actor actor, DocumentId id, JournalChannel channel) {
        Optional<DocumentRow> row = repository.find(id).filter(r -> r.status() != DocumentStatus.DELETED);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return access.checkDocumentBefore(actor, JournalAction.DELETE, row.get().facts(), channel).permitted()
                ? row.map(this::summary) : Optional.empty();
    }

    /** The decrypted content, or empty when the document does not exist or the actor may not see it. */
    public Optional<DocumentContent> read(Actor actor, DocumentId id, JournalChannel channel) {
        return visible(actor, id, JournalAction.READ, channel).map(row -> new DocumentContent(summary(row), content(row)));
    }

    /**
     * {@link #read} for a download: the same decision and journal entry, the decrypted content with its type and date,
     * but not the title, which a download does not show (its data key is not unwrapped).
     */
    public Optional<DocumentFile> file(Actor actor, DocumentId id, JournalChannel channel) {
        return visible(actor, id, JournalAction.READ, channel)
                .map(row -> new DocumentFile(row.id(), row.patient(), row.contentType(), row.clinicalDate(), content(row)));
    }

    private byte[] content(DocumentRow row) {
        return envelope.open(new EnvelopeEncryption.Sealed(row.wrappedKey(), store.get(row.id().value())),
                EnvelopeEncryption.bindTo(CONTENT, row.id().value()));
    }

    /** Masks a document from professionals (or unmasks it): the person's choice. */
    @Transactional
    public ChangeOutcome mask(Actor actor, DocumentId id, boolean masked, JournalChannel channel) {
        return visible(actor, id, masked ? JournalAction.MASK : JournalAction.UNMASK, channel).<ChangeOutcome>map(row -> {
            Set<ConfidentialityLabel> labels = EnumSet.noneOf(ConfidentialityLabel.class);
            labels.addAll(row.labels());
            if (masked) {
                labels.add(ConfidentialityLabel.MASQUE_PS);
            } else {
                labels.remove(ConfidentialityLabel.MASQUE_PS);
            }
            repository.setLabels(id, labels, null);
            return new ChangeOutcome.Done(summary(repository.find(id).orElseThrow()));
        }).orElse(new ChangeOutcome.NotFound());
    }

    /** The author releases a document hidden from the patient (after the announcement consultation). */
    @Transactional
    public ChangeOutcome release(Actor actor, DocumentId id, JournalChannel channel) {
        return visible(actor, id, JournalAction.RELEASE, channel).<ChangeOutcome>map(row -> {
            Set<ConfidentialityLabel> labels = EnumSet.noneOf(ConfidentialityLabel.class);
            labels.addAll(row.labels());
            labels.remove(ConfidentialityLabel.INVISIBLE_PATIENT);
            repository.setLabels(id, labels, now());
            events.publishEvent(new DocumentAdded(row.id(), row.patient(), row.source()));
            return new ChangeOutcome.Done(summary(repository.find(id).orElseThrow()));
        }).orElse(new ChangeOutcome.NotFound());
    }

    /**
     * Deletes a document for good: its data key and sealed title are destroyed (crypto-erasure) and its
     * ciphertext removed; the journal keeps the fact.
     */
    @Transactional
    public ChangeOutcome delete(Actor actor, DocumentId id, JournalChannel channel) {
        return visible(actor, id, JournalAction.DELETE, channel).<ChangeOutcome>map(row -> {
            repository.erase(id, now());
            // The data keys kept in memory go with the wrapped ones (docs/adr/0003): now, and once more after the commit
            // in case a read that began before the erasure kept them again meanwhile.
            forgetKeys(row);
            TransactionHooks.afterCommit(() -> {
                forgetKeys(row);
                store.erase(id.value());
            });
            return new ChangeOutcome.Done(summary(new DocumentRow(row.id(), row.patient(), row.typeCode(), null,
                    row.clinicalDate(), row.author(), row.authorAccount(), row.authorName(), row.source(), row.labels(),
                    DocumentStatus.DELETED, row.contentType(), row.size(), null, row.replaces(), row.createdAt())));
        }).orElse(new ChangeOutcome.NotFound());
    }

    /** A new version: the author replaces their document; the old one becomes SUPERSEDED. */
    @Transactional
    public ChangeOutcome supersede(Actor actor, DocumentId old, NewDocument doc, JournalChannel channel) {
        ContentType type = validate(doc);
        return visible(actor, old, JournalAction.UPDATE, channel).<ChangeOutcome>map(row -> {
            if (row.status() != DocumentStatus.CURRENT) {
                throw RecordRefusal.conflict(RecordRefusal.Wording.NOT_CURRENT, row.status());
            }
            if (!row.patient().equals(doc.patient())) {
                throw RecordRefusal.invalid("patient", RecordRefusal.Wording.PATIENT_MISMATCH);
            }
            repository.markSuperseded(old);
            DocumentRow created = store(actor, doc, type, row.labels(), row.source(), old, null);
            events.publishEvent(new DocumentAdded(created.id(), created.patient(), created.source()));
            return new ChangeOutcome.Done(summary(created));
        }).orElse(new ChangeOutcome.NotFound());
    }

    /**
     * Imports a document from another system or the generator: no per-document access decision — the
     * caller (a platform job or an administrator's import) journals the import itself. Returns false
     * when a document with the same external id is already there (idempotent).
     */
    @Transactional
    public boolean importDocument(NewDocument doc, fr.hygie.identity.ProfessionalId author, String authorName, String externalId) {
        ContentType type = validate(doc);
        if (externalId != null && repository.existsExternal(doc.patient(), externalId)) {
            return false;
        }
        store(doc, type, doc.labels(), DocumentSource.IMPORT, null, externalId, author, null, authorName);
        return true;
    }

    /**
     * The person a document belongs to, with no access decision and nothing journaled: only for an
     * adapter (FHIR) that must choose the actor ("acting for" whom) before asking {@link #summary} or
     * {@link #read}, which decide and journal. Never show its result to anyone.
     */
    @Transactional(readOnly = true)
    public Optional<PatientId> patientOf(DocumentId id) {
        return repository.find(id).filter(r -> r.status() != DocumentStatus.DELETED).map(DocumentRow::patient);
    }

    /** A current document with its content and the identifier it was imported with (null when created here). */
    public record Exported(DocumentSummary summary, byte[] content, String externalId) {
    }

    /**
     * Every current document of a person with its content, for an export the caller has already
     * decided and journaled (the operator's bulk export, « réversibilité »). No per-document decision:
     * like {@link #importDocument}, the caller journals the export itself.
     */
    @Transactional(readOnly = true)
    public List<Exported> forExport(PatientId patient) {
        return repository.ofPatient(patient, false).stream().map(row -> new Exported(summary(row), envelope.open(
                new EnvelopeEncryption.Sealed(row.wrappedKey(), store.get(row.id().value())),
                EnvelopeEncryption.bindTo(CONTENT, row.id().value())), repository.externalId(row.id()).orElse(null))).toList();
    }

    /**
     * The document an import stored for this person under the identifier it came with (an export's
     * {@code urn:uuid:<former id>} or another system's {@code system|value}): for an adapter relinking what
     * pointed to it on the former platform (a prescription's copy). No decision, nothing journaled, like
     * {@link #patientOf}: never show its result to anyone.
     */
    @Transactional(readOnly = true)
    public Optional<DocumentId> importedAs(PatientId patient, String externalId) {
        return externalId == null ? Optional.empty() : repository.byExternalId(patient, externalId);
    }

    /** The identifier a document was imported with, if any (to export it again unchanged). */
    @Transactional(readOnly = true)
    public Optional<String> externalId(DocumentId id) {
        return repository.externalId(id);
    }

    // ------------------------------------------------------------------------------------------

    private void forgetKeys(DocumentRow row) {
        envelope.forget(row.wrappedKey());
        envelope.forgetText(row.titleSealed());
    }

    private Optional<DocumentRow> visible(Actor actor, DocumentId id, JournalAction action, JournalChannel channel) {
        Optional<DocumentRow> row = repository.find(id).filter(r -> r.status() != DocumentStatus.DELETED);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        AccessDecision decision = access.checkDocument(actor, action, row.get().facts(), channel);
        return decision.permitted() ? row : Optional.empty();
    }

    private DocumentRow store(Actor actor, NewDocument doc, ContentType type, Set<ConfidentialityLabel> labels,
            DocumentSource source, DocumentId replaces, String externalId) {
        return store(doc, type, labels, source, replaces, externalId, actor.user().professionalId().orElse(null),
                actor.user().accountId().value(), actor.user().displayName());
    }

    private DocumentRow store(NewDocument doc, ContentType type, Set<ConfidentialityLabel> labels, DocumentSource source,
            DocumentId replaces, String externalId, fr.hygie.identity.ProfessionalId author, UUID authorAccount,
            String authorName) {
        return insert(prepare(doc), doc, type, labels, source, replaces, externalId, author, authorAccount, authorName);
    }

    /** A new document's id and sealed title (and the clear one it sealed), its ciphertext already in the store. */
    private record Prepared(UUID id, EnvelopeEncryption.Sealed sealed, String title, String clearTitle) {
    }

    /** Seals content and title under a fresh data key and writes the ciphertext; removed again if the transaction rolls back. */
    private Prepared prepare(NewDocument doc) {
        Prepared prepared = seal(doc);
        // A fresh id that no row references until this transaction commits: written in place (DocumentStore.putNew).
        store.putNew(prepared.id(), prepared.sealed().ciphertext());
        // If the transaction rolls back, the ciphertext must not stay behind as an orphan.
        TransactionHooks.onRollback(() -> store.delete(prepared.id()));
        return prepared;
    }

    /** A fresh id, the content and the title sealed under one new data key bound to it; nothing written yet. */
    private Prepared seal(NewDocument doc) {
        UUID id = Ids.newId();
        String clearTitle = doc.title().strip();
        // One data key for both (issue 13): one key generated and wrapped by the master key per document, not two.
        EnvelopeEncryption.SealedWithText sealed = envelope.sealWithText(doc.content(), EnvelopeEncryption.bindTo(CONTENT, id),
                clearTitle, EnvelopeEncryption.bindTo(TITLE, id));
        return new Prepared(id, sealed.content(), sealed.textToken(), clearTitle);
    }

    private DocumentRow insert(Prepared p, NewDocument doc, ContentType type, Set<ConfidentialityLabel> labels,
            DocumentSource source, DocumentId replaces, String externalId, fr.hygie.identity.ProfessionalId author,
            UUID authorAccount, String authorName) {
        DocumentRow row = new DocumentRow(new DocumentId(p.id()), doc.patient(), doc.typeCode(), p.title(), doc.clinicalDate(),
                author, authorAccount, authorName, source,
                labels, DocumentStatus.CURRENT, type, doc.content().length, p.sealed().wrappedKey(), replaces, now());
        repository.insert(row, externalId);
        return row;
    }

    private ContentType validate(NewDocument doc) {
        if (doc.patient() == null) {
            throw RecordRefusal.invalid("patient", RecordRefusal.Wording.PATIENT_REQUIRED);
        }
        if (doc.typeCode() == null || DocumentTypes.bundled().find(doc.typeCode()).isEmpty()) {
            throw RecordRefusal.invalid("type", RecordRefusal.Wording.DOCUMENT_TYPE);
        }
        if (doc.title() == null || doc.title().isBlank() || doc.title().length() > MAX_TITLE) {
            throw RecordRefusal.invalid("title", RecordRefusal.Wording.TITLE);
        }
        if (doc.clinicalDate() == null || doc.clinicalDate().isAfter(LocalDate.now(clock).plusDays(1))) {
            throw RecordRefusal.invalid("date", RecordRefusal.Wording.CLINICAL_DATE);
        }
        byte[] content = doc.content();
        if (content == null || content.length == 0) {
            throw RecordRefusal.invalid("file", RecordRefusal.Wording.CONTENT_EMPTY);
        }
        if (content.length > DocumentStore.MAX_CONTENT_BYTES) {
            throw RecordRefusal.invalid("file", RecordRefusal.Wording.CONTENT_TOO_LARGE);
        }
        ContentType sniffed = ContentType.sniff(content).orElseThrow(() -> RecordRefusal.invalid("file", RecordRefusal.Wording.CONTENT_TYPE));
        if (doc.declaredType() != null && doc.declaredType() != sniffed) {
            throw RecordRefusal.invalid("file", RecordRefusal.Wording.CONTENT_TYPE_MISMATCH);
        }
        if (sniffed == ContentType.PDF && ContentType.pdfHasActiveContent(content)) {
            throw RecordRefusal.invalid("file", RecordRefusal.Wording.PDF_ACTIVE_CONTENT);
        }
        return sniffed;
    }

    DocumentSummary summary(DocumentRow row) {
        String title = row.titleSealed() == null ? "(document supprimé)"
                : envelope.openText(row.titleSealed(), EnvelopeEncryption.bindTo(TITLE, row.id().value()));
        return summary(row, title);
    }

    private DocumentSummary summary(DocumentRow row, String title) {
        return new DocumentSummary(row.id(), row.patient(), row.typeCode(), DocumentTypes.bundled().label(row.typeCode()),
                title, row.clinicalDate(), row.author(), row.authorName(), row.source(), row.labels(), row.status(),
                row.contentType(), row.size(), row.replaces(), row.createdAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
