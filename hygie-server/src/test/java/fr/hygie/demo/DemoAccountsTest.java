package fr.hygie.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.Accounts;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Patients;
import fr.hygie.identity.Role;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@HygieIntegrationTest
class DemoAccountsTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Mandates mandates;

    @Autowired
    Patients patients;

    @ParameterizedTest
    @CsvSource({
            "patient, PATIENT, Marie Durand", "patient2, PATIENT, Jean Petit", "mineur, PATIENT, Léa Durand",
            "medecin, PROFESSIONAL, Dr Paul Leroy", "medecin2, PROFESSIONAL, Dr Sophie Bernard",
            "pharmacien, PROFESSIONAL, Hugo Moreau", "infirmier, PROFESSIONAL, Julie Roux",
            "dentiste, PROFESSIONAL, Dr Thomas Fournier", "kine, PROFESSIONAL, Emma Girard",
            "aidant, REPRESENTATIVE, Luc Petit", "accueil, COUNTER_AGENT, Nadia Benali",
            "chercheur, RESEARCHER, Claire Dubois", "comite, REVIEWER, Comité éthique",
            "cnil, AUDITOR, Auditeur CNIL", "conseiller, HUMAN_CONTACT, Karim Haddad", "admin, ADMIN, Administration Hygie"})
    void everyDemoAccountLogsInAndReachesItsDashboard(String login, Role role, String name) {
        WebSession web = new WebSession(port).loggedInAs(login);
        HttpResponse<String> dashboard = web.get("/accueil");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains(name);
        assertThat(accounts.byUsername(login)).get().extracting(a -> a.role()).isEqualTo(role);
    }

    @Test
    void theCaregiverActsForPatient2WithinAScopedMandate() {
        var patient2 = accounts.byUsername("patient2").orElseThrow().patientId().orElseThrow();
        var aidant = accounts.byUsername("aidant").orElseThrow().id();
        var mandate = mandates.active(aidant, patient2).orElseThrow();
        assertThat(mandate.allows(MandateScope.VIEW_DOCUMENTS)).isTrue();
        assertThat(mandate.allows(MandateScope.MANAGE_SHARING)).isFalse();
    }

    @Test
    void theMinorIsFourteenAndHerMotherRepresentsHerUntilSixteen() {
        var minor = accounts.byUsername("mineur").orElseThrow().patientId().orElseThrow();
        var mother = accounts.byUsername("patient").orElseThrow().id();
        assertThat(patients.byId(minor).orElseThrow().ageOn(mandates.today())).isEqualTo(14);
        var mandate = mandates.active(mother, minor).orElseThrow();
        assertThat(mandate.validUntil()).isEqualTo(patients.byId(minor).orElseThrow().birthDate().plusYears(16).minusDays(1));
    }
}
