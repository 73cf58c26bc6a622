package fr.hygie.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.Accounts;
import fr.hygie.identity.Finess;
import fr.hygie.identity.Structures;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The administrator manages referential data and accounts (suspend, unlock, reset), with forms validated in
 * plain French whose errors link to the fields, and never reaches medical content.
 */
@HygieIntegrationTest
class AdminPagesTest {

    private static final Pattern TEMPORARY_PASSWORD = Pattern.compile("<strong class=\"code\">([A-Za-z0-9-]{19})</strong>");

    @LocalServerPort
    int port;

    @Autowired
    Cast cast;

    @Autowired
    Accounts accounts;

    @Autowired
    Structures structures;

    private WebSession admin() {
        return new WebSession(port).loggedInAs("admin");
    }

    private String accountId(String login) {
        return accounts.byUsername(login).orElseThrow().id().toString();
    }

    private boolean canLogIn(String login, String password) {
        HttpResponse<String> r = new WebSession(port).login(login, password);
        return r.statusCode() == 302 && !r.headers().firstValue("Location").orElse("").contains("/login");
    }

    @Test
    void theAdministrationHomeLinksToAccountsStructuresAndCodeLists() {
        String home = admin().get("/admin").body();
        assertThat(home).contains("Administration de la plateforme", "href=\"/admin/comptes\"", "href=\"/admin/structures\"",
                "href=\"/admin/nomenclatures\"", "aucun contenu médical");
    }

    @Test
    void everyAdministrationPageIsForAdministratorsOnly() {
        for (String login : List.of("patient", "medecin", "accueil", "cnil")) {
            WebSession other = new WebSession(port).loggedInAs(login);
            for (String path : List.of("/admin", "/admin/comptes", "/admin/structures", "/admin/nomenclatures")) {
                assertThat(other.get(path).statusCode()).as(login + " " + path).isEqualTo(403);
            }
        }
    }

    @Test
    void accountsShowRoleStateAndLockAndTheAdministratorUnlocksALockedLogin() {
        String login = cast.newPatient();
        for (int i = 0; i < 5; i++) {
            new WebSession(port).login(login, "wrong-password-" + i);
        }
        assertThat(canLogIn(login, "demo")).as("locked after 5 failures").isFalse();
        WebSession admin = admin();
        String page = admin.get("/admin/comptes?role=PATIENT&q=" + login).body();
        assertThat(page).contains("Comptes du rôle Personne (espace santé)", login, "actif", "verrouillée", "déverrouiller");

        HttpResponse<String> unlocked = admin.postForm("/admin/comptes/deverrouiller", Map.of("compte", accountId(login), "role", "PATIENT"));
        assertThat(unlocked.statusCode()).isEqualTo(302);
        assertThat(admin.follow(unlocked).body()).contains("Compte " + login + " déverrouillé");
        assertThat(admin.get("/admin/comptes?role=PATIENT&q=" + login).body()).doesNotContain("verrouillée");
        assertThat(canLogIn(login, "demo")).isTrue();
    }

    @Test
    void aSuspendedAccountCannotLogInUntilReactivated() {
        String login = cast.newPatient();
        WebSession admin = admin();
        admin.get("/admin/comptes?role=PATIENT&q=" + login);
        HttpResponse<String> suspended = admin.postForm("/admin/comptes/etat", Map.of("compte", accountId(login), "actif", "false", "role", "PATIENT"));
        assertThat(admin.follow(suspended).body()).contains("Compte " + login + " suspendu").contains("suspendu");
        assertThat(canLogIn(login, "demo")).isFalse();
        admin.postForm("/admin/comptes/etat", Map.of("compte", accountId(login), "actif", "true", "role", "PATIENT"));
        assertThat(canLogIn(login, "demo")).isTrue();
    }

