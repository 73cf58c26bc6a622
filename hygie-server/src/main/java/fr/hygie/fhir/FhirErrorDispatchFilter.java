package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A FHIR request refused before it reaches the FHIR server — the container cannot read its parameters (control
 * characters, a parameter without a name), the security firewall rejects its address — is sent by the container to
 * the error page: a FHIR client then gets an OperationOutcome like for every other FHIR error, never the web's error
 * body, and never the refused value (found by {@code FhirSearchFuzzTest}).
 */
final class FhirErrorDispatchFilter extends OncePerRequestFilter {

    private final FhirContext fhir;

    FhirErrorDispatchFilter(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/fhir") && status instanceof Integer code
                && code >= 400 && code < 500 && !response.isCommitted()) {
            response.resetBuffer();
            Outcomes.write(fhir, response, code, Outcomes.of(IssueSeverity.ERROR, IssueType.INVALID,
                    "Requête refusée : l'adresse ou ses paramètres ne peuvent pas être lus."));
            return;
        }
        chain.doFilter(request, response);
    }
}
