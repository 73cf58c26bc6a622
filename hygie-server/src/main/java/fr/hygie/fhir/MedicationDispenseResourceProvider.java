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
import fr.hygie.prescriptions.DispensedLine;
import fr.hygie.prescriptions.Prescription;
import fr.hygie.prescriptions.PrescriptionKind;
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
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code MedicationDispense}, read and search: one resource per dispensed line (id
 * {@code <prescription id>-<line>}), pointing to its MedicationRequest. Seen by the person, the pharmacist
 * who dispensed, and the prescriber unless the person objected (the prescriptions module decides).
 */
@Component
public class MedicationDispenseResourceProvider implements IResourceProvider {

    static final String TYPE = "MedicationDispense";
    static final String SUBSTITUTION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-substanceAdminSubstitution";

    private final Prescriptions prescriptions;

    MedicationDispenseResourceProvider(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Override
    public Class<MedicationDispense> getResourceType() {
        return MedicationDispense.class;
    }

    @Read
    public MedicationDispense read(@IdParam IdType id) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.READ);
        LineId line = LineId.parse(id.getIdPart()).orElseThrow(() -> notFound(id.getIdPart()));
        return MedicationRequestResourceProvider.view(caller, line.prescription(), prescriptions, TYPE, Interaction.READ)
                .filter(v -> v.prescription().kind() == PrescriptionKind.MEDICATION)
                .flatMap(v -> MedicationRequestResourceProvider.dispensed(v, line.line()).map(d -> map(v, d)))
                .orElseThrow(() -> notFound(id.getIdPart()));
    }

    @Search
    public IBundleProvider search(@OptionalParam(name = MedicationDispense.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = MedicationDispense.SP_STATUS) TokenParam status, @Offset Integer offset, @Count Integer count) {
        FhirCaller caller = FhirCaller.current();
        caller.require(TYPE, Interaction.SEARCH);
        List<MedicationDispense> all = new ArrayList<>();
        for (PrescriptionView v : MedicationRequestResourceProvider.visible(caller, patient, prescriptions, TYPE)) {
            if (v.prescription().kind() != PrescriptionKind.MEDICATION) {
                continue;
            }
            for (DispensedLine d : v.dispensed()) {
                MedicationDispense r = map(v, d);
                if (status == null || r.getStatus().toCode().equals(status.getValue())) {
                    all.add(r);
                }
            }
        }
        return Pages.of(all, offset, count, Function.identity());
    }

    static MedicationDispense map(PrescriptionView v, DispensedLine d) {
        return map(v.prescription(), d);
    }

    /**
     * One dispensed line: the pharmacist and their pharmacy as performers, when the line was recorded
     * ({@code whenPrepared}) and, once completed, when it was handed over.
     */
    static MedicationDispense map(Prescription p, DispensedLine d) {
        MedicationDispense r = new MedicationDispense();
        r.setId(new IdType(TYPE, p.id() + "-" + d.lineNo()));
        r.setStatus(p.status() == PrescriptionStatus.COMPLETED ? MedicationDispense.MedicationDispenseStatus.COMPLETED
                : MedicationDispense.MedicationDispenseStatus.INPROGRESS);
        r.setMedication(new CodeableConcept(new Coding(MedicationRequestResourceProvider.ATC_SYSTEM, d.code(), null)).setText(d.label()));
        r.setSubject(new Reference("Patient/" + p.patient().value()));
        if (p.dispensing() != null) {
            r.addPerformer().setActor(new Reference("Practitioner/" + p.dispensing().pharmacist().value())
                    .setDisplay(p.dispensing().pharmacistName()));
            r.addPerformer().setActor(new Reference("Organization/" + p.dispensing().pharmacy().value()));
        }
        r.addAuthorizingPrescription(new Reference("MedicationRequest/" + p.id() + "-" + d.lineNo()));
        r.setQuantity(new Quantity().setValue(d.quantity()).setUnit("boîte"));
        if (d.dispensedAt() != null) {
            r.setWhenPrepared(Date.from(d.dispensedAt()));
        }
        if (p.status() == PrescriptionStatus.COMPLETED && p.closedAt() != null) {
            r.setWhenHandedOver(Date.from(p.closedAt()));
        }
        r.getSubstitution().setWasSubstituted(d.substituted());
        if (d.substituted()) {
            r.getSubstitution().setType(new CodeableConcept(new Coding(SUBSTITUTION_SYSTEM, "E", "equivalent")));
        }
        return r;
    }

    static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException(new IdType(TYPE, id));
    }
}
