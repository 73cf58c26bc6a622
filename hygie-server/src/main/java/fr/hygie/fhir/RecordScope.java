package fr.hygie.fhir;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import fr.hygie.access.Actor;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Whose record a FHIR read or search of health data is about, and as whom the caller acts. The access
 * decision itself stays in the record module (which asks {@link fr.hygie.access.AccessControl} and
 * journals); this class only chooses the actor the way the web does: a person acting for someone else
 * (parent, caregiver) acts "for" that person.
 */
@Component
class RecordScope {

    private final Mandates mandates;

    RecordScope(Mandates mandates) {
        this.mandates = mandates;
    }

    static Actor actor(HygieUser user, PatientId patient) {
        boolean own = patient.equals(user.patientId().orElse(null));
        return (user.role() == Role.PATIENT || user.role() == Role.REPRESENTATIVE) && !own
                ? Actor.actingFor(user, patient) : Actor.of(user);
    }

    /**
     * The persons a search is about: the {@code patient}/{@code subject} parameter, or, for a person
     * without it, themself and those they represent. A professional names the person (as on the web,
     * where they open one record at a time). Persons the app's scopes do not reach are left out, like
     * unknown ones.
     */
    List<PatientId> searchTargets(FhirCaller caller, String type, ReferenceParam... params) {
        Set<PatientId> named = new LinkedHashSet<>();
        boolean any = false;
        for (ReferenceParam p : params) {
            if (p == null) {
                continue;
            }
            any = true;
            String resourceType = p.getResourceType();
            if (resourceType != null && !resourceType.isBlank() && !"Patient".equals(resourceType)) {
                continue;
            }
            DirectoryResourceProviders.uuid(p.getIdPart()).map(PatientId::new).ifPresent(named::add);
        }
        List<PatientId> targets = new ArrayList<>();
        if (any) {
            targets.addAll(named);
        } else {
            HygieUser user = caller.user();
            if (user.role() != Role.PATIENT && user.role() != Role.REPRESENTATIVE) {
                throw new InvalidRequestException("Précisez la personne concernée (paramètre patient ou subject).");
            }
            user.patientId().ifPresent(targets::add);
            mandates.activeFor(user.accountId()).forEach(m -> {
                if (!targets.contains(m.patient())) {
                    targets.add(m.patient());
                }
            });
        }
        return targets.stream().filter(p -> caller.mayReach(type, Interaction.SEARCH, p)).toList();
    }

    /** Does a day match a FHIR date search (each bound with its prefix, day precision)? */
    static boolean matches(LocalDate day, DateRangeParam range) {
        if (range == null) {
            return true;
        }
        return matches(day, range.getLowerBound()) && matches(day, range.getUpperBound());
    }

    private static boolean matches(LocalDate day, DateParam d) {
        if (d == null || d.getValueAsString() == null || d.getValueAsString().isBlank()) {
            return true;
        }
        String text = d.getValueAsString();
        LocalDate bound;
        try {
            bound = text.length() == 4 ? LocalDate.of(Integer.parseInt(text), 1, 1)
                    : text.length() == 7 ? LocalDate.parse(text + "-01") : LocalDate.parse(text.substring(0, 10));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("Date de recherche invalide : " + text);
        }
        LocalDate boundEnd = text.length() == 4 ? bound.plusYears(1).minusDays(1)
                : text.length() == 7 ? bound.plusMonths(1).minusDays(1) : bound;
        ParamPrefixEnum prefix = d.getPrefix() == null ? ParamPrefixEnum.EQUAL : d.getPrefix();
        switch (prefix) {
            case NOT_EQUAL:
                return day.isBefore(bound) || day.isAfter(boundEnd);
            case GREATERTHAN:
            case STARTS_AFTER:
                return day.isAfter(boundEnd);
            case GREATERTHAN_OR_EQUALS:
                return !day.isBefore(bound);
            case LESSTHAN:
            case ENDS_BEFORE:
                return day.isBefore(bound);
            case LESSTHAN_OR_EQUALS:
                return !day.isAfter(boundEnd);
            default:
                return !day.isBefore(bound) && !day.isAfter(boundEnd);
        }
    }

    static Optional<PatientId> patientOf(org.hl7.fhir.r4.model.Reference subject) {
        if (subject == null || subject.getReferenceElement().isEmpty()) {
            return Optional.empty();
        }
        if (subject.getReferenceElement().getResourceType() != null && !"Patient".equals(subject.getReferenceElement().getResourceType())) {
            return Optional.empty();
        }
        return DirectoryResourceProviders.uuid(subject.getReferenceElement().getIdPart()).map(PatientId::new);
    }
}
