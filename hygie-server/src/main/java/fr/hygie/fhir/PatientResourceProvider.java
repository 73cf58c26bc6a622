package fr.hygie.fhir;

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
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.ValidationResult;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.InsMatricule;
import fr.hygie.identity.InsTraits;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.RegistrationRequests;
import fr.hygie.identity.Role;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code Patient}: read, search, create. Who reads a person's identity is decided by
 * {@link PatientAccess} (the same decision point as the web, journaled, channel FHIR); a hidden person
 * and an unknown one give the same 404, and a search counts only the persons its reader may see.
 */
@Component
public class PatientResourceProvider implements IResourceProvider {

    static final String TYPE = "Patient";
    /** Above this many candidates a search must be narrowed: each candidate costs an access decision. */
    static final int MAX_CANDIDATES = 500;

    private final Patients patients;
    private final Mandates mandates;
    private final PatientAccess access;
    private final FhirValidation validation;
    private final ca.uhn.fhir.context.FhirContext fhir;

    PatientResourceProvider(Patients patients, Mandates mandates, PatientAccess access, FhirValidation validation,
            ca.uhn.fhir.context.FhirContext fhir) {
        this.fhir = fhir;
        this.patients = patients;
        this.mandates = mandates;
        this.access = access;
        this.validation = validation;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.READ);
        PatientId pid = parse(id.getIdPart()).orElseThrow(() -> notFound(id));
        caller.requireReach(TYPE, Interaction.READ, pid);
        fr.hygie.identity.Patient p = patients.byId(pid).orElseThrow(() -> notFound(id));
        if (!access.mayRead(caller, pid)) {
            throw notFound(id);
        }
        return FhirMapper.patient(p, patients.matricule(pid).orElse(null), patients.identifiers(pid));
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
            @OptionalParam(name = "_id") TokenParam resourceId,
            @OptionalParam(name = Patient.SP_NAME) StringParam name,
            @OptionalParam(name = Patient.SP_FAMILY) StringParam family,
            @OptionalParam(name = Patient.SP_GIVEN) StringParam given,
            @OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthdate,
            @Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.SEARCH);
        Role role = caller.user().role();
        if (role == Role.COUNTER_AGENT && identifier == null) {
            throw new InvalidRequestException("Un agent d'accueil recherche une personne par son matricule INS (paramètre identifier).");
        }
        List<fr.hygie.identity.Patient> candidates = candidates(caller, identifier, resourceId, name, family, given, birthdate);
        Predicate<fr.hygie.identity.Patient> matches = p -> matchesName(p, name, false) && matchesName(p, family, true)
                && matchesGiven(p, given) && matchesBirthDate(p, birthdate)
                && (resourceId == null || p.id().value().toString().equals(resourceId.getValue()));
        List<fr.hygie.identity.Patient> matching = candidates.stream().filter(matches)
                .filter(p -> caller.mayReach(TYPE, Interaction.SEARCH, p.id())).toList();
        if (matching.size() > MAX_CANDIDATES) {
            throw new InvalidRequestException("Recherche trop large : précisez le nom, le prénom ou la date de naissance.");
        }
        // Decide every candidate BEFORE counting and paging: the total is the reader's own (EHDS art. 8).
        List<fr.hygie.identity.Patient> visible = new ArrayList<>();
        for (fr.hygie.identity.Patient p : matching) {
            if (access.mayRead(caller, p.id())) {
                visible.add(p);
            }
        }
        visible.sort(comparator(sort));
        return Pages.of(visible, offset, count, p -> FhirMapper.patient(p, patients.matricule(p.id()).orElse(null),
                patients.identifiers(p.id())));
    }

    /** The persons a search may find, before its criteria and the access decision are applied. */
    private List<fr.hygie.identity.Patient> candidates(FhirCaller caller, TokenParam identifier, TokenParam resourceId,
            StringParam name, StringParam family, StringParam given, DateParam birthdate) {
        if (identifier != null) {
            String system = identifier.getSystem();
            if (system != null && !system.isBlank() && !InsMatricule.INS_NIR_SYSTEM.equals(system)
                    && !InsMatricule.INS_NIA_SYSTEM.equals(system)) {
                // An identifier another system gave the person (kept at import).
                if (identifier.getValue() == null || identifier.getValue().isBlank()) {
                    return List.of();
                }
                return patients.byIdentifier(new fr.hygie.identity.ForeignIdentifier(system, identifier.getValue()))
                        .flatMap(patients::byId).map(List::of).orElse(List.of());
            }
            String value = identifier.getValue() == null ? "" : identifier.getValue().replace(" ", "");
            return patients.byMatricule(value).flatMap(patients::byId)
                    .filter(p -> system == null || system.isBlank() || system.equals(systemOf(value)))
                    .map(List::of).orElse(List.of());
        }
        if (resourceId != null) {
            return parse(resourceId.getValue()).flatMap(patients::byId).map(List::of).orElse(List.of());
        }
        Role role = caller.user().role();
        if (role == Role.PATIENT || role == Role.REPRESENTATIVE) {
            Map<PatientId, fr.hygie.identity.Patient> own = new LinkedHashMap<>();
            caller.user().patientId().flatMap(patients::byId).ifPresent(p -> own.put(p.id(), p));
            mandates.activeFor(caller.user().accountId()).forEach(
                    m -> patients.byId(m.patient()).ifPresent(p -> own.put(p.id(), p)));
            return new ArrayList<>(own.values());
        }
        StringParam surname = family != null ? family : name;
        if (surname != null && birthdate != null && (birthdate.getPrefix() == null
                || birthdate.getPrefix() == ca.uhn.fhir.rest.param.ParamPrefixEnum.EQUAL)) {
            LocalDate day = LocalDate.parse(birthdate.getValueAsString().substring(0, 10));
            return patients.searchByTraits(surname.getValue(), given == null ? "" : given.getValue(), day, MAX_CANDIDATES + 1);
        }
        // Identity vigilance (RNIV): a professional finds a person by INS, or by birth name and birth date.
        throw new InvalidRequestException("Recherche d'une personne : par matricule INS (identifier), ou par nom "
                + "(family ou name) et date de naissance (birthdate).");
    }

    private static String systemOf(String matricule) {
        return matricule.startsWith("7") || matricule.startsWith("8") ? InsMatricule.INS_NIA_SYSTEM : InsMatricule.INS_NIR_SYSTEM;
    }

    private static boolean matchesName(fr.hygie.identity.Patient p, StringParam param, boolean familyOnly) {
        if (param == null || param.getValue() == null || param.getValue().isBlank()) {
            return true;
        }
        String key = InsTraits.searchKey(param.getValue());
        List<String> names = new ArrayList<>(List.of(p.birthName()));
        if (p.usedName() != null) {
            names.add(p.usedName());
        }
        if (!familyOnly) {
            names.addAll(List.of(p.firstNames().split(" ")));
        }
        return names.stream().map(InsTraits::searchKey)
                .anyMatch(n -> param.isExact() ? n.equals(key) : n.startsWith(key));
    }

    private static boolean matchesGiven(fr.hygie.identity.Patient p, StringParam given) {
        if (given == null || given.getValue() == null || given.getValue().isBlank()) {
            return true;
        }
        String key = InsTraits.searchKey(given.getValue());
        return List.of(p.firstNames().split(" ")).stream().map(InsTraits::searchKey)
                .anyMatch(n -> given.isExact() ? n.equals(key) : n.startsWith(key));
    }

    private static boolean matchesBirthDate(fr.hygie.identity.Patient p, DateParam d) {
        if (d == null) {
            return true;
        }
        LocalDate day = LocalDate.parse(d.getValueAsString().substring(0, 10));
        int c = p.birthDate().compareTo(day);
        ca.uhn.fhir.rest.param.ParamPrefixEnum prefix = d.getPrefix() == null ? ca.uhn.fhir.rest.param.ParamPrefixEnum.EQUAL : d.getPrefix();
        switch (prefix) {
            case EQUAL:
                return c == 0;
            case NOT_EQUAL:
                return c != 0;
            case GREATERTHAN:
            case STARTS_AFTER:
                return c > 0;
            case GREATERTHAN_OR_EQUALS:
                return c >= 0;
            case LESSTHAN:
            case ENDS_BEFORE:
                return c < 0;
            case LESSTHAN_OR_EQUALS:
                return c <= 0;
            default:
                return c == 0;
        }
    }

    private static Comparator<fr.hygie.identity.Patient> comparator(SortSpec sort) {
        Comparator<fr.hygie.identity.Patient> byDefault = Comparator.comparing(fr.hygie.identity.Patient::birthName)
                .thenComparing(fr.hygie.identity.Patient::firstNames).thenComparing(p -> p.id().value());
        if (sort == null) {
            return byDefault;
        }
        Comparator<fr.hygie.identity.Patient> c = null;
        for (SortSpec s = sort; s != null; s = s.getChain()) {
            Comparator<fr.hygie.identity.Patient> one;
            switch (s.getParamName()) {
                case "family":
                case "name":
                    one = Comparator.comparing(fr.hygie.identity.Patient::birthName);
                    break;
                case "given":
                    one = Comparator.comparing(fr.hygie.identity.Patient::firstNames);
                    break;
                case "birthdate":
                    one = Comparator.comparing(fr.hygie.identity.Patient::birthDate);
                    break;
                case "_id":
                    one = Comparator.comparing(p -> p.id().value());
                    break;
                default:
                    throw new InvalidRequestException("Tri possible par family, given, birthdate ou _id.");
            }
            if (s.getOrder() == SortOrderEnum.DESC) {
                one = one.reversed();
            }
            c = c == null ? one : c.thenComparing(one);
        }
        return c.thenComparing(byDefault);
    }

    /**
     * A counter agent (or an administrator) registers a person, as on the web: the resource must pass
     * the FHIR validator, then the INS rules of the identity module; either refusal is a 422 with an
     * OperationOutcome and nothing is stored.
     */
    @Create
    public MethodOutcome create(@ResourceParam Patient resource) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.CREATE);
        Role role = caller.user().role();
        if (role != Role.COUNTER_AGENT && role != Role.ADMIN) {
            throw new ForbiddenOperationException("Seuls l'accueil et l'administration enregistrent une personne.");
        }
        ValidationResult result = validation.validate(resource);
        if (!FhirValidation.errors(result).isEmpty()) {
            throw new UnprocessableEntityException(fhir, FhirValidation.errorsOf(result));
        }
        PatientId id = patients.register(RegistrationRequests.patient(form(resource)));
        Patient created = FhirMapper.patient(patients.byId(id).orElseThrow(), patients.matricule(id).orElse(null));
        return new MethodOutcome(new IdType(TYPE, id.value().toString()), true).setResource(created);
    }

    /** FHIR Patient → the identity module's registration form (same rules as the web form). */
    static RegistrationRequests.PatientForm form(Patient p) {
        String matricule = p.getIdentifier().stream()
                .filter(i -> InsMatricule.INS_NIR_SYSTEM.equals(i.getSystem()) || InsMatricule.INS_NIA_SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse("");
        HumanName official = p.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(p.getName().isEmpty() ? new HumanName() : p.getName().get(0));
        String usedName = p.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.USUAL).map(HumanName::getFamily)
                .findFirst().orElse(null);
        String firstNames = String.join(" ", official.getGiven().stream().map(StringType::getValue).toList());
        String sex = p.getGender() == null ? "" : switch (p.getGender()) {
            case MALE -> "M";
            case FEMALE -> "F";
            default -> "I";
        };
        String birthPlace = inseeCode(p.getExtensionByUrl(FhirMapper.BIRTH_PLACE_EXTENSION) == null ? null
                : (Address) p.getExtensionByUrl(FhirMapper.BIRTH_PLACE_EXTENSION).getValue());
        Address home = p.getAddress().stream().findFirst().orElse(null);
        String phone = p.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                .map(ContactPoint::getValue).findFirst().orElse(null);
        String email = p.getTelecom().stream().filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.EMAIL)
                .map(ContactPoint::getValue).findFirst().orElse(null);
        return new RegistrationRequests.PatientForm(matricule, official.getFamily(), firstNames,
                p.getBirthDateElement().getValueAsString(), sex, birthPlace, usedName,
                home == null || home.getLine().isEmpty() ? null : home.getLine().get(0).getValue(),
                home == null ? null : home.getPostalCode(), inseeCode(home), phone, email, null);
    }

    private static String inseeCode(Address a) {
        if (a == null) {
            return null;
        }
        Extension e = a.getExtensionByUrl(FhirMapper.INSEE_CODE_EXTENSION);
        return e != null && e.getValue() instanceof Coding c ? c.getCode() : null;
    }

    static Optional<PatientId> parse(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(new PatientId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static ResourceNotFoundException notFound(IdType id) {
        return new ResourceNotFoundException(new IdType(TYPE, id.getIdPart()));
    }
}
