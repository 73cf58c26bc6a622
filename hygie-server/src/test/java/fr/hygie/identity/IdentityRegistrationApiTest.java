package fr.hygie.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@HygieIntegrationTest
class IdentityRegistrationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Patients patients;

    @Autowired
    Professionals professionals;

    @Autowired
    Structures structures;

    static String patientJson(String nir, String birthDate, String sex, String birthPlace) {
        return """
                {"matricule": "%s", "birthName": "Santoni", "firstNames": "Pierre Marie", "birthDate": "%s",
                 "sex": "%s", "birthPlace": "%s", "commune": "2A004", "phone": "0612121212"}""".formatted(nir, birthDate, sex, birthPlace);
    }

    static String nir(String body13) {
        return body13 + Nir.key(body13);
    }

    @Test
    void aCounterAgentRegistersAPersonBornInCorsicaAndGetsAnOpaqueId() {
        WebSession web = new WebSession(port).loggedInAs("accueil");
        String nir = nir("1870 22A004 321".replace(" ", ""));
        HttpResponse<String> r = web.postJson("/api/v1/patients", patientJson(nir, "1987-02-14", "M", "2A004"));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).doesNotContain(nir);
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain(nir);
        assertThat(patients.byMatricule(nir)).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "wrong key, 2780569123045, 00, 1978-05-12, F, 69123, NIR_KEY",
            "impossible sex digit, 5780569123045, , 1978-05-12, F, 69123, NIR_SEX_DIGIT",
            "impossible month, 2781369123045, , 1978-13-12, F, 69123, NIR_MONTH",
            "sex does not match, 1780569123046, , 1978-05-12, F, 69123, NIR_SEX_MISMATCH",
            "year does not match, 2790569123047, , 1978-05-12, F, 69123, NIR_BIRTH_YEAR_MISMATCH",
            "place does not match, 2780569123048, , 1978-05-12, F, 75056, NIR_BIRTH_PLACE_MISMATCH",
            "too short, 27805691230, 45, 1978-05-12, F, 69123, NIR_LENGTH"})
    void aBadMatriculeIsRefusedWithTheRuleThatFailedAndNothingIsStored(String why, String body, String forcedKey,
            String birthDate, String sex, String place, String code) {
        String nir = forcedKey == null ? (body.length() == 13 ? nir(body) : body) : body + forcedKey;
        if ("NIR_KEY".equals(code)) {
            nir = body + String.format("%02d", (Integer.parseInt(Nir.key(body)) + 1) % 98);
        }
        long before = patients.count();
        WebSession web = new WebSession(port).loggedInAs("accueil");
        HttpResponse<String> r = web.postJson("/api/v1/patients", patientJson(nir, birthDate, sex, place));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"" + code + "\"").doesNotContain(nir);
        assertThat(patients.count()).isEqualTo(before);
    }

    @Test
    void anAdministratorRegistersAnOverseasStructureAndAProfessionalWithAValidRpps() {
        WebSession web = new WebSession(port).loggedInAs("admin");
        String finess = Finess.withCheckDigit("97010012");
        HttpResponse<String> s = web.postJson("/api/v1/structures", """
                {"finess": "%s", "kind": "LEGAL_ENTITY", "name": "Centre de santé de Pointe-à-Pitre", "commune": "97120",
                 "postcode": "97110"}""".formatted(finess));
        assertThat(s.statusCode()).isEqualTo(201);
        String rpps = Rpps.withCheckDigit("1000900777");
        HttpResponse<String> p = web.postJson("/api/v1/professionals", """
                {"rpps": "%s", "professionCode": "10", "specialtyCode": "SM54", "familyName": "Lacroix",
                 "givenName": "Anne", "structureFiness": "%s", "commune": "97120"}""".formatted(rpps, finess));
        assertThat(p.statusCode()).isEqualTo(201);
        assertThat(professionals.byRpps(rpps)).get().extracting(Professional::idNatPs).isEqualTo("8" + rpps);
    }

    @Test
    void aBadRppsOrFinessIsRefusedWithItsRule() {
        WebSession web = new WebSession(port).loggedInAs("admin");
        String rpps = Rpps.withCheckDigit("1000900778");
        String wrong = rpps.substring(0, 10) + ((rpps.charAt(10) - '0' + 1) % 10);
        HttpResponse<String> p = web.postJson("/api/v1/professionals", """
                {"rpps": "%s", "professionCode": "10", "familyName": "X", "givenName": "Y"}""".formatted(wrong));
        assertThat(p.statusCode()).isEqualTo(400);
        assertThat(p.body()).contains("RPPS_CHECK_DIGIT");
        HttpResponse<String> f = web.postJson("/api/v1/structures", """
                {"finess": "200000001", "kind": "LEGAL_ENTITY", "name": "Nowhere"}""");
        assertThat(f.statusCode()).isEqualTo(400);
        assertThat(f.body()).contains("FINESS_DEPARTEMENT");
        HttpResponse<String> specialty = web.postJson("/api/v1/professionals", """
                {"rpps": "%s", "professionCode": "40", "specialtyCode": "SM54", "familyName": "X", "givenName": "Y"}""".formatted(rpps));
        assertThat(specialty.body()).contains("SPECIALTY_NOT_FOR_PROFESSION");
        assertThat(professionals.byRpps(rpps)).isEmpty();
    }

    @Test
    void aPatientCannotRegisterIdentities() {
        WebSession web = new WebSession(port).loggedInAs("patient");
        HttpResponse<String> r = web.postJson("/api/v1/structures", """
                {"finess": "%s", "kind": "LEGAL_ENTITY", "name": "Mine"}""".formatted(Finess.withCheckDigit("69000999")));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(structures.byFiness(Finess.withCheckDigit("69000999"))).isEmpty();
    }
}
