package fr.hygie.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/** Parsing of FHIR answers in tests, checking that whatever the server emitted passes the HAPI validator. */
final class FhirTesting {

    private FhirTesting() {
    }

    static <T extends IBaseResource> T parse(FhirContext fhir, FhirValidation validation, HttpResponse<String> r, Class<T> type) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as("status %s body %s", r.statusCode(), r.body()).contains("json");
        IBaseResource resource = fhir.newJsonParser().parseResource(r.body());
        assertValid(validation, resource);
        if (resource instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.hasResource()) {
                    assertValid(validation, e.getResource());
                }
            }
        }
        assertThat(resource).as("status %s body %s", r.statusCode(), r.body()).isInstanceOf(type);
        return type.cast(resource);
    }

    static void assertValid(FhirValidation validation, IBaseResource resource) {
        assertThat(FhirValidation.errors(validation.validate(resource)).stream()
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList())
                .as("validation errors of %s", resource.fhirType()).isEmpty();
    }
}