    @Test
    void aPasswordResetShowsATemporaryPasswordOnceAndTheOldOneStopsWorking() {
        String login = cast.newPatient();
        WebSession admin = admin();
        admin.get("/admin/comptes?role=PATIENT&q=" + login);
        HttpResponse<String> reset = admin.postForm("/admin/comptes/reinitialiser", Map.of("compte", accountId(login), "role", "PATIENT"));
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        Matcher m = TEMPORARY_PASSWORD.matcher(reset.body());
        assertThat(m.find()).as(reset.body()).isTrue();
        assertThat(canLogIn(login, "demo")).isFalse();
        assertThat(canLogIn(login, m.group(1))).isTrue();
        assertThat(admin.get("/admin/comptes?role=PATIENT&q=" + login).body()).doesNotContain(m.group(1));
    }

    @Test
    void theAdministratorCannotSuspendOrResetTheirOwnAccount() {
        WebSession admin = admin();
        admin.get("/admin/comptes?role=ADMIN");
        String self = accountId("admin");
        assertThat(admin.follow(admin.postForm("/admin/comptes/etat", Map.of("compte", self, "actif", "false", "role", "ADMIN"))).body())
                .contains("Vous ne pouvez pas suspendre votre propre compte.");
        assertThat(admin.follow(admin.postForm("/admin/comptes/reinitialiser", Map.of("compte", self, "role", "ADMIN"))).body())
                .contains("Vous ne pouvez pas réinitialiser votre propre mot de passe ici.");
        assertThat(canLogIn("admin", "demo")).isTrue();
    }

    @Test
    void aRegionalAgencyAccountIsAttachedToARegionFromTheList() {
        WebSession admin = admin();
        String page = admin.get("/admin/comptes?role=REGIONAL_AGENCY").body();
        assertThat(page).contains("ars", "Auvergne-Rhône-Alpes", "rattacher");
        String ars = accountId("ars");
        // The demo agency keeps its région (84): the shared demo state is not changed.
        assertThat(admin.follow(admin.postForm("/admin/comptes/region", Map.of("compte", ars, "region", "84"))).body())
                .contains("Compte ars rattaché à la région Auvergne-Rhône-Alpes.");
        assertThat(accounts.regionOf(accounts.byUsername("ars").orElseThrow().id())).contains("84");
        admin.get("/admin/comptes?role=REGIONAL_AGENCY");
        assertThat(admin.follow(admin.postForm("/admin/comptes/region", Map.of("compte", ars, "region", "99"))).body())
                .contains("Choisissez une région de la liste.");
        admin.get("/admin/comptes?role=REGIONAL_AGENCY");
        assertThat(HtmlUtils.htmlUnescape(admin.follow(admin.postForm("/admin/comptes/region", Map.of("compte", accountId("medecin"),
                "region", "84"))).body())).contains("Ce compte n'existe pas.");
        assertThat(accounts.regionOf(accounts.byUsername("ars").orElseThrow().id())).contains("84");
    }

