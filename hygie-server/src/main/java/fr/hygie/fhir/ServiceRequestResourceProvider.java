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
import fr.hygie.fhir.MedicationRequestResourceProvider.LineId;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionKind;
import fr.hygie.prescriptions.PrescriptionLine;
import fr.hygie.prescriptions.PrescriptionStatus;
import fr.hygie.prescriptions.PrescriptionView;
import fr.hygie.prescriptions.Prescriptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;

/**
 * {@code ServiceRequest}, read and search: one resource per line of a signed laboratory prescription
 * (« ordonnance d'examens de biologie », {@code PrescriptionKind.LAB}, LOINC codes), id
 * {@code <prescription id>-<line>}, {@code requisition} = the prescription number (FHIR's « composite
 * request id », as {@code groupIdentifier} for MedicationRequest). The same parties and the same decisions
 * as MedicationRequest, through the same prescriptions module calls (each read or search journaled there):
 * the person (or an app with their patient context), their representative, the prescriber, the pharmacy
 * that accepted it; everyone else gets the same 404 or an empty, exactly counted search.
 *
 * <p>Status: ready and in progress → {@code active}, completed → {@code completed}, cancelled and expired →
 * {@code revoked} (ServiceRequest has no « stopped »; the operator's transfer extension keeps the exact state).
 */
@Component
public class ServiceRequestResourceProvider implements IResourceProvider {

    static final String TYPE = "ServiceRequest";
    static final String LOINC_SYSTEM = "http://loinc.org";
    /** SNOMED CT 108252007 « Laboratory procedure », the category FHIR's examples give to a lab order. */
    static final Coding LABORATORY = new Coding("http://snomed.info/sct", "108252007", "Laboratory procedure");

    private final Prescriptions prescriptions;

    ServiceRequestResourceProvider(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Override
    public Class<ServiceRequest> getResourceType() {
        return ServiceRequest.class;
    }

    @Read
    public ServiceRequest read(@IdParam IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.READ);
        LineId line = LineId.parse(id.getIdPart()).orElseThrow(() -> notFound(id.getIdPart()));
        return MedicationRequestResourceProvider.view(caller, line.prescription(), prescriptions, TYPE, Interaction.READ)
                .filter(v -> v.prescription().kind() == PrescriptionKind.LAB)
                .flatMap(v -> v.prescription().line(line.line()).map(l -> map(v.prescription(), l)))
                .orElseThrow(() -> notFound(id.getIdPart()));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = ServiceRequest.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = ServiceRequest.SP_STATUS) TokenParam status, @Offset Integer offset, @Count Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.SEARCH);
        List<ServiceRequest> all = new ArrayList<>();
        for (PrescriptionView v : MedicationRequestResourceProvider.visible(caller, patient, prescriptions, TYPE)) {
            Prescription p = v.prescription();
            if (p.kind() != PrescriptionKind.LAB || status != null && !statusCode(p.status()).equals(status.getValue())) {
                continue;
            }
            p.lines().forEach(l -> all.add(map(p, l)));
        }
        return Pages.of(all, offset, count, Function.identity());
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
            default: // CANCELLED, EXPIRED: no longer to be acted on
                return "revoked";
        }
    }

    /** One line of a laboratory prescription. */
    static ServiceRequest map(Prescription p, PrescriptionLine l) {
        ServiceRequest r = new ServiceRequest();
        r.setId(new IdType(TYPE, p.id() + "-" + l.lineNo()));
        r.setStatus(ServiceRequest.ServiceRequestStatus.fromCode(statusCode(p.status())));
        r.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        r.setRequisition(new Identifier().setSystem(MedicationRequestResourceProvider.NUMBER_SYSTEM).setValue(p.number().value()));
        r.addCategory(new CodeableConcept(LABORATORY.copy()));
        r.setCode(new CodeableConcept(new Coding(LOINC_SYSTEM, l.code(), null)).setText(l.label()));
        r.setQuantity(new Quantity().setValue(l.quantity()));
        r.setSubject(new Reference("Patient/" + p.patient().value()));
        r.setRequester(new Reference("Practitioner/" + p.prescriber().id().value()).setDisplay(p.prescriber().name()));
        if (p.signedAt() != null) {
            r.setAuthoredOn(Date.from(p.signedAt()));
        }
        if (p.signedAt() != null && p.expiresAt() != null) {
            // When the tests may be done: from signature to the end of the prescription's validity.
            r.setOccurrence(new Period().setStart(Date.from(p.signedAt())).setEnd(Date.from(p.expiresAt())));
        }
        if (l.dosage() != null && !l.dosage().isBlank() && !"—".equals(l.dosage())) {
            r.setPatientInstruction(l.dosage());
        }
        if (p.dispensing() != null) {
            r.addPerformer(new Reference("Organization/" + p.dispensing().pharmacy().value()));
            r.addPerformer(new Reference("Practitioner/" + p.dispensing().pharmacist().value()).setDisplay(p.dispensing().pharmacistName()));
        }
        return r;
    }

    static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException(new IdType(TYPE, id));
    }
}
