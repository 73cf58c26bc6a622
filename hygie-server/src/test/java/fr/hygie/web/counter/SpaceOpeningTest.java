package fr.hygie.web.counter;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.InsIdentity;
import fr.hygie.identity.InsStatus;
import fr.hygie.identity.InsTraits;
import fr.hygie.identity.NewPatient;
import fr.hygie.identity.Nir;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Sex;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A counter agent helps a person without an account open their space; the person activates it with the code. */
@HygieIntegrationTest
class SpaceOpeningTest {

    @LocalServerPort
    int port;

    @Autowired
    Patients patients;

    @Autowired
    Cast cast;

    PatientId personWithoutAccount(LocalDate birth) {
        String body = "1" + String.format("%02d%02d", birth.getYear() % 100, birth.getMonthValue()) + "13055"
                + String.format("%03d", 1 + ThreadLocalRandom.current().nextInt(998));
        return patients.register(new NewPatient(InsIdentity.of(Nir.parse(body + Nir.key(body)),
                new InsTraits("GUICHET", "PAUL", birth, Sex.MALE, "13055"), InsStatus.QUALIFIED),
                null, null, null, null, null, null, null, null, false));
    }

    @Test
    void aCounterAgentGivesACodeAndThePersonOpensTheirSpaceOnceOnly() {
        LocalDate birth = LocalDate.of(1950 + ThreadLocalRandom.current().nextInt(40), 3, 9);
        PatientId person = personWithoutAccount(birth);
        WebSession agent = new WebSession(port).loggedInAs("accueil");
        HttpResponse<String> found = agent.get("/guichet/espace?nom=Guichet&naissance=" + birth);
        assertThat(found.body()).contains("Paul Guichet").contains("Donner un code");
        HttpResponse<String> issued = agent.postForm("/guichet/espace/code", Map.of("patient", person.toString()));
        String code = issued.body().replaceAll("(?s).*<strong class=\"code\">([A-Z0-9-]{14})</strong>.*", "$1");
        assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(issued.body()).doesNotContain("Bilan").doesNotContain("document");

        String login = "paul.guichet" + ThreadLocalRandom.current().nextInt(100_000);
        WebSession person1 = new WebSession(port);
        person1.get("/activer");
        HttpResponse<String> mismatch = person1.postForm("/activer", Map.of("code", code, "identifiant", login,
                "motdepasse", "un mot de passe solide", "confirmation", "autre chose encore"));
        assertThat(mismatch.body()).contains("ne sont pas identiques");
        HttpResponse<String> ok = person1.postForm("/activer", Map.of("code", code.toLowerCase(), "identifiant", login,
                "motdepasse", "un mot de passe solide", "confirmation", "un mot de passe solide"));
        assertThat(ok.headers().firstValue("Location").orElseThrow()).endsWith("/login?active");
        assertThat(new WebSession(port).login(login, "un mot de passe solide").headers().firstValue("Location").orElseThrow())
                .endsWith("/accueil");

        WebSession again = new WebSession(port);
        again.get("/activer");
        HttpResponse<String> reused = again.postForm("/activer", Map.of("code", code, "identifiant", login + "x",
                "motdepasse", "un mot de passe solide", "confirmation", "un mot de passe solide"));
        assertThat(reused.body()).contains("Ce code n&#39;est pas valable");
        // The space is open: no new code for this person.
        agent.get("/guichet/espace");
        assertThat(agent.postForm("/guichet/espace/code", Map.of("patient", person.toString())).body()).contains("déjà un compte");
    }

    @Test
    void aMinorUnderSixteenGetsNoCodeTheirParentsManageTheSpace() {
        PatientId child = personWithoutAccount(LocalDate.now().minusYears(12));
        WebSession agent = new WebSession(port).loggedInAs("accueil");
        agent.get("/guichet/espace");
        assertThat(agent.postForm("/guichet/espace/code", Map.of("patient", child.toString())).body()).contains("Avant 16 ans");
    }

    @Test
    void onlyCounterAgentsIssueCodesAndAdminsManageAccountsWithoutMedicalContent() {
        assertThat(new WebSession(port).loggedInAs("medecin").get("/guichet/espace").statusCode()).isEqualTo(403);
        WebSession admin = new WebSession(port).loggedInAs("admin");
        HttpResponse<String> page = admin.get("/admin/comptes?role=PATIENT");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Marie Durand").doesNotContain("Bilan sanguin").doesNotContain("palliatifs");
    }
}
