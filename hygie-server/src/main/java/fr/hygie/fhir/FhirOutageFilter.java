package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.platform.web.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database cannot be reached while a FHIR request is in the security chain (a bearer token's account
 * looked up, a session restored): 503 OperationOutcome with {@code Retry-After}, as HAPI's own errors
 * become in {@link HygieFhirServer} — never Spring's HTML error page or a 500 (docs/security.md,
 * "Database restart while serving"; proved by {@code security.DatabaseRestartIT}).
 */
final class FhirOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FhirOutageFilter.class);

    private final FhirContext fhir;

    FhirOutageFilter(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseOutage.unreachable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable while serving FHIR {} {}: {}", request.getMethod(), request.getRequestURI(),
                    e.getClass().getSimpleName());
            response.reset();
            response.setHeader("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS);
            Outcomes.write(fhir, response, 503, Outcomes.of(IssueSeverity.ERROR, IssueType.TRANSIENT,
                    HygieFhirServer.ServiceUnavailable.MESSAGE));
        }
    }
}
