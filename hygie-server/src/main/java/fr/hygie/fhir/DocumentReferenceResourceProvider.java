package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Update;
import fr.hygie.access.Actor;
import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.record.ChangeOutcome;
import java.util.Set;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.ValidationResult;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Professional;
import fr.hygie.identity.Professionals;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.DocumentContent;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.DocumentId;
import fr.hygie.record.DocumentSummary;
import fr.hygie.record.Documents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * {@code DocumentReference} (read, search, create, update of the confidentiality labels) and {@code Binary} (read: the document's content).
 * Everything goes through {@link Documents}, which decides with the access policy and journals: a
 * hidden document and an absent one give the same 404, and a search lists (and counts) only what the
 * reader may see. Confidentiality labels are TRE_A07 security labels.
 */
@Component
public class DocumentReferenceResourceProvider implements IResourceProvider {

    static final String TYPE = "DocumentReference";

    private final Documents documents;
    private final Professionals professionals;
    private final RecordScope scope;
    private final FhirValidation validation;
    private final FhirContext fhir;

    DocumentReferenceResourceProvider(Documents documents, Professionals professionals, RecordScope scope,
            FhirValidation validation, FhirContext fhir) {
        this.documents = documents;
        this.professionals = professionals;
        this.scope = scope;
        this.validation = validation;
        this.fhir = fhir;
    }

    @Override
    public Class<DocumentReference> getResourceType() {
        return DocumentReference.class;
    }

    @Read
    public DocumentReference read(@IdParam IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.READ);
        DocumentId docId = DirectoryResourceProviders.uuid(id.getIdPart()).map(DocumentId::new).orElseThrow(() -> notFound(TYPE, id));
        PatientId patient = documents.patientOf(docId).orElseThrow(() -> notFound(TYPE, id));
        // Beyond the app's reach is answered like an absent document, so the app learns nothing either.
        if (!caller.mayReach(TYPE, Interaction.READ, patient)) {
            throw notFound(TYPE, id);
        }
        DocumentSummary d = documents.summary(RecordScope.actor(caller.user(), patient), docId, JournalChannel.FHIR)
                .orElseThrow(() -> notFound(TYPE, id));
        return map(d);
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = DocumentReference.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = DocumentReference.SP_SUBJECT) ReferenceParam subject,
            @OptionalParam(name = DocumentReference.SP_TYPE) TokenParam type,
            @OptionalParam(name = DocumentReference.SP_CATEGORY) TokenParam category,
            @OptionalParam(name = DocumentReference.SP_DATE) DateRangeParam date,
            @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.SEARCH);
        if (type != null && type.getSystem() != null && !type.getSystem().isBlank() && !ClinicalMapper.LOINC.equals(type.getSystem())
                || category != null && category.getSystem() != null && !category.getSystem().isBlank()
                && !ClinicalMapper.DOCUMENT_CLASS_SYSTEM.equals(category.getSystem())) {
            return Pages.of(List.of(), offset, count, d -> null);
        }
        DocumentFilter filter = new DocumentFilter(category == null ? null : category.getValue(), type == null ? null : type.getValue(),
                null, null, null, false);
        List<DocumentSummary> visible = new ArrayList<>();
        for (PatientId p : scope.searchTargets(caller, TYPE, patient, subject)) {
            // Decided and journaled per person by the record module before anything is counted.
            documents.list(RecordScope.actor(caller.user(), p), p, filter, JournalChannel.FHIR).stream()
                    .filter(d -> RecordScope.matches(d.clinicalDate(), date)).forEach(visible::add);
        }
        visible.sort(comparator(sort));
        return Pages.of(visible, offset, count, this::map);
    }

    static Comparator<DocumentSummary> comparator(SortSpec sort) {
        Comparator<DocumentSummary> newestFirst = Comparator.comparing(DocumentSummary::clinicalDate)
                .thenComparing(DocumentSummary::createdAt).reversed().thenComparing(d -> d.id().value());
        if (sort == null) {
            return newestFirst;
        }
        if (!"date".equals(sort.getParamName()) || sort.getChain() != null) {
            throw new InvalidRequestException("Tri possible par date (_sort=date ou _sort=-date).");
        }
        Comparator<DocumentSummary> byDate = Comparator.comparing(DocumentSummary::clinicalDate).thenComparing(DocumentSummary::createdAt);
        return (sort.getOrder() == SortOrderEnum.DESC ? byDate.reversed() : byDate).thenComparing(d -> d.id().value());
    }

    /**
     * A professional or the person (or their representative) adds a document, as on the web: validated by
     * the FHIR validator, then by the record module's rules (type from the catalogue, sniffed content…).
     */
    @Create
    public MethodOutcome create(@ResourceParam DocumentReference resource) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.CREATE);
        requireValid(validation, fhir, resource);
        PatientId patient = RecordScope.patientOf(resource.getSubject())
                .orElseThrow(() -> new UnprocessableEntityException(fhir, Outcomes.refusal("SUBJECT", "subject",
                        "Le document doit désigner la personne concernée (subject: Patient/…).")));
        caller.requireReach(TYPE, Interaction.CREATE, patient);
        AddOutcome outcome = documents.add(RecordScope.actor(caller.user(), patient),
                ClinicalMapper.newDocument(resource, patient), JournalChannel.FHIR);
        if (outcome instanceof AddOutcome.Added added) {
            DocumentReference created = map(added.document());
            return new MethodOutcome(new IdType(TYPE, added.document().id().value().toString()), true).setResource(created);
        }
        throw new ForbiddenOperationException(((AddOutcome.Refused) outcome).message());
    }

    /**
     * What the web lets a reader change on a filed document, and nothing else: the person masks it from
     * professionals or unmasks it (MASQUE_PS), the author releases a document hidden from the person
     * (removes INVISIBLE_PATIENT). Same {@link Documents} calls as the web (decided, journaled, channel
     * FHIR). Any other difference with the stored document is a 422 (a correction is a new version), and
     * so is a label the web does not let anyone change afterwards.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam DocumentReference resource) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.UPDATE);
        requireValid(validation, fhir, resource);
        DocumentId docId = DirectoryResourceProviders.uuid(id.getIdPart()).map(DocumentId::new).orElseThrow(() -> notFound(TYPE, id));
        PatientId patient = documents.patientOf(docId).orElseThrow(() -> notFound(TYPE, id));
        if (!caller.mayReach(TYPE, Interaction.UPDATE, patient)) {
            throw notFound(TYPE, id);
        }
        Actor actor = RecordScope.actor(caller.user(), patient);
        DocumentSummary current = documents.summary(actor, docId, JournalChannel.FHIR).orElseThrow(() -> notFound(TYPE, id));
        if (!withoutLabels(map(current)).equalsDeep(withoutLabels(resource))) {
            throw new UnprocessableEntityException(fhir, Outcomes.refusal("READ_ONLY", "DocumentReference",
                    "Seuls les libellés de confidentialité (securityLabel) d'un document se modifient ; pour corriger un document, "
                            + "déposez-en une nouvelle version."));
        }
        Set<ConfidentialityLabel> wanted = ClinicalMapper.labels(resource);
        Set<ConfidentialityLabel> had = current.labels();
        for (ConfidentialityLabel l : ConfidentialityLabel.values()) {
            boolean change = wanted.contains(l) != had.contains(l);
            if (change && l != ConfidentialityLabel.MASQUE_PS && !(l == ConfidentialityLabel.INVISIBLE_PATIENT && had.contains(l))) {
                throw new UnprocessableEntityException(fhir, Outcomes.refusal("LABEL", "securityLabel",
                        "Le libellé " + l.code() + " ne se modifie pas après le dépôt (seuls le masquage MASQUE_PS et la levée de "
                                + "INVISIBLE_PATIENT par l'auteur sont possibles)."));
            }
        }
        if (wanted.contains(ConfidentialityLabel.MASQUE_PS) != had.contains(ConfidentialityLabel.MASQUE_PS)) {
            refuseUnlessDone(documents.mask(actor, docId, wanted.contains(ConfidentialityLabel.MASQUE_PS), JournalChannel.FHIR));
        }
        if (had.contains(ConfidentialityLabel.INVISIBLE_PATIENT) && !wanted.contains(ConfidentialityLabel.INVISIBLE_PATIENT)) {
            refuseUnlessDone(documents.release(actor, docId, JournalChannel.FHIR));
        }
        DocumentSummary now = documents.summary(actor, docId, JournalChannel.FHIR).orElse(current);
        return new MethodOutcome(new IdType(TYPE, docId.value().toString()), false).setResource(map(now));
    }

    /** The caller reads this document but may not change it (only the person masks, only the author releases). */
    private static void refuseUnlessDone(ChangeOutcome outcome) {
        if (!(outcome instanceof ChangeOutcome.Done)) {
            throw new ForbiddenOperationException("Vous ne pouvez pas modifier la confidentialité de ce document.");
        }
    }

    private static DocumentReference withoutLabels(DocumentReference r) {
        DocumentReference c = r.copy();
        c.setId((String) null);
        c.setMeta(null);
        c.setText(null);
        c.getSecurityLabel().clear();
        return c;
    }

    DocumentReference map(DocumentSummary d) {
        Professional author = d.author() == null ? null : professionals.byId(d.author()).orElse(null);
        return ClinicalMapper.documentReference(d, author, documents.externalId(d.id()).orElse(null), null);
    }

    static void requireValid(FhirValidation validation, FhirContext fhir, org.hl7.fhir.instance.model.api.IBaseResource resource) {
        ValidationResult result = validation.validate(resource);
        if (!FhirValidation.errors(result).isEmpty()) {
            throw new UnprocessableEntityException(fhir, FhirValidation.errorsOf(result));
        }
    }

    static ResourceNotFoundException notFound(String type, IdType id) {
        return new ResourceNotFoundException(new IdType(type, id.getIdPart()));
    }

    /** {@code Binary}: a document's content, read through {@link Documents#read} (decided and journaled). */
    @Component
    public static class BinaryProvider implements IResourceProvider {

        static final String TYPE = "Binary";
        private final Documents documents;

        BinaryProvider(Documents documents) {
            this.documents = documents;
        }

        @Override
        public Class<Binary> getResourceType() {
            return Binary.class;
        }

        @Read
        public Binary read(@IdParam IdType id) {
            FhirCaller caller = FhirCaller.current();
            caller.require(TYPE, Interaction.READ);
            Optional<DocumentId> docId = DirectoryResourceProviders.uuid(id.getIdPart()).map(DocumentId::new);
            PatientId patient = docId.flatMap(documents::patientOf).orElseThrow(() -> notFound(TYPE, id));
            if (!caller.mayReach(TYPE, Interaction.READ, patient)) {
                throw notFound(TYPE, id);
            }
            DocumentContent content = documents.read(RecordScope.actor(caller.user(), patient), docId.get(), JournalChannel.FHIR)
                    .orElseThrow(() -> notFound(TYPE, id));
            Binary b = new Binary();
            b.setId(docId.get().value().toString());
            b.setContentType(content.summary().contentType().mime());
            b.setContent(content.bytes());
            b.setSecurityContext(new org.hl7.fhir.r4.model.Reference(
                    DocumentReferenceResourceProvider.TYPE + "/" + docId.get().value()));
            return b;
        }
    }
}
