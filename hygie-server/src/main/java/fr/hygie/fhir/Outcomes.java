package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** OperationOutcomes written outside HAPI (the security chain's 401 and 403). */
final class Outcomes {

    /** Code system of Hygie's refusal codes (identity rules, e.g. {@code NIR_KEY}). */
    static final String REFUSAL_SYSTEM = "https://hygie.fr/fhir/CodeSystem/refusal";

    private Outcomes() {
    }

    static OperationOutcome of(IssueSeverity severity, IssueType type, String diagnostics) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(severity).setCode(type).setDiagnostics(diagnostics);
        return oo;
    }

    static OperationOutcome refusal(String code, String field, String message) {
        OperationOutcome oo = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.INVALID).setDiagnostics(message)
                .setDetails(new CodeableConcept().setText(message));
        issue.getDetails().addCoding().setSystem(REFUSAL_SYSTEM).setCode(code);
        if (field != null && !field.isBlank()) {
            issue.addExpression("Patient." + field);
        }
        return oo;
    }

    static void write(FhirContext fhir, HttpServletResponse response, int status, OperationOutcome outcome) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(fhir.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8));
    }
}