    private static String newFiness() {
        return Finess.withCheckDigit("69" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)));
    }

    @Test
    void theAdministratorRegistersALegalEntityAndOneOfItsSites() {
        String entity = newFiness();
        String site = newFiness();
        WebSession admin = admin();
        admin.get("/admin/structures");
        HttpResponse<String> created = admin.postForm("/admin/structures", Map.of("finess", entity, "kind", "LEGAL_ENTITY",
                "name", "Association de santé du test " + entity, "postcode", "69008", "commune", "69388"));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(admin.follow(created).body()).contains("enregistrée (FINESS " + entity + ")", "Association de santé du test " + entity);
        admin.get("/admin/structures");
        HttpResponse<String> attached = admin.postForm("/admin/structures", Map.of("finess", site, "kind", "GEOGRAPHIC_SITE",
                "legalEntity", entity, "name", "Centre de santé du test " + site, "category", "Centre de santé"));
        assertThat(attached.statusCode()).isEqualTo(302);
        assertThat(structures.byFiness(site).orElseThrow().legalEntityFiness()).isEqualTo(entity);
        assertThat(admin.get("/admin/structures?q=" + site).body()).contains("établissement géographique", entity);
    }

    @Test
    void aWrongStructureFormIsRefusedInPlainFrenchWithErrorsLinkedToTheFieldsAndNothingIsStored() {
        WebSession admin = admin();
        admin.get("/admin/structures");
        long before = structures.count();
        HttpResponse<String> refused = admin.postForm("/admin/structures", Map.of("finess", "12345", "kind", "GEOGRAPHIC_SITE",
                "name", "", "postcode", "690", "commune", "ABCDE"));
        assertThat(refused.statusCode()).isEqualTo(400);
        String body = refused.body();
        assertThat(body).contains("role=\"alert\"", "href=\"#finess\"", "href=\"#legalEntity\"", "href=\"#name\"", "href=\"#postcode\"",
                "href=\"#commune\"");
        assertThat(body).contains("Le numéro FINESS doit comporter 9 caractères.", "Un établissement géographique est rattaché à une entité juridique",
                "Indiquez le nom de la structure.", "Le code postal doit comporter 5 chiffres.", "Le code commune INSEE doit comporter 5 caractères");
        assertThat(body).contains("aria-invalid=\"true\"", "aria-describedby=\"finess-erreur\"", "value=\"12345\"");
        assertThat(structures.count()).isEqualTo(before);

        String taken = newFiness();
        admin.postForm("/admin/structures", Map.of("finess", taken, "kind", "LEGAL_ENTITY", "name", "Première"));
        admin.get("/admin/structures");
        assertThat(admin.postForm("/admin/structures", Map.of("finess", taken, "kind", "LEGAL_ENTITY", "name", "Seconde")).body())
                .contains("Ce numéro FINESS est déjà enregistré.");
        admin.get("/admin/structures");
        String wrongKey = taken.substring(0, 8) + ((taken.charAt(8) - '0' + 1) % 10);
        assertThat(admin.postForm("/admin/structures", Map.of("finess", wrongKey, "kind", "LEGAL_ENTITY", "name", "Clé fausse")).body())
                .contains("clé de Luhn");
    }

    @Test
    void theRefusalIsInEnglishWhenThePageIs() {
        WebSession admin = admin();
        admin.get("/admin/structures?lang=en");
        String body = admin.postForm("/admin/structures", Map.of("finess", "", "kind", "LEGAL_ENTITY", "name", "")).body();
        assertThat(body).contains("<html lang=\"en\"", "Give the FINESS number.", "Give the name of the structure.", "Register a structure");
    }

    @Test
    void professionsAndSpecialtiesAreShownReadOnlyWithTheirSources() {
        String page = admin().get("/admin/nomenclatures").body();
        assertThat(page).contains("TRE_G15", "TRE_R38", "https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante", "1.2.250.1.71.1.2.7",
                "Médecin", "Physician");
        assertThat(page).doesNotContain("action=\"/admin/nomenclatures\"");
    }

    @Test
    void theAdministratorNeverReachesMedicalContent() {
        WebSession admin = admin();
        String patientId = cast.patient("patient").toString();
        for (String path : List.of("/dossier", "/profil", "/journal", "/pro/patients", "/pro/patients/" + patientId, "/ordonnances",
                "/pro/ordonnances", "/messages")) {
            HttpResponse<String> r = admin.get(path);
            assertThat(r.statusCode()).as(path).isIn(302, 403, 404);
            assertThat(r.body()).as(path).doesNotContain("Bilan sanguin").doesNotContain("palliatifs");
        }
        for (String path : List.of("/admin", "/admin/comptes?role=PATIENT", "/admin/structures", "/admin/nomenclatures")) {
            String body = admin.get(path).body();
            assertThat(body).as(path).doesNotContain("Bilan sanguin").doesNotContain("palliatifs").doesNotContain("Allergie");
        }
    }
}
