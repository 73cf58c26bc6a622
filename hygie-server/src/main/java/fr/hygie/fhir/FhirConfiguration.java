package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import fr.hygie.platform.security.oauth.ScopeCatalogue;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR R4 context (one per application: it is expensive to build), the server and its scopes. */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    /**
     * Resource types apps may ask scopes for: those served now and those of the record module to come
     * (a scope on a type not served yet grants nothing until it is). Every type a provider serves must be here:
     * a scope missing from the catalogue cannot be asked for on the consent screen (« écran de consentement »),
     * so no app could reach that type (PrescriptionScopesTest).
     */
    static final List<String> RESOURCE_TYPES = List.of("Patient", "Practitioner", "PractitionerRole", "Organization",
            "AuditEvent", "DocumentReference", "Binary", "Condition", "AllergyIntolerance", "MedicationStatement",
            "Immunization", "Observation", "Consent", "Communication", "MedicationRequest", "MedicationDispense", "ServiceRequest",
            "Schedule", "Slot", "Appointment", "ResearchStudy");

    @Bean
    FhirContext fhirContext() {
        FhirContext fhir = FhirContext.forR4();
        fhir.setNarrativeGenerator(null);
        // HAPI's default lenient handler warns "Invalid attribute value \"…\"" and "invalid reference: …", quoting what
        // the caller sent (a NIR typed in a date field): no value in a log line (conventions, "Logs"; docs/security.md).
        // Invalid values are still refused (errorOnInvalidValue stays on).
        fhir.setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false));
        return fhir;
    }

    @Bean
    ServletRegistrationBean<HygieFhirServer> fhirServlet(FhirContext fhir, List<IResourceProvider> providers, SmartConfiguration smart,
            TransactionProvider transactions, BulkExport bulkExport) {
        ServletRegistrationBean<HygieFhirServer> registration = new ServletRegistrationBean<>(
                new HygieFhirServer(fhir, providers, smart, transactions, bulkExport), "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** Before Spring Security's chain, which may reach the database too (a token's account). */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<FhirOutageFilter> fhirOutageFilter(FhirContext fhir) {
        org.springframework.boot.web.servlet.FilterRegistrationBean<FhirOutageFilter> registration =
                new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new FhirOutageFilter(fhir));
        registration.addUrlPatterns("/fhir/*");
        // Spring Security's filter chain runs at order -100 (its default): this one wraps it.
        registration.setOrder(-110);
        return registration;
    }

    /** On the container's error dispatch only: a FHIR request refused before the FHIR server gets an OperationOutcome. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<FhirErrorDispatchFilter> fhirErrorDispatchFilter(FhirContext fhir) {
        org.springframework.boot.web.servlet.FilterRegistrationBean<FhirErrorDispatchFilter> registration =
                new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new FhirErrorDispatchFilter(fhir));
        registration.addUrlPatterns("/error");
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.ERROR);
        registration.setOrder(-120);
        return registration;
    }

    @Bean
    ScopeCatalogue fhirScopes() {
        return new ScopeCatalogue(SmartScopes.catalogue(RESOURCE_TYPES));
    }
}
