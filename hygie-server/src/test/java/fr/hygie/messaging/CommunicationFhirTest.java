package fr.hygie.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.hygie.fhir.FhirValidation;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * FHIR {@code Communication}: read and search for the parties with exact totals and paging, create for
 * allowed senders under the messaging rules. Everything the server returns passes the HAPI validator.
 */
@HygieIntegrationTest
class CommunicationFhirTest {

    @LocalServerPort
    int port;
    @Autowired
    Conversations conversations;
    @Autowired
    Cast cast;
    @Autowired
    FhirContext fhir;
    @Autowired
    FhirValidation validation;

    <T extends IBaseResource> T parse(HttpResponse<String> r, Class<T> type) {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as("status %s body %s", r.statusCode(), r.body()).contains("json");
        IBaseResource resource = fhir.newJsonParser().parseResource(r.body());
        List<IBaseResource> all = new java.util.ArrayList<>(List.of(resource));
        if (resource instanceof Bundle b) {
            b.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource).forEach(e -> all.add(e.getResource()));
        }
        for (IBaseResource each : all) {
            assertThat(FhirValidation.errors(validation.validate(each)).stream().map(m -> m.getLocationString() + " " + m.getMessage()).toList())
                    .as("validation of %s", each.fhirType()).isEmpty();
        }
        assertThat(resource).as("status %s body %s", r.statusCode(), r.body()).isInstanceOf(type);
        return type.cast(resource);
    }

    record Thread(String login, PatientId patient, PostOutcome.Posted first) {
    }

    /** The médecin writes, the person replies, the médecin replies again: three messages. */
    Thread thread() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        PostOutcome.Posted first = (PostOutcome.Posted) conversations.startWithPatient(cast.actor("medecin"), p, false, "Suivi",
                "Bonjour, comment allez-vous ?", List.of(), JournalChannel.WEB);
        conversations.reply(cast.actor(login), first.conversation(), "Bien, merci.", List.of(), JournalChannel.WEB);
        conversations.reply(cast.actor("medecin"), first.conversation(), "Parfait.", List.of(), JournalChannel.WEB);
        return new Thread(login, p, first);
    }

    @Test
    void aCommunicationIsReadByItsPartiesOnly() {
        Thread t = thread();
        String path = "/fhir/Communication/" + t.first().message();
        Communication c = parse(new WebSession(port).loggedInAs(t.login()).get(path), Communication.class);
        assertThat(c.getSubject().getReference()).isEqualTo("Patient/" + t.patient().value());
        assertThat(c.getSender().getReference()).isEqualTo("Practitioner/" + cast.professional("medecin").value());
        assertThat(c.getTopic().getText()).isEqualTo("Suivi");
        assertThat(c.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo("Bonjour, comment allez-vous ?");
        assertThat(new WebSession(port).loggedInAs("medecin").get(path).statusCode()).isEqualTo(200);
        assertThat(new WebSession(port).loggedInAs("medecin2").get(path).statusCode()).isEqualTo(404);
        assertThat(new WebSession(port).loggedInAs("accueil").get(path).statusCode()).isEqualTo(404);
        assertThat(new WebSession(port).loggedInAs(t.login()).get("/fhir/Communication/" + java.util.UUID.randomUUID()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSearchGivesExactTotalsPagesAndFiltersBySenderRecipientAndDate() {
        Thread t = thread();
        WebSession person = new WebSession(port).loggedInAs(t.login());
        String base = "/fhir/Communication?patient=Patient/" + t.patient().value();
        Bundle page1 = parse(person.get(base + "&_count=2"), Bundle.class);
        assertThat(page1.getTotal()).isEqualTo(3);
        assertThat(page1.getEntry()).hasSize(2);
        assertThat(page1.getLink("next")).isNotNull();
        Bundle page2 = parse(person.get(base + "&_count=2&_offset=2"), Bundle.class);
        assertThat(page2.getTotal()).isEqualTo(3);
        assertThat(page2.getEntry()).hasSize(1);

        String medecin = "Practitioner/" + cast.professional("medecin").value();
        assertThat(parse(person.get(base + "&sender=" + medecin), Bundle.class).getTotal()).isEqualTo(2);
        assertThat(parse(person.get(base + "&recipient=" + medecin), Bundle.class).getTotal()).isEqualTo(1);
        assertThat(parse(person.get(base + "&sender=Patient/" + t.patient().value()), Bundle.class).getTotal()).isEqualTo(1);
        assertThat(parse(person.get(base + "&sent=ge2000-01-01"), Bundle.class).getTotal()).isEqualTo(3);
        assertThat(parse(person.get(base + "&sent=lt2000-01-01"), Bundle.class).getTotal()).isZero();
        // Without the patient parameter: the person's own messages.
        assertThat(parse(person.get("/fhir/Communication"), Bundle.class).getTotal()).isEqualTo(3);

        // The médecin sees the same three; a professional who is no party sees none, and no hint of them.
        assertThat(parse(new WebSession(port).loggedInAs("medecin").get(base), Bundle.class).getTotal()).isEqualTo(3);
        Bundle none = parse(new WebSession(port).loggedInAs("medecin2").get(base), Bundle.class);
        assertThat(none.getTotal()).isZero();
        assertThat(none.getEntry()).isEmpty();
    }

    @Test
    void aProfessionalCreatesACommunicationForAPerson() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        WebSession medecin = new WebSession(port).loggedInAs("medecin");
        HttpResponse<String> r = medecin.postJson("/fhir/Communication", communication(p, "Patient/" + p.value(), null,
                "Rendez-vous", "Merci de rappeler le cabinet."));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Communication created = parse(r, Communication.class);
        assertThat(created.getSender().getReference()).isEqualTo("Practitioner/" + cast.professional("medecin").value());
        assertThat(conversations.inbox(cast.actor(login), JournalChannel.WEB).conversations())
                .singleElement().satisfies(c -> assertThat(c.subject()).isEqualTo("Rendez-vous"));

        // The person replies with inResponseTo.
        HttpResponse<String> reply = new WebSession(port).loggedInAs(login).postJson("/fhir/Communication",
                communication(p, "Practitioner/" + cast.professional("medecin").value(), created.getIdElement().getIdPart(), null,
                        "C'est noté."));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        assertThat(parse(reply, Communication.class).getInResponseToFirstRep().getReference())
                .isEqualTo("Communication/" + created.getIdElement().getIdPart());
    }

    @Test
    void aPersonCannotCreateACommunicationForAProfessionalWhoNeverWroteNorForAnotherPerson() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        WebSession person = new WebSession(port).loggedInAs(login);
        HttpResponse<String> r = person.postJson("/fhir/Communication", communication(p,
                "Practitioner/" + cast.professional("medecin2").value(), null, "Question", "Bonjour"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, r.body()).getIssueFirstRep().getDiagnostics())
                .contains("s'il vous a déjà écrit");
        PatientId other = cast.patient(cast.newPatient());
        HttpResponse<String> toPerson = person.postJson("/fhir/Communication", communication(p, "Patient/" + other.value(), null,
                "Coucou", "Bonjour"));
        assertThat(toPerson.statusCode()).isEqualTo(403);
        assertThat(toPerson.body()).contains("autre patient");
    }

    @Test
    void anInvalidCommunicationIsRefusedByTheValidatorFirst() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        String noStatus = communication(p, "Patient/" + p.value(), null, "Sujet", "Bonjour").replace("\"status\":\"completed\",", "");
        HttpResponse<String> r = new WebSession(port).loggedInAs("medecin").postJson("/fhir/Communication", noStatus);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    }

    String communication(PatientId subject, String recipient, String inResponseTo, String topic, String text) {
        Communication c = new Communication();
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        c.getSubject().setReference("Patient/" + subject.value());
        c.addRecipient().setReference(recipient);
        if (inResponseTo != null) {
            c.addInResponseTo().setReference("Communication/" + inResponseTo);
        }
        if (topic != null) {
            c.getTopic().setText(topic);
        }
        c.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(text));
        return fhir.newJsonParser().encodeResourceToString(c);
    }
}
