package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transaction Bundles ({@code POST /fhir}, Bundle.type = transaction): all or nothing. Every entry is
 * validated by the HAPI validator first (one 422 OperationOutcome listing every error, nothing
 * stored); then the creates run in one database transaction through the same resource providers as
 * single creates (same scopes, same access decisions, journaled), Patients first, with
 * {@code urn:uuid:} references resolved to the ids just created. Any refusal rolls everything back.
 */
@Component
public class TransactionProvider {

    private final FhirContext fhir;
    private final FhirValidation validation;
    private final TransactionTemplate tx;
    private final Map<Class<? extends Resource>, Function<Resource, MethodOutcome>> creates = new HashMap<>();

    TransactionProvider(FhirContext fhir, FhirValidation validation, TransactionTemplate tx, PatientResourceProvider patients,
            DocumentReferenceResourceProvider documents, ProfileResources.ConditionProvider conditions,
            ProfileResources.AllergyIntoleranceProvider allergies, ProfileResources.MedicationStatementProvider medications,
            ProfileResources.ImmunizationProvider immunizations, ProfileResources.ObservationProvider observations) {
        this.fhir = fhir;
        this.validation = validation;
        this.tx = tx;
        creates.put(Patient.class, r -> patients.create((Patient) r));
        creates.put(DocumentReference.class, r -> documents.create((DocumentReference) r));
        creates.put(Condition.class, r -> conditions.create((Condition) r));
        creates.put(AllergyIntolerance.class, r -> allergies.create((AllergyIntolerance) r));
        creates.put(MedicationStatement.class, r -> medications.create((MedicationStatement) r));
        creates.put(Immunization.class, r -> immunizations.create((Immunization) r));
        creates.put(Observation.class, r -> observations.create((Observation) r));
    }

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle) {
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw new InvalidRequestException("Seuls les Bundles de type transaction sont acceptés à la racine.");
        }
        OperationOutcome errors = new OperationOutcome();
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent e = entries.get(i);
            String where = "Bundle.entry[" + i + "]";
            if (!e.hasResource() || e.getRequest().getMethod() != Bundle.HTTPVerb.POST || !creates.containsKey(e.getResource().getClass())) {
                errors.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.NOTSUPPORTED)
                        .setDiagnostics("Entrée non prise en charge : seules les créations (POST) de Patient, DocumentReference, "
                                + "Condition, AllergyIntolerance, MedicationStatement, Immunization et Observation.")
                        .addExpression(where);
                continue;
            }
            for (SingleValidationMessage m : FhirValidation.errors(validation.validate(e.getResource()))) {
                // Without what the caller sent (FhirValidation#validate masks the validator's texts).
                errors.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.PROCESSING)
                        .setDiagnostics(m.getMessage()).addExpression(where + ".resource." + m.getLocationString());
            }
        }
        if (errors.hasIssue()) {
            throw new UnprocessableEntityException(fhir, errors);
        }
        return tx.execute(status -> {
            Map<String, String> created = new HashMap<>();
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            Bundle.BundleEntryComponent[] answers = new Bundle.BundleEntryComponent[entries.size()];
            // Patients first, so that the other entries' urn:uuid references can be resolved.
            for (boolean patientsPass : new boolean[] {true, false}) {
                for (int i = 0; i < entries.size(); i++) {
                    Bundle.BundleEntryComponent e = entries.get(i);
                    if (e.getResource() instanceof Patient != patientsPass) {
                        continue;
                    }
                    Reference subject = ClinicalMapper.subject(e.getResource());
                    if (subject != null && subject.hasReference() && created.containsKey(subject.getReference())) {
                        subject.setReference(created.get(subject.getReference()));
                    }
                    MethodOutcome outcome = creates.get(e.getResource().getClass()).apply(e.getResource());
                    String location = outcome.getId() == null ? null
                            : outcome.getId().getResourceType() + "/" + outcome.getId().getIdPart();
                    if (e.hasFullUrl() && location != null) {
                        created.put(e.getFullUrl(), location);
                    }
                    Bundle.BundleEntryComponent answer = new Bundle.BundleEntryComponent();
                    answer.getResponse().setStatus("201 Created").setLocation(location);
                    answers[i] = answer;
                }
            }
            for (Bundle.BundleEntryComponent a : answers) {
                response.addEntry(a);
            }
            return response;
        });
    }
}
