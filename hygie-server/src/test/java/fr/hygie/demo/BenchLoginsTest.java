package fr.hygie.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.Actor;
import fr.hygie.access.CareTeam;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Role;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.HygieProperties;
import fr.hygie.record.MedicalProfile;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import fr.hygie.synth.GenerationSpec;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the Gatling simulation relies on when the server opens bench logins ({@code HYGIE_DEMO_BENCH_LOGINS}, issue 13):
 * the feeders' format, every professional login listing only persons whose médecin traitant they are and whose
 * record they may read, every person login reading their own record, all with the demo password. The component is
 * called directly, with 2 logins of each kind and a temporary HYGIE_HOME, on the shared test context's generated
 * population (the accounts it opens are new ones; nobody's settings change).
 */
@HygieIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchLoginsTest {

    private static final int LOGINS = 2;

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Patients patients;

    @Autowired
    Professionals professionals;

    @Autowired
    HygieProperties properties;

    @Autowired
    CareTeam careTeam;

    @Autowired
    MedicalProfile profile;

    @Autowired
    Cast cast;

    @TempDir
    static Path home;

    /** professionals.csv: login → patient rows (patientId, family, birthdate), as the simulation groups them. */
    private final Map<String, List<List<String>>> professionalRows = new LinkedHashMap<>();
    private List<String> professionalLines;
    private List<String> patientLines;

    @BeforeAll
    void openBenchLogins() throws IOException {
        BenchLogins bench = new BenchLogins(accounts, patients, professionals, new HygieHome(home), LOGINS);
        bench.open(new GenerationSpec(properties.demo().persons(), properties.demo().seed()), accounts.hash("demo"));
        professionalLines = Files.readAllLines(home.resolve("bench").resolve("professionals.csv"), StandardCharsets.UTF_8);
        patientLines = Files.readAllLines(home.resolve("bench").resolve("patients.csv"), StandardCharsets.UTF_8);
        for (String line : professionalLines.subList(1, professionalLines.size())) {
            List<String> row = List.of(line.split(",", -1));
            professionalRows.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row.subList(1, row.size()));
        }
    }

    @Test
    void theFeedersHaveTheColumnsTheSimulationReads() {
        assertThat(professionalLines.get(0)).isEqualTo("login,patientId,family,birthdate");
        assertThat(patientLines.get(0)).isEqualTo("login,patientId");
        assertThat(professionalLines).as("a professional row or more").hasSizeGreaterThan(1);
        for (String line : professionalLines.subList(1, professionalLines.size())) {
            String[] row = line.split(",", -1);
            assertThat(row).as(line).hasSize(4);
            assertThat(row[0]).matches("bench-pro-\\d+");
            Patient p = patients.byId(new PatientId(UUID.fromString(row[1]))).orElseThrow();
            // The FHIR scenario searches Patient?family=…&birthdate=…: the INS birth name and the birth date.
            assertThat(row[2]).isEqualTo(p.birthName());
            assertThat(LocalDate.parse(row[3])).isEqualTo(p.birthDate());
        }
        assertThat(professionalRows).hasSize(LOGINS);
        professionalRows.values().forEach(rows -> assertThat(rows).hasSizeBetween(1, 100));
        assertThat(patientLines).hasSize(1 + LOGINS);
        for (String line : patientLines.subList(1, patientLines.size())) {
            String[] row = line.split(",", -1);
            assertThat(row).as(line).hasSize(2);
            assertThat(row[0]).matches("bench-patient-\\d+");
            assertThat(patients.byId(new PatientId(UUID.fromString(row[1])))).as(line).isPresent();
        }
    }

    @Test
    void everyProfessionalLoginIsTheMedecinTraitantOfItsListedPersonsAndMayReadTheirRecords() {
        professionalRows.forEach((login, rows) -> {
            HygieUser user = accounts.loadUserByUsername(login);
            assertThat(user.role()).isEqualTo(Role.PROFESSIONAL);
            ProfessionalId pro = user.professionalId().orElseThrow();
            List<PatientId> listed = rows.stream().map(r -> new PatientId(UUID.fromString(r.get(0)))).toList();
            Map<PatientId, ProfessionalId> treating = careTeam.treatingPhysiciansOf(listed);
            for (PatientId p : listed) {
                assertThat(treating.get(p)).as("médecin traitant of %s", p).isEqualTo(pro);
                assertThat(profile.view(Actor.of(user), p, JournalChannel.WEB).sections())
                        .as("%s may read the profile of %s", login, p).isNotEmpty();
            }
        });
    }

    @Test
    void theReadCheckAboveTellsAStrangerApart() {
        // The same check fails for a professional who has no relationship with the person: it proves something.
        PatientId someonesPatient = new PatientId(UUID.fromString(professionalRows.values().iterator().next().get(0).get(0)));
        assertThat(profile.view(cast.actor("medecin2"), someonesPatient, JournalChannel.WEB).sections()).isEmpty();
    }

    @Test
    void everyPersonLoginReadsTheirOwnRecord() {
        for (String line : patientLines.subList(1, patientLines.size())) {
            String[] row = line.split(",", -1);
            HygieUser user = accounts.loadUserByUsername(row[0]);
            assertThat(user.role()).isEqualTo(Role.PATIENT);
            PatientId own = new PatientId(UUID.fromString(row[1]));
            assertThat(user.patientId()).contains(own);
            assertThat(profile.view(Actor.of(user), own, JournalChannel.WEB).sections()).as(row[0]).isNotEmpty();
        }
    }

    @Test
    void theLoginsOpenWithTheDemoPasswordAndReachThePagesTheScenariosRequest() {
        String proLogin = professionalRows.keySet().iterator().next();
        String patientId = professionalRows.get(proLogin).get(0).get(0);
        HttpResponse<String> record = new WebSession(port).loggedInAs(proLogin).get("/pro/patients/" + patientId);
        assertThat(record.statusCode()).isEqualTo(200);
        String personLogin = patientLines.get(1).split(",", -1)[0];
        HttpResponse<String> own = new WebSession(port).loggedInAs(personLogin).get("/dossier");
        assertThat(own.statusCode()).isEqualTo(200);
    }
}
