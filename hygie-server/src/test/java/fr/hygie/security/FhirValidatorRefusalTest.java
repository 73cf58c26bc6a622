package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.fhir.FhirValidation;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A write the HAPI validator refuses (422 OperationOutcome) never quotes a value the caller sent: a distinctive value is
 * planted in several elements of each resource, among them the ones the validator refuses (a URI with a space, a unit
 * UCUM does not know, a language that is none), and must be absent from the whole answer
 * (diagnostics, paths, details). A value may be a NIR or a piece of health data typed into the wrong element; the answer
 * says the rule and the element (docs/security.md, « Bad input »; {@code FhirValidation#validate}).
 *
 * <p>The test can fail: for each write it first checks that the validator's own messages about that resource quote the
 * planted value (so an answer passing them on would contain it), then that the server's answer does not.
 */
@HygieIntegrationTest
class FhirValidatorRefusalTest {

    /** The planted value: found in no message, path or code of HAPI or Hygie. */
    private static final String PLANTED = "Zqx9Plantee";
    private static final Map<String, String> FHIR_JSON = Map.of("Content-Type", "application/fhir+json", "Accept", "application/fhir+json");

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    FhirValidation validation;

    @Autowired
    FhirContext fhir;

    @Test
    void aRefusalOfTheValidatorNamesTheRuleAndTheElementButNeverAValueTheCallerSent() {
        String marie = cast.patient("patient").value().toString();
        WebSession medecin = new WebSession(port).loggedInAs("medecin");
        WebSession accueil = new WebSession(port).loggedInAs("accueil");
        List<String> problems = new ArrayList<>();

        // A document about her: a system URI with a space, a language that is none, a title and a description planted too.
        check(problems, "DocumentReference create", medecin, "POST", "/fhir/DocumentReference", """
                {"resourceType":"DocumentReference","status":"current",
                 "identifier":[{"system":"urn:%1$s x","value":"%1$s"}],
                 "type":{"coding":[{"system":"http://loinc.org","code":"11488-4"}]},
                 "subject":{"reference":"Patient/%2$s"},"description":"%1$s",
                 "content":[{"attachment":{"contentType":"text/plain","language":"%1$s","title":"%1$s","data":"RXhhbWVuIG5vcm1hbC4="}}]}
                """.formatted(PLANTED, marie));
        // A person registered at the counter: an identifier system with a space, a contact with nothing to reach (pat-1).
        check(problems, "Patient create", accueil, "POST", "/fhir/Patient", """
                {"resourceType":"Patient",
                 "identifier":[{"system":"urn:oid:%1$s x","value":"%1$s"}],
                 "name":[{"use":"official","family":"%1$s","given":["%1$s"]}],
                 "telecom":[{"system":"phone","value":"%1$s"}],
                 "contact":[{"gender":"male"}],
                 "gender":"male","birthDate":"1984-07-01"}
                """.formatted(PLANTED));
        // A transaction: a measurement whose unit UCUM does not know, a vaccination whose identifier system has a space.
        check(problems, "transaction", medecin, "POST", "/fhir", """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:6f1c9a52-2d7e-4c1b-9a55-0d8d1f3e7a01","resource":{"resourceType":"Observation","status":"final",
                   "subject":{"reference":"Patient/%2$s"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}],"text":"%1$s"},
                   "valueQuantity":{"value":70,"unit":"%1$s","system":"http://unitsofmeasure.org","code":"%1$s"},
                   "effectiveDateTime":"2026-01-15"},"request":{"method":"POST","url":"Observation"}},
                 {"fullUrl":"urn:uuid:6f1c9a52-2d7e-4c1b-9a55-0d8d1f3e7a02","resource":{"resourceType":"Immunization","status":"completed",
                   "identifier":[{"system":"urn:%1$s x","value":"%1$s"}],
                   "patient":{"reference":"Patient/%2$s"},"vaccineCode":{"text":"%1$s"},"lotNumber":"%1$s",
                   "occurrenceDateTime":"2026-01-15"},"request":{"method":"POST","url":"Immunization"}}]}
                """.formatted(PLANTED, marie));

        assertThat(problems).as("validator refusals that quote a value the caller sent, or that are not validator refusals").isEmpty();
    }

    /**
     * Sends {@code body}; records a problem unless the validator's own messages about it quote the planted value (the
     * case proves something), the answer is a 422 OperationOutcome with an error, and the answer holds no planted value.
     */
    private void check(List<String> problems, String what, WebSession session, String method, String path, String body) {
        IBaseResource sent;
        try {
            sent = fhir.newJsonParser().parseResource(body);
        } catch (ca.uhn.fhir.parser.DataFormatException e) {
            problems.add(what + ": the body does not even parse, the validator never sees it: " + e.getClass().getSimpleName());
            return;
        }
        List<String> raw = new ArrayList<>();
        List<IBaseResource> validated = new ArrayList<>();
        if (sent instanceof Bundle bundle) {
            bundle.getEntry().forEach(e -> validated.add(e.getResource()));
        } else {
            validated.add(sent);
        }
        for (IBaseResource r : validated) {
            FhirValidation.errors(validation.validateQuotingValues(r)).forEach(m -> raw.add(m.getLocationString() + " " + m.getMessage()));
        }
        if (raw.stream().noneMatch(m -> m.toLowerCase(Locale.ROOT).contains(PLANTED.toLowerCase(Locale.ROOT)))) {
            problems.add(what + ": the validator's own errors do not quote the planted value, the case proves nothing: " + raw);
        }
        HttpResponse<String> r = session.request(method, path, FHIR_JSON, body);
        if (r.statusCode() != 422) {
            problems.add(what + ": expected a 422 of the validator, got " + r.statusCode() + " " + r.body());
            return;
        }
        OperationOutcome oo = fhir.newJsonParser().parseResource(OperationOutcome.class, r.body());
        if (oo.getIssue().stream().noneMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)) {
            problems.add(what + ": a 422 without an error issue: " + r.body());
        }
        // Its first three characters too: UCUM quotes the part of a unit it could read (« The unit 'Zqx' is unknown »).
        if (r.body().toLowerCase(Locale.ROOT).contains(PLANTED.substring(0, 3).toLowerCase(Locale.ROOT))) {
            problems.add(what + ": the answer quotes the planted value or a piece of it: " + r.body());
        }
    }
}
