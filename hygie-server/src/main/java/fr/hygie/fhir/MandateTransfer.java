package fr.hygie.fhir;

import fr.hygie.identity.Account;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.Mandate;
import fr.hygie.identity.MandateId;
import fr.hygie.identity.MandateKind;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.PatientId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * Mandates (« mandats »: a minor's legal representative, a caregiver, a mediator) as {@code RelatedPerson}
 * — chosen over Consent because a mandate names a person who acts for the patient, which is what
 * RelatedPerson is for: {@code patient} the person represented, {@code relationship} the kind (system
 * {@value #KIND_SYSTEM}), {@code name} the representative as shown, {@code period} the validity (dates),
 * {@code active} false once revoked, the mandate's id as identifier ({@value #MANDATE_SYSTEM}). What R4 has
 * no element for (the scopes granted, the representative's login, when it was revoked) travels in one
 * extension ({@value #TRANSFER_EXTENSION}). Operator's export and import only.
 *
 * <p>Accounts hold credentials and never travel: the operator opens the representatives' accounts on the
 * new platform first (same logins); a mandate whose representative has no account there is refused with
 * that reason and can be imported again later (idempotent by id).
 */
@Component
class MandateTransfer {

    static final String TYPE = "RelatedPerson";
    static final String KIND_SYSTEM = "https://hygie.fr/fhir/CodeSystem/mandate-kind";
    static final String MANDATE_SYSTEM = "https://hygie.fr/fhir/NamingSystem/mandat";
    static final String TRANSFER_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/mandate-transfer";

    private final Mandates mandates;
    private final Accounts accounts;
    private final fr.hygie.journal.Journal journal;

    MandateTransfer(Mandates mandates, Accounts accounts, fr.hygie.journal.Journal journal) {
        this.mandates = mandates;
        this.accounts = accounts;
        this.journal = journal;
    }

    void export(PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains(TYPE)) {
            return;
        }
        mandates.of(patient).stream().sorted(java.util.Comparator.comparing((Mandate m) -> m.validFrom()).thenComparing(m -> m.id().value()))
                .forEach(m -> accounts.byId(m.representative()).ifPresent(a -> sink.accept(TYPE, relatedPerson(m, a))));
    }

    /**
     * The mandates a person has given (or that were recorded for them), for their own portability export
     * (GDPR art. 20), only when the caller is that person: a representative exporting for someone does not
     * receive the list of the other representatives. The representative's login stays out (accounts and
     * their identifiers never travel to a person); kind, validity, scopes and revocation stay.
     */
    void exportPerson(fr.hygie.identity.HygieUser caller, PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains(TYPE) || !patient.equals(caller.patientId().orElse(null))) {
            return;
        }
        mandates.of(patient).stream().sorted(java.util.Comparator.comparing((Mandate m) -> m.validFrom()).thenComparing(m -> m.id().value()))
                .forEach(m -> accounts.byId(m.representative()).ifPresent(a -> {
                    RelatedPerson r = relatedPerson(m, a);
                    Extension x = r.getExtensionByUrl(TRANSFER_EXTENSION);
                    x.getExtension().removeIf(e -> "representativeLogin".equals(e.getUrl()));
                    if (x.getExtension().isEmpty()) {
                        r.getExtension().remove(x);
                    }
                    sink.accept(TYPE, r);
                }));
    }

    static RelatedPerson relatedPerson(Mandate m, Account representative) {
        RelatedPerson r = new RelatedPerson();
        r.setId(m.id().value().toString());
        r.addIdentifier().setSystem(MANDATE_SYSTEM).setValue(m.id().value().toString());
        r.setActive(m.revokedAt().isEmpty());
        r.setPatient(new Reference("Patient/" + m.patient().value()));
        r.addRelationship(new CodeableConcept(new Coding(KIND_SYSTEM, m.kind().name(), label(m.kind()))).setText(label(m.kind())));
        r.addName().setText(representative.displayName());
        r.getPeriod().setStartElement(new DateTimeType(m.validFrom().toString()));
        if (m.validUntil() != null) {
            r.getPeriod().setEndElement(new DateTimeType(m.validUntil().toString()));
        }
        Extension x = new Extension(TRANSFER_EXTENSION);
        x.addExtension("representativeLogin", new StringType(representative.username()));
        m.scopes().stream().map(Enum::name).sorted().forEach(s -> x.addExtension("scope", new CodeType(s)));
        m.revokedAt().ifPresent(at -> x.addExtension("revokedAt", new DateTimeType(java.util.Date.from(at),
                ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI, java.util.TimeZone.getTimeZone("UTC"))));
        r.addExtension(x);
        return r;
    }

    private static String label(MandateKind kind) {
        switch (kind) {
            case LEGAL_REPRESENTATIVE:
                return "Représentant légal";
            case CAREGIVER:
                return "Aidant";
            default:
                return "Médiateur";
        }
    }

    /** Imports one mandate; empty when stored or already there (counted), else why it was refused. */
    Optional<String> importOne(RelatedPerson r, PrescriptionTransfer.Resolver resolver, Map<String, Long> created, Map<String, Long> known) {
        Optional<PatientId> patient = r.hasPatient() ? resolver.person(r.getPatient()) : Optional.empty();
        if (patient.isEmpty()) {
            return Optional.of("la personne représentée (patient) est introuvable");
        }
        Extension x = r.getExtensionByUrl(TRANSFER_EXTENSION);
        if (x == null) {
            return Optional.of("proche sans mandat Hygie (extension " + TRANSFER_EXTENSION + ") : rien à appliquer");
        }
        String kindCode = r.getRelationship().stream().flatMap(c -> c.getCoding().stream()).filter(c -> KIND_SYSTEM.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
        MandateKind kind;
        try {
            kind = MandateKind.valueOf(kindCode);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of("nature de mandat inconnue (relationship) : " + kindCode);
        }
        String login = x.getExtensionByUrl("representativeLogin") == null ? null
                : x.getExtensionByUrl("representativeLogin").getValue().primitiveValue();
        Optional<Account> rep = login == null ? Optional.empty() : accounts.byUsername(login);
        if (rep.isEmpty()) {
            return Optional.of("le représentant (« " + login + " ») n'a pas de compte sur cette plateforme : ouvrez-le, puis importez à nouveau");
        }
        Set<MandateScope> scopes = EnumSet.noneOf(MandateScope.class);
        for (Extension s : x.getExtensionsByUrl("scope")) {
            try {
                scopes.add(MandateScope.valueOf(s.getValue().primitiveValue()));
            } catch (IllegalArgumentException | NullPointerException e) {
                return Optional.of("droit de mandat inconnu : " + s.getValue().primitiveValue());
            }
        }
        String id = r.getIdentifier().stream().filter(i -> MANDATE_SYSTEM.equals(i.getSystem()) && i.hasValue()).map(i -> i.getValue())
                .findFirst().orElse(r.getIdElement().getIdPart());
        Optional<java.util.UUID> uuid = DirectoryResourceProviders.uuid(id);
        if (uuid.isEmpty()) {
            return Optional.of("mandat sans identifiant (identifier " + MANDATE_SYSTEM + ")");
        }
        if (!r.getPeriod().hasStart()) {
            return Optional.of("mandat sans date de début (period.start)");
        }
        LocalDate from = LocalDate.parse(r.getPeriod().getStartElement().getValueAsString().substring(0, 10));
        LocalDate until = r.getPeriod().hasEnd() ? LocalDate.parse(r.getPeriod().getEndElement().getValueAsString().substring(0, 10)) : null;
        Extension revoked = x.getExtensionByUrl("revokedAt");
        Instant revokedAt = revoked == null ? null : ((DateTimeType) revoked.getValue()).getValue().toInstant();
        if (revokedAt == null && r.hasActive() && !r.getActive()) {
            return Optional.of("mandat révoqué sans sa date de révocation (extension revokedAt)");
        }
        boolean added = mandates.importMandate(new MandateId(uuid.get()), patient.get(), rep.get().id(), kind, scopes, from, until, revokedAt);
        if (added) {
            // The identity module sits below the journal (no dependency on it): the adapter journals the replayed mandate.
            journal.append(new fr.hygie.journal.JournalEntryDraft(fr.hygie.journal.JournalActor.system("Import de données (réversibilité)"),
                    null, patient.get().value(), fr.hygie.journal.JournalAction.IMPORT, "Mandate", uuid.get().toString(),
                    fr.hygie.journal.JournalDecision.PERMIT, "PLATFORM_IMPORT", fr.hygie.journal.JournalChannel.SYSTEM, null));
        }
        (added ? created : known).merge(TYPE, 1L, Long::sum);
        return Optional.empty();
    }
}
