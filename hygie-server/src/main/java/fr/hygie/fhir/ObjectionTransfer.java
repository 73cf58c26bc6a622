package fr.hygie.fhir;

import fr.hygie.identity.PatientId;
import fr.hygie.research.Objection;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.Objections;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.stereotype.Component;

/**
 * Objections to secondary use (« droit d'opposition », research and statistics) as {@code Consent}: scope
 * {@code research}, category {@value #KIND} (Hygie's consent kinds), policy OPTOUT, provision {@code deny}
 * whose code is the objection's scope (GLOBAL, PURPOSE:…, ORG_KIND:…, PLACE:…, system {@value #SCOPE_SYSTEM});
 * {@code dateTime} and {@code provision.period.start} when it was recorded, {@code period.end} when it was
 * withdrawn (status {@code inactive}). The whole dated history travels, because the research module
 * recomputes the objections in force at any past extraction's snapshot. Operator's export and import only.
 */
@Component
class ObjectionTransfer {

    static final String KIND = "RESEARCH_OBJECTION";
    static final String SCOPE_SYSTEM = "https://hygie.fr/fhir/CodeSystem/research-objection-scope";

    private final Objections objections;

    ObjectionTransfer(Objections objections) {
        this.objections = objections;
    }

    void export(PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains(ConsentResourceProvider.TYPE)) {
            return;
        }
        for (Objection o : objections.forExport(patient)) {
            sink.accept(ConsentResourceProvider.TYPE, consent(o));
        }
    }

    /**
     * A person's own objections, with their dated history, for their portability export (GDPR art. 20): read
     * through {@link Objections#choices} (the person or their representative only; decided and journaled).
     */
    void exportPerson(fr.hygie.access.Actor actor, PatientId patient, Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains(ConsentResourceProvider.TYPE)) {
            return;
        }
        objections.choices(actor, patient, fr.hygie.journal.JournalChannel.FHIR).ifPresent(c -> {
            java.util.List<Objection> history = new java.util.ArrayList<>(c.history());
            history.sort(java.util.Comparator.comparing(Objection::recordedAt));
            history.forEach(o -> sink.accept(ConsentResourceProvider.TYPE, consent(o)));
        });
    }

    static Consent consent(Objection o) {
        Consent c = ConsentResourceProvider.base(o.person(), KIND, null, false);
        String key = o.person().value() + "|" + KIND + "|" + o.scope().code() + "|" + o.recordedAt();
        c.setId(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
        c.setScope(new CodeableConcept().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "research",
                "Research")));
        c.setDateTimeElement(milli(o.recordedAt()));
        c.getProvision().getPeriod().setStartElement(milli(o.recordedAt()));
        o.withdrawnAt().ifPresent(w -> c.getProvision().getPeriod().setEndElement(milli(w)));
        c.setStatus(o.withdrawnAt().isPresent() ? Consent.ConsentState.INACTIVE : Consent.ConsentState.ACTIVE);
        c.getProvision().addCode(new CodeableConcept(new Coding(SCOPE_SYSTEM, o.scope().code(), o.scope().label()))
                .setText(o.scope().label()));
        return c;
    }

    private static org.hl7.fhir.r4.model.DateTimeType milli(Instant i) {
        return new org.hl7.fhir.r4.model.DateTimeType(Date.from(i), ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI,
                java.util.TimeZone.getTimeZone("UTC"));
    }

    static boolean isObjection(Consent c) {
        return c.getCategory().stream().flatMap(x -> x.getCoding().stream())
                .anyMatch(x -> ConsentResourceProvider.KIND_SYSTEM.equals(x.getSystem()) && KIND.equals(x.getCode()));
    }

    /** Imports one objection; empty when stored or already there (counted), else why it was refused. */
    Optional<String> importOne(Consent c, PatientId patient, Map<String, Long> created, Map<String, Long> known) {
        String code = c.getProvision().getCode().stream().flatMap(x -> x.getCoding().stream())
                .filter(x -> SCOPE_SYSTEM.equals(x.getSystem())).map(Coding::getCode).findFirst().orElse(null);
        Optional<ObjectionScope> scope = ObjectionScope.parse(code);
        if (scope.isEmpty()) {
            return Optional.of("périmètre d'opposition inconnu (provision.code) : " + code);
        }
        Instant recorded = c.getProvision().getPeriod().hasStart() ? c.getProvision().getPeriod().getStart().toInstant()
                : c.hasDateTime() ? c.getDateTime().toInstant() : null;
        if (recorded == null) {
            return Optional.of("opposition sans date (dateTime, provision.period.start)");
        }
        Instant withdrawn = c.getProvision().getPeriod().hasEnd() ? c.getProvision().getPeriod().getEnd().toInstant() : null;
        if (withdrawn == null && c.getStatus() != Consent.ConsentState.ACTIVE) {
            return Optional.of("opposition qui n'est plus en vigueur sans date de retrait (provision.period.end)");
        }
        boolean added = objections.importObjection(patient, scope.get(), recorded, withdrawn);
        (added ? created : known).merge(ConsentResourceProvider.TYPE, 1L, Long::sum);
        return Optional.empty();
    }
}
