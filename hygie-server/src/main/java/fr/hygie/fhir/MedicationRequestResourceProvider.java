package fr.hygie.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import fr.hygie.access.Actor;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import fr.hygie.journal.JournalChannel;
import fr.hygie.prescriptions.DispensedLine;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionId;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.PrescriptionLine;
import fr.hygie.prescriptions.PrescriptionStatus;
import fr.hygie.prescriptions.PrescriptionView;
import fr.hygie.prescriptions.Prescriptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code MedicationRequest}, read and search: one resource per line of a signed medication prescription
 * (id {@code <prescription id>-<line>}, {@code groupIdentifier} = the prescription number). Only the
 * parties see them: the person (or an app with their patient context), the prescriber, the pharmacist who
 * accepted it; everyone else gets the same 404 or empty, exactly counted search. Laboratory prescriptions
 * are ServiceRequests ({@link ServiceRequestResourceProvider}), through the same decisions.
 */
@Component
public class MedicationRequestResourceProvider implements IResourceProvider {

    static final String TYPE = "MedicationRequest";
    static final String ATC_SYSTEM = "http://www.whocc.no/atc";
    static final String NUMBER_SYSTEM = "https://hygie.fr/fhir/NamingSystem/ordonnance";

    private final Prescriptions prescriptions;

    MedicationRequestResourceProvider(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Override
    public Class<MedicationRequest> getResourceType() {
        return MedicationRequest.class;
    }

    @Read
    public MedicationRequest read(@IdParam IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.READ);
        LineId line = LineId.parse(id.getIdPart()).orElseThrow(() -> notFound(id.getIdPart()));
        return view(caller, line.prescription(), TYPE, Interaction.READ)
                .filter(v -> v.prescription().kind() == PrescriptionKind.MEDICATION)
                .flatMap(v -> v.prescription().line(line.line()).map(l -> map(v.prescription(), l)))
                .orElseThrow(() -> notFound(id.getIdPart()));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = MedicationRequest.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = MedicationRequest.SP_STATUS) TokenParam status, @Offset Integer offset, @Count Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.SEARCH);
        List<MedicationRequest> all = new ArrayList<>();
        for (PrescriptionView v : visible(caller, patient, TYPE)) {
            Prescription p = v.prescription();
            if (p.kind() != PrescriptionKind.MEDICATION || status != null && !statusCode(p.status()).equals(status.getValue())) {
                continue;
            }
            p.lines().forEach(l -> all.add(map(p, l)));
        }
        return Pages.of(all, offset, count, Function.identity());
    }

    // ------------------------------------------------------------------ shared with MedicationDispense

    /** The prescription as the caller may see it (journaled by the prescriptions module), else empty. */
    static Optional<PrescriptionView> view(FhirCaller caller, PrescriptionId id, Prescriptions prescriptions, String type,
            Interaction interaction) {
        HygieUser user = caller.user();
        Actor actor = Actor.of(user);
        Optional<PrescriptionView> v = prescriptions.find(actor, id, JournalChannel.FHIR);
        return v.filter(x -> !actsForPersons(user) || caller.mayReach(type, interaction, x.prescription().patient()));
    }

    private Optional<PrescriptionView> view(FhirCaller caller, PrescriptionId id, String type, Interaction interaction) {
        return view(caller, id, prescriptions, type, interaction);
    }

    static List<PrescriptionView> visible(FhirCaller caller, ReferenceParam patient, Prescriptions prescriptions, String type) {
        HygieUser user = caller.user();
        Optional<PatientId> wanted = patient == null ? Optional.empty()
                : DirectoryResourceProviders.uuid(patient.getIdPart()).map(PatientId::new);
        if (patient != null && wanted.isEmpty()) {
            return List.of();
        }
        Actor actor = Actor.of(user);
        if (actsForPersons(user)) {
            // The person named (themself, or someone they represent — decided by the policy, as on the web's
            // « Ordonnances » of the person they act for), else themself.
            Optional<PatientId> subject = wanted.isPresent() ? wanted : user.patientId();
            if (subject.isEmpty() || !caller.mayReach(type, Interaction.SEARCH, subject.get())) {
                return List.of();
            }
            actor = RecordScope.actor(user, subject.get());
        }
        return prescriptions.visibleTo(actor, JournalChannel.FHIR).stream()
                .filter(v -> wanted.map(w -> w.equals(v.prescription().patient())).orElse(true)).toList();
    }

    /** A person or a representative: sees prescriptions as their own or the represented person's. */
    private static boolean actsForPersons(HygieUser user) {
        return user.role() == Role.PATIENT || user.role() == Role.REPRESENTATIVE;
    }

    private List<PrescriptionView> visible(FhirCaller caller, ReferenceParam patient, String type) {
        return visible(caller, patient, prescriptions, type);
    }

    static String statusCode(PrescriptionStatus s) {
        switch (s) {
            case DRAFT:
                return "draft";
            case READY:
            case IN_PROGRESS:
                return "active";
            case COMPLETED:
                return "completed";
            case CANCELLED:
                return "cancelled";
            default: // EXPIRED: no longer to be acted on
                return "stopped";
        }
    }

    static MedicationRequest map(Prescription p, PrescriptionLine l) {
        MedicationRequest r = new MedicationRequest();
        r.setId(new IdType(TYPE, p.id() + "-" + l.lineNo()));
        r.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(statusCode(p.status())));
        r.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        r.setGroupIdentifier(new Identifier().setSystem(NUMBER_SYSTEM).setValue(p.number().value()));
        r.setMedication(new CodeableConcept(new Coding(ATC_SYSTEM, l.code(), null)).setText(l.label()));
        r.setSubject(new Reference("Patient/" + p.patient().value()));
        r.setRequester(new Reference("Practitioner/" + p.prescriber().id().value()).setDisplay(p.prescriber().name()));
        if (p.signedAt() != null) {
            r.setAuthoredOn(Date.from(p.signedAt()));
        }
        r.addDosageInstruction().setText(l.dosage());
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = r.getDispenseRequest();
        dispense.setQuantity(new Quantity().setValue(l.quantity()).setUnit("boîte"));
        if (p.signedAt() != null && p.expiresAt() != null) {
            dispense.getValidityPeriod().setStart(Date.from(p.signedAt())).setEnd(Date.from(p.expiresAt()));
        }
        return r;
    }

    static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException(new IdType(TYPE, id));
    }

    /** {@code <prescription uuid>-<line number>}. */
    record LineId(PrescriptionId prescription, int line) {
        static Optional<LineId> parse(String raw) {
            int dash = raw == null ? -1 : raw.lastIndexOf('-');
            if (dash <= 0) {
                return Optional.empty();
            }
            try {
                int n = Integer.parseInt(raw.substring(dash + 1));
                return PrescriptionId.parse(raw.substring(0, dash)).map(id -> new LineId(id, n));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    static Optional<DispensedLine> dispensed(PrescriptionView v, int line) {
        return v.dispensed().stream().filter(d -> d.lineNo() == line).findFirst();
    }
}
