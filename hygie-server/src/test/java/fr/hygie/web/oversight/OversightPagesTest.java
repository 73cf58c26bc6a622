package fr.hygie.web.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The oversight pages for each role, over real HTTP without JavaScript. */
@HygieIntegrationTest
class OversightPagesTest {

    @LocalServerPort int port;
    @Autowired Cast cast;

    @Test
    void theRegistryIsPublicAndShowsTheApprovedAlgorithmWithItsBiasEvaluation() {
        WebSession visitor = new WebSession(port);
        assertThat(visitor.get("/algorithmes").body()).contains("Rappels de prévention (calendriers publics)", "actif");
        HttpResponse<String> sheet = visitor.get("/algorithmes/rappels-prevention");
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(HtmlUtils.htmlUnescape(sheet.body())).contains("Évaluation des biais", "Taux d'acceptation", "approuvé", "Dépistage organisé du cancer du sein");
    }

    @Test
    void everyPageLinksToTheHumanContact() {
        assertThat(new WebSession(port).get("/droits").body()).contains("href=\"/contact\"");
    }

    @Test
    void theContactFormRefusesInThePageLanguage() {
        WebSession visitor = new WebSession(port);
        visitor.get("/contact?lang=en");
        String english = HtmlUtils.htmlUnescape(visitor.postForm("/contact", Map.of("name", "Odette Lambert", "topic", "SOINS",
                "channel", "PHONE", "when", "MORNING", "phone", "12", "email", "")).body());
        assertThat(english).contains("The phone number is not valid: 10 digits, for example 06 12 34 56 78.")
                .doesNotContain("Le numéro de téléphone n'est pas valide");
        visitor.get("/contact?lang=fr");
        String french = HtmlUtils.htmlUnescape(visitor.postForm("/contact", Map.of("name", "Odette Lambert", "topic", "SOINS",
                "channel", "PHONE", "when", "MORNING", "phone", "12", "email", "")).body());
        assertThat(french).contains("Le numéro de téléphone n'est pas valide : 10 chiffres, par exemple 06 12 34 56 78.");
    }

    @Test
    void aVisitorWithoutAccountLeavesARequestAndMissingDetailsAreRefusedInFrench() {
        WebSession visitor = new WebSession(port);
        visitor.get("/contact");
        HttpResponse<String> refused = visitor.postForm("/contact", Map.of("name", "Odette Lambert", "topic", "SOINS",
                "channel", "PHONE", "when", "MORNING", "phone", "", "email", ""));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Indiquez un numéro de téléphone ou une adresse électronique");

        HttpResponse<String> sent = visitor.postForm("/contact", Map.of("name", "Odette Lambert", "topic", "SOINS",
                "channel", "PHONE", "when", "MORNING", "phone", "06 11 22 33 44", "message", "Visiteur de test"));
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/contact/envoyee");

        WebSession conseiller = new WebSession(port).loggedInAs("conseiller");
        assertThat(conseiller.get("/contact/file").body()).contains("Odette Lambert");
        assertThat(conseiller.get("/contact/tableau").body()).contains("Délai médian de première réponse", "2 jours ouvrés");
    }

    @Test
    void aRepresentativeAsksForThePersonTheyActFor() {
        WebSession aidant = new WebSession(port).loggedInAs("aidant");
        aidant.get("/agir-pour");
        aidant.postForm("/agir-pour", Map.of("patient", cast.patient("patient2").value().toString()));
        assertThat(aidant.get("/contact").body()).contains("Vous faites cette demande pour");
        HttpResponse<String> sent = aidant.postForm("/contact", Map.of("topic", "RENDEZ_VOUS", "channel", "EMAIL", "when", "ANY_TIME",
                "email", "luc.petit@example.org"));
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(new WebSession(port).loggedInAs("conseiller").get("/contact/file").body()).contains("pour Jean Petit");
    }

    @Test
    void theTreatingPhysicianSeesTheQueueAndOthersAreKeptOut() {
        assertThat(new WebSession(port).loggedInAs("medecin").get("/pro/prevention").body())
                .contains("Rappels de prévention à valider", "Marie Durand");
        assertThat(new WebSession(port).loggedInAs("medecin2").get("/pro/prevention").body()).doesNotContain("Marie Durand");
        assertThat(new WebSession(port).loggedInAs("patient").get("/pro/prevention").statusCode()).isEqualTo(403);
        assertThat(new WebSession(port).loggedInAs("pharmacien").get("/supervision").statusCode()).isEqualTo(403);
    }

    @Test
    void thePersonSwitchesPreventionMessagesOffInOneClickWithoutAReason() {
        WebSession person = new WebSession(port).loggedInAs(cast.newPatient());
        assertThat(person.get("/prevention").body()).contains("Ne plus recevoir de messages de prévention");
        HttpResponse<String> off = person.postForm("/prevention/desactiver", Map.of());
        assertThat(off.statusCode()).isEqualTo(302);
        assertThat(person.get("/prevention").body()).contains("Les messages de prévention sont désactivés");
    }

    @Test
    void adminsReviewersAndAuditorsSeeTheSupervisionPagesOfTheirRole() {
        assertThat(HtmlUtils.htmlUnescape(new WebSession(port).loggedInAs("admin").get("/supervision").body()))
                .contains("Inscrire un algorithme", "Lancer l'évaluation");
        assertThat(new WebSession(port).loggedInAs("comite").get("/supervision").body()).contains("Suspendre immédiatement")
                .doesNotContain("Lancer l'évaluation");
        assertThat(new WebSession(port).loggedInAs("cnil").get("/supervision/couverture").body())
                .contains("Couverture par sexe", "usage du numérique");
    }

    @Test
    void thePreventionJobReportIsShownInThePageLanguage() {
        WebSession admin = new WebSession(port).loggedInAs("admin");
        admin.get("/supervision?lang=en");
        String english = HtmlUtils.htmlUnescape(admin.follow(admin.postForm("/supervision/executer", Map.of())).body());
        assertThat(english).containsPattern("\\d+ persons assessed, \\d+ who turned prevention messages off left out, "
                + "\\d+ proposals awaiting validation\\.").doesNotContain("personnes évaluées");
        admin.get("/supervision?lang=fr");
        String french = HtmlUtils.htmlUnescape(admin.follow(admin.postForm("/supervision/executer", Map.of())).body());
        assertThat(french).containsPattern("\\d+ personnes évaluées, \\d+ ayant désactivé les messages de prévention écartées, "
                + "\\d+ propositions en attente de validation\\.").doesNotContain("persons assessed");
    }
}
