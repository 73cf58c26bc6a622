package fr.hygie.record;

import fr.hygie.access.AccessControl;
import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.internal.DocumentRepository;
import fr.hygie.record.internal.DocumentRow;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A person's record as one page shows it to a professional: the documents the actor may see and the sections of
 * the medical profile and wishes the actor may see ({@link Documents#list} and {@link MedicalProfile#view} in one
 * call). The decisions are those of the two calls, taken by {@link AccessControl} and journaled in ONE durable write
 * before anything is returned (issue 13: the page waited for two).
 */
@Service
public class RecordOverview {

    /** The visible documents (filtered) and the visible profile. */
    public record Overview(List<DocumentSummary> documents, ProfileView profile) {
    }

    private final AccessControl access;
    private final DocumentRepository repository;
    private final Documents documents;
    private final MedicalProfile profile;

    RecordOverview(AccessControl access, DocumentRepository repository, Documents documents, MedicalProfile profile) {
        this.access = access;
        this.repository = repository;
        this.documents = documents;
        this.profile = profile;
    }

    // No transaction, as Documents.list and MedicalProfile.view: a pooled connection is not held while the entries
    // are durably committed.
    /** What the actor may see of the person's documents (filtered) and profile; refused parts are simply absent. */
    public Overview of(Actor actor, PatientId patient, DocumentFilter filter, JournalChannel channel) {
        // The documents' rows and the stored profile in one round trip (issue 13: two before).
        DocumentRepository.WithOther<MedicalProfile.Stored> read = repository.ofPatientWith(patient, filter.includeSuperseded(),
                MedicalProfile.STORED, rs -> MedicalProfile.storedFrom(rs, patient));
        List<DocumentRow> rows = read.documents();
        MedicalProfile.Stored stored = read.other();
        AccessControl.VisibleWithSections<DocumentRow> decided = access.filterVisibleWithProfileSections(actor, patient, rows,
                DocumentRow::facts, MedicalProfile.sectionsAsked(patient), channel);
        List<DocumentSummary> visible = decided.visible().stream().map(documents::summary).filter(filter::accepts).toList();
        return new Overview(visible, profile.assemble(patient, stored, decided.sections()));
    }
}
