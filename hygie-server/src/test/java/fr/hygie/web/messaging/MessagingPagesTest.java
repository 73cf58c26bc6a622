package fr.hygie.web.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.messaging.AttachmentView;
import fr.hygie.messaging.Conversations;
import fr.hygie.messaging.NewAttachment;
import fr.hygie.messaging.PostOutcome;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.DocumentFilter;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The messaging pages over real HTTP, as a browser without JavaScript uses them. */
@HygieIntegrationTest
class MessagingPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    Cast cast;
    @Autowired
    Conversations conversations;
    @Autowired
    Documents documents;

    @Test
    void theDashboardLinksToTheMessagingOfEachSide() {
        assertThat(new WebSession(port).loggedInAs("patient").get("/accueil").body()).contains("href=\"/messages\"");
        assertThat(new WebSession(port).loggedInAs("aidant").get("/accueil").body()).contains("href=\"/messages\"");
        assertThat(new WebSession(port).loggedInAs("medecin").get("/accueil").body()).contains("href=\"/pro/messages\"");
        assertThat(new WebSession(port).loggedInAs("accueil").get("/accueil").body()).doesNotContain("/messages\"");
    }

    @Test
    void thePersonSeesUnreadCountsAndWhereTheyWriteThatItIsNotForEmergencies() {
        String login = cast.newPatient();
        conversations.startWithPatient(cast.actor("medecin"), cast.patient(login), false, "Votre vaccin", "Bonjour", List.of(),
                JournalChannel.WEB);
        WebSession person = new WebSession(port).loggedInAs(login);
        HttpResponse<String> inbox = person.get("/messages");
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("Votre vaccin", "1 message non lu.",
                "La messagerie n&#39;est pas faite pour les urgences : appelez le 15 (ou le 112).");
        HttpResponse<String> compose = person.get("/messages/nouveau");
        assertThat(compose.body()).contains("appelez le 15 (ou le 112)", "Paul Leroy");
    }

    @Test
    void aProfessionalWritesFromThePagesAndThePersonRepliesWithADocumentOfTheirRecord() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        WebSession medecin = new WebSession(port).loggedInAs("medecin");
        assertThat(medecin.get("/pro/messages/nouveau?patient=" + p.value()).body()).contains("Alice", "Écrire depuis la boîte de");
        HttpResponse<String> sent = medecin.postForm("/pro/messages/nouveau", Map.of("patient", p.value().toString(),
                "objet", "Ordonnance à renouveler", "message", "Pensez à renouveler votre ordonnance."));
        assertThat(sent.statusCode()).isEqualTo(302);
        String conversation = sent.headers().firstValue("Location").orElseThrow();
        assertThat(conversation).contains("/pro/messages/");
        String id = conversation.substring(conversation.lastIndexOf('/') + 1);

        AddOutcome added = documents.add(cast.actor(login), new NewDocument(p, "57833-6", "Mon ordonnance", LocalDate.now(), Set.of(), null,
                "Paracétamol 1 g".getBytes(StandardCharsets.UTF_8)), JournalChannel.WEB);
        String docId = ((AddOutcome.Added) added).document().id().value().toString();
        WebSession person = new WebSession(port).loggedInAs(login);
        HttpResponse<String> page = person.get("/messages/" + id);
        assertThat(page.body()).contains("Pensez à renouveler votre ordonnance.", "Dr Paul Leroy", "Mon ordonnance", "appelez le 15");
        HttpResponse<String> replied = person.postForm("/messages/" + id + "/repondre", Map.of("message", "Voici mon ordonnance.",
                "document", docId));
        assertThat(replied.statusCode()).isEqualTo(302);
        assertThat(person.follow(replied).body()).contains("Votre message est envoyé.");

        HttpResponse<String> seen = medecin.get("/pro/messages/" + id);
        assertThat(seen.body()).contains("Voici mon ordonnance.", "Mon ordonnance", "document du dossier");
        assertThat(medecin.get("/pro/messages").body()).contains("Ordonnance à renouveler");
    }

    @Test
    void aPersonStartsAConversationWithAProfessionalWhoAlreadyWroteToThem() {
        String login = cast.newPatient();
        conversations.startWithPatient(cast.actor("medecin"), cast.patient(login), false, "Votre vaccin", "Bonjour", List.of(),
                JournalChannel.WEB);
        WebSession person = new WebSession(port).loggedInAs(login);
        person.get("/messages/nouveau");
        HttpResponse<String> r = person.postForm("/messages/nouveau", Map.of("destinataire", "P:" + cast.professional("medecin").value(),
                "objet", "Question sur le vaccin", "message", "Faut-il un rappel ?"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotEndWith("/messages/nouveau");
        assertThat(person.follow(r).body()).contains("Votre message est envoyé.", "Faut-il un rappel ?");
        assertThat(new WebSession(port).loggedInAs("medecin").get("/pro/messages").body()).contains("Question sur le vaccin");
    }

    @Test
    void aRefusalSaysWhyInPlainFrench() {
        String login = cast.newPatient();
        WebSession person = new WebSession(port).loggedInAs(login);
        HttpResponse<String> r = person.postForm("/messages/nouveau", Map.of("destinataire", "P:" + cast.professional("medecin2").value(),
                "objet", "Question", "message", "Bonjour"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(person.follow(r).body()).contains("Vous pouvez écrire à un professionnel seulement s&#39;il vous a déjà écrit.");
    }

    @Test
    void aRepresentativeWithoutTheReadMessagesScopeIsToldWhy() {
        WebSession aidant = new WebSession(port).loggedInAs("aidant");
        aidant.postForm("/agir-pour", Map.of("patient", cast.patient("patient2").value().toString()));
        HttpResponse<String> page = aidant.get("/messages");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Votre mandat ne vous permet pas de lire les messages de cette personne.");
    }

    @Test
    void aProfessionalFilesAnAttachmentIntoTheRecordInOneAction() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        PostOutcome.Posted posted = (PostOutcome.Posted) conversations.startWithPatient(cast.actor("medecin"), p, false, "Compte rendu",
                "Ci-joint.", List.of(new NewAttachment.Upload("cr.txt", "Compte rendu de consultation".getBytes(StandardCharsets.UTF_8))),
                JournalChannel.WEB);
        AttachmentView a = conversations.open(cast.actor("medecin"), posted.conversation(), JournalChannel.WEB).orElseThrow()
                .messages().get(0).attachments().get(0);
        WebSession medecin = new WebSession(port).loggedInAs("medecin");
        assertThat(medecin.get("/pro/messages/" + posted.conversation()).body()).contains("Classer dans le dossier", "download");
        HttpResponse<String> filed = medecin.postForm("/pro/messages/pieces-jointes/" + a.id() + "/classer", Map.of("type", "11488-4",
                "titre", "Compte rendu de consultation", "date", LocalDate.now().toString(), "conversation", posted.conversation().toString()));
        assertThat(medecin.follow(filed).body()).contains("La pièce jointe est classée dans le dossier");
        assertThat(documents.list(cast.actor(login), p, DocumentFilter.all(), JournalChannel.WEB))
                .anySatisfy(d -> assertThat(d.title()).isEqualTo("Compte rendu de consultation"));
        HttpResponse<String> download = new WebSession(port).loggedInAs(login).get("/messages/pieces-jointes/" + a.id());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(new WebSession(port).loggedInAs("medecin2").get("/pro/messages/pieces-jointes/" + a.id()).statusCode()).isEqualTo(404);

        // filed twice: refused, in the page's language (French wording of MessagingWording, English from the bundle)
        Map<String, String> again = Map.of("type", "11488-4", "titre", "Encore", "date", LocalDate.now().toString(),
                "conversation", posted.conversation().toString());
        medecin.get("/pro/messages?lang=en");
        assertThat(medecin.follow(medecin.postForm("/pro/messages/pieces-jointes/" + a.id() + "/classer", again)).body())
                .contains("This attachment is already filed in the record.").doesNotContain("déjà classée");
        medecin.get("/pro/messages?lang=fr");
        assertThat(medecin.follow(medecin.postForm("/pro/messages/pieces-jointes/" + a.id() + "/classer", again)).body())
                .contains("Cette pièce jointe est déjà classée dans le dossier.");
    }

    @Test
    void messagingRefusalsAreSaidInThePageLanguage() {
        WebSession person = new WebSession(port).loggedInAs(cast.newPatient());
        person.get("/messages?lang=en");
        HttpResponse<String> r = person.postForm("/messages/nouveau", Map.of("destinataire", "P:" + cast.professional("medecin2").value(),
                "objet", "Question", "message", "Bonjour"));
        assertThat(person.follow(r).body()).contains("You can write to a professional only if they have already written to you.")
                .doesNotContain("déjà écrit");
        HttpResponse<String> empty = person.postForm("/messages/nouveau", Map.of("destinataire", "P:" + cast.professional("medecin2").value(),
                "objet", "", "message", "Bonjour"));
        assertThat(person.follow(empty).body()).contains("The subject is required (200 characters at most).");

        WebSession aidant = new WebSession(port).loggedInAs("aidant");
        aidant.get("/?lang=en");
        aidant.postForm("/agir-pour", Map.of("patient", cast.patient("patient2").value().toString()));
        assertThat(aidant.get("/messages").body()).contains("Your mandate does not allow you to read this person’s messages.")
                .doesNotContain("Votre mandat ne vous permet pas");
    }
}
