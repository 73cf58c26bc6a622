package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
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
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.MedicalProfile;
import fr.hygie.record.NewProfileItem;
import fr.hygie.record.ProfileItem;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.record.ProfileView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The medical profile (« profil médical ») as Condition, AllergyIntolerance, MedicationStatement,
 * Immunization and Observation: read, search (patient/subject, code, date, category, _sort=date,
 * paging) and create. {@link MedicalProfile#view} decides each section for the reader and journals it;
 * a line of a section the reader may not see is absent, so a hidden and an unknown line give the same
 * 404 and totals count only visible lines.
 */
@Component
class ProfileResources {

    private final MedicalProfile profile;
    private final RecordScope scope;
    private final FhirValidation validation;
    private final FhirContext fhir;

    ProfileResources(MedicalProfile profile, RecordScope scope, FhirValidation validation, FhirContext fhir) {
        this.profile = profile;
        this.scope = scope;
        this.validation = validation;
        this.fhir = fhir;
    }

    Resource read(String type, Set<ProfileSectionKind> kinds, IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(type, Interaction.READ);
        UUID itemId = DirectoryResourceProviders.uuid(id.getIdPart()).orElseThrow(() -> DocumentReferenceResourceProvider.notFound(type, id));
        PatientId patient = profile.patientOf(itemId).orElseThrow(() -> DocumentReferenceResourceProvider.notFound(type, id));
        if (!caller.mayReach(type, Interaction.READ, patient)) {
            throw DocumentReferenceResourceProvider.notFound(type, id);
        }
        ProfileView view = profile.view(RecordScope.actor(caller.user(), patient), patient, JournalChannel.FHIR);
        Map<UUID, String> external = profile.externalIds(patient);
        return kinds.stream().flatMap(k -> view.sections().getOrDefault(k, List.of()).stream())
                .filter(i -> i.id().equals(itemId)).findFirst()
                .map(i -> ClinicalMapper.resource(i, external.get(i.id())))
                .orElseThrow(() -> DocumentReferenceResourceProvider.notFound(type, id));
    }

    IBundleProvider search(String type, Set<ProfileSectionKind> kinds, ReferenceParam patient, ReferenceParam subject,
            TokenParam code, TokenParam category, DateRangeParam date, SortSpec sort, Integer offset, Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(type, Interaction.SEARCH);
        List<ProfileItem> visible = new ArrayList<>();
        Map<UUID, String> external = new java.util.HashMap<>();
        for (PatientId p : scope.searchTargets(caller, type, patient, subject)) {
            ProfileView view = profile.view(RecordScope.actor(caller.user(), p), p, JournalChannel.FHIR);
            external.putAll(profile.externalIds(p));
            for (ProfileSectionKind k : kinds) {
                view.sections().getOrDefault(k, List.of()).stream()
                        .filter(i -> matchesCode(i, code) && RecordScope.matches(i.date(), date))
                        .filter(i -> category == null || matchesCategory(ClinicalMapper.resource(i, null), category))
                        .forEach(visible::add);
            }
        }
        visible.sort(comparator(sort));
        return Pages.of(visible, offset, count, i -> ClinicalMapper.resource(i, external.get(i.id())));
    }

    MethodOutcome create(String type, Resource resource) {
        FhirCaller caller = FhirCaller.current();
        caller.require(type, Interaction.CREATE);
        DocumentReferenceResourceProvider.requireValid(validation, fhir, resource);
        PatientId patient = RecordScope.patientOf(ClinicalMapper.subject(resource))
                .orElseThrow(() -> new UnprocessableEntityException(fhir, Outcomes.refusal("SUBJECT", "subject",
                        "La ressource doit désigner la personne concernée (Patient/…).")));
        caller.requireReach(type, Interaction.CREATE, patient);
        NewProfileItem item = ClinicalMapper.profileItem(resource).orElseThrow();
        if (!profile.add(RecordScope.actor(caller.user(), patient), patient, item, JournalChannel.FHIR)) {
            throw new ForbiddenOperationException("Vous ne pouvez pas ajouter cette information au profil médical de cette personne.");
        }
        // The line just added is the newest of its section entered by this account.
        ProfileView view = profile.view(RecordScope.actor(caller.user(), patient), patient, JournalChannel.FHIR);
        ProfileItem added = view.sections().getOrDefault(item.section(), List.of()).stream()
                .filter(i -> i.display().equals(item.display().strip()) && i.date().equals(item.date()))
                .max(Comparator.comparing(ProfileItem::enteredAt)).orElse(null);
        MethodOutcome outcome = new MethodOutcome().setCreated(true);
        if (added != null) {
            outcome.setId(new IdType(type, added.id().toString())).setResource(ClinicalMapper.resource(added, null));
        }
        return outcome;
    }

    private static boolean matchesCode(ProfileItem i, TokenParam code) {
        if (code == null) {
            return true;
        }
        if (code.getSystem() != null && !code.getSystem().isBlank()
                && !code.getSystem().equals(ClinicalMapper.systemUri(i.codeSystem()))) {
            return false;
        }
        return code.getValue() == null || code.getValue().isBlank() || code.getValue().equals(i.code());
    }

    private static boolean matchesCategory(Resource r, TokenParam category) {
        List<org.hl7.fhir.r4.model.CodeableConcept> categories = r instanceof Condition c ? c.getCategory()
                : r instanceof Observation o ? o.getCategory() : List.of();
        return categories.stream().flatMap(c -> c.getCoding().stream()).anyMatch((Coding c) ->
                (category.getSystem() == null || category.getSystem().isBlank() || category.getSystem().equals(c.getSystem()))
                        && category.getValue() != null && category.getValue().equals(c.getCode()));
    }

    private static Comparator<ProfileItem> comparator(SortSpec sort) {
        Comparator<ProfileItem> byDate = Comparator.comparing(ProfileItem::date).thenComparing(ProfileItem::enteredAt);
        if (sort == null) {
            return byDate.reversed().thenComparing(ProfileItem::id);
        }
        if (!"date".equals(sort.getParamName()) || sort.getChain() != null) {
            throw new InvalidRequestException("Tri possible par date (_sort=date ou _sort=-date).");
        }
        return (sort.getOrder() == SortOrderEnum.DESC ? byDate.reversed() : byDate).thenComparing(ProfileItem::id);
    }

    static final Set<ProfileSectionKind> CONDITIONS = Set.of(ProfileSectionKind.HISTORY, ProfileSectionKind.FAMILY_HISTORY);

    @Component
    public static class ConditionProvider implements IResourceProvider {
        private final ProfileResources r;

        ConditionProvider(ProfileResources r) {
            this.r = r;
        }

        @Override
        public Class<Condition> getResourceType() {
            return Condition.class;
        }

        @Read
        public Resource read(@IdParam IdType id) {
            return r.read("Condition", CONDITIONS, id);
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = "patient") ReferenceParam patient,
                @OptionalParam(name = "subject") ReferenceParam subject, @OptionalParam(name = "code") TokenParam code,
                @OptionalParam(name = "category") TokenParam category, @OptionalParam(name = "date") DateRangeParam date,
                @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
            return r.search("Condition", CONDITIONS, patient, subject, code, category, date, sort, offset, count);
        }

        @Create
        public MethodOutcome create(@ResourceParam Condition resource) {
            return r.create("Condition", resource);
        }
    }

    @Component
    public static class AllergyIntoleranceProvider implements IResourceProvider {
        private final ProfileResources r;

        AllergyIntoleranceProvider(ProfileResources r) {
            this.r = r;
        }

        @Override
        public Class<AllergyIntolerance> getResourceType() {
            return AllergyIntolerance.class;
        }

        @Read
        public Resource read(@IdParam IdType id) {
            return r.read("AllergyIntolerance", Set.of(ProfileSectionKind.ALLERGIES), id);
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = "patient") ReferenceParam patient,
                @OptionalParam(name = "code") TokenParam code, @OptionalParam(name = "date") DateRangeParam date,
                @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
            return r.search("AllergyIntolerance", Set.of(ProfileSectionKind.ALLERGIES), patient, null, code, null, date, sort, offset, count);
        }

        @Create
        public MethodOutcome create(@ResourceParam AllergyIntolerance resource) {
            return r.create("AllergyIntolerance", resource);
        }
    }

    @Component
    public static class MedicationStatementProvider implements IResourceProvider {
        private final ProfileResources r;

        MedicationStatementProvider(ProfileResources r) {
            this.r = r;
        }

        @Override
        public Class<MedicationStatement> getResourceType() {
            return MedicationStatement.class;
        }

        @Read
        public Resource read(@IdParam IdType id) {
            return r.read("MedicationStatement", Set.of(ProfileSectionKind.TREATMENTS), id);
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = "patient") ReferenceParam patient,
                @OptionalParam(name = "subject") ReferenceParam subject, @OptionalParam(name = "code") TokenParam code,
                @OptionalParam(name = "date") DateRangeParam date,
                @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
            return r.search("MedicationStatement", Set.of(ProfileSectionKind.TREATMENTS), patient, subject, code, null, date, sort, offset, count);
        }

        @Create
        public MethodOutcome create(@ResourceParam MedicationStatement resource) {
            return r.create("MedicationStatement", resource);
        }
    }

    @Component
    public static class ImmunizationProvider implements IResourceProvider {
        private final ProfileResources r;

        ImmunizationProvider(ProfileResources r) {
            this.r = r;
        }

        @Override
        public Class<Immunization> getResourceType() {
            return Immunization.class;
        }

        @Read
        public Resource read(@IdParam IdType id) {
            return r.read("Immunization", Set.of(ProfileSectionKind.VACCINATIONS), id);
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = "patient") ReferenceParam patient,
                @OptionalParam(name = "vaccine-code") TokenParam vaccineCode, @OptionalParam(name = "code") TokenParam code,
                @OptionalParam(name = "date") DateRangeParam date,
                @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
            return r.search("Immunization", Set.of(ProfileSectionKind.VACCINATIONS), patient, null,
                    vaccineCode != null ? vaccineCode : code, null, date, sort, offset, count);
        }

        @Create
        public MethodOutcome create(@ResourceParam Immunization resource) {
            return r.create("Immunization", resource);
        }
    }

    @Component
    public static class ObservationProvider implements IResourceProvider {
        private final ProfileResources r;

        ObservationProvider(ProfileResources r) {
            this.r = r;
        }

        @Override
        public Class<Observation> getResourceType() {
            return Observation.class;
        }

        @Read
        public Resource read(@IdParam IdType id) {
            return r.read("Observation", Set.of(ProfileSectionKind.MEASUREMENTS), id);
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = "patient") ReferenceParam patient,
                @OptionalParam(name = "subject") ReferenceParam subject, @OptionalParam(name = "code") TokenParam code,
                @OptionalParam(name = "category") TokenParam category, @OptionalParam(name = "date") DateRangeParam date,
                @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
            return r.search("Observation", Set.of(ProfileSectionKind.MEASUREMENTS), patient, subject, code, category, date, sort, offset, count);
        }

        @Create
        public MethodOutcome create(@ResourceParam Observation resource) {
            return r.create("Observation", resource);
        }
    }
}
