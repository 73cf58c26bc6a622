package fr.hygie.research.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.crypto.Pseudonyms;
import fr.hygie.research.ExtractionRequest;
import fr.hygie.research.ExtractionRuns;
import fr.hygie.research.MoveOutcome;
import fr.hygie.research.NewProject;
import fr.hygie.research.ObjectionScope;
import fr.hygie.research.Objections;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.ProcessingPlace;
import fr.hygie.research.ProjectDecision;
import fr.hygie.research.ProjectId;
import fr.hygie.research.Projects;
import fr.hygie.research.Purpose;
import fr.hygie.research.RequestedVariable;
import fr.hygie.research.SubmissionOutcome;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The research engine launched by the platform in its own JVM (the real {@code hygie-research-engine} jar,
 * built before the server by the reactor), over the shared test population: an objection recorded between
 * two extractions removes the person from the second one, and the person never appears in any released file.
 */
@HygieIntegrationTest
class EngineExtractionTest {

    @Autowired
    EngineProcessLauncher launcher;
    @Autowired
    ExtractionRuns runs;
    @Autowired
    Projects projects;
    @Autowired
    Objections objections;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    HygieHome home;
    @Autowired
    Cast cast;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void aNewObjectionRemovesThePersonFromTheNextExtractionAndFromEveryReleasedFile() throws IOException {
        assertThat(launcher.unavailable()).withFailMessage("%s", launcher.unavailable().orElse("")).isEmpty();
        String login = cast.newPatient();
        PatientId x = cast.patient(login);
        ProjectId project = ready(List.of(
                new RequestedVariable("Identifiant", "Identifiant pseudonymisé", "Relier les mesures d'une même personne."),
                new RequestedVariable("Identité", "Âge et sexe", "Ajuster sur l'âge et le sexe."),
                new RequestedVariable("Biologie", "HbA1c (LOINC 4548-4)", "La mesure étudiée."),
                new RequestedVariable("Diagnostics", "Diabète de type 2 (CIM-10 E11)", "L'exposition étudiée.")));
        ExtractionRequest request = runs.requestFor(project).orElseThrow();
        String xPseudonym = pseudonyms.pseudonym("project-" + project.value(), x.value().toString());

        // First run: X is in the cohort, under the project's pseudonym, never under the platform id.
        EngineRun first = launcher.run(request, ProgressListener.none());
        assertThat(first.status()).withFailMessage("first run failed: %s", first.failure()).isEqualTo(EngineRunStatus.SUCCEEDED);
        assertThat(first.outputMode()).isEqualTo("PSEUDONYMISED_ROWS");
        assertThat(membership(first.extractionRun(), x)).isEqualTo("included");
        assertThat(first.files()).contains("persons.csv", "disclosure-report.json", "manifest.json")
                .noneMatch(f -> f.contains("included") || f.contains("excluded"));
        assertThat(released(project, first)).contains(xPseudonym).doesNotContain(x.value().toString());

        // X objects to scientific research: the project's purpose.
        objections.object(cast.actor(login), x, ObjectionScope.purpose(Purpose.SCIENTIFIC_RESEARCH), JournalChannel.WEB);

        EngineRun second = launcher.run(request, ProgressListener.none());
        assertThat(second.status()).withFailMessage("second run failed: %s", second.failure()).isEqualTo(EngineRunStatus.SUCCEEDED);
        assertThat(membership(second.extractionRun(), x)).isEqualTo("PURPOSE:SCIENTIFIC_RESEARCH");
        assertThat(second.excluded()).isEqualTo(first.excluded() + 1);
        assertThat(second.included()).isEqualTo(first.included() - 1);
        assertThat(released(project, second)).doesNotContain(xPseudonym).doesNotContain(x.value().toString());
        // The working folder (pseudonymous copy of the record, membership lists, key) is gone.
        assertThat(home.root().resolve("research-work").resolve(second.id().toString())).doesNotExist();

        // The team sees both runs on its project page and downloads the released files; the second never holds X.
        WebSession team = new WebSession(port).loggedInAs("chercheur");
        HttpResponse<String> page = team.get("/recherche/projets/" + project);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(HtmlUtils.htmlUnescape(page.body())).contains("Suivi du moteur d'extraction", "Terminée", "persons.csv");
        HttpResponse<String> file = team.get("/recherche/projets/" + project + "/extractions/" + second.id() + "/persons.csv");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isNotBlank().doesNotContain(xPseudonym);
        assertThat(team.get("/recherche/projets/" + project + "/extractions/" + second.id() + "/included.csv").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRunThatCannotStartShowsItsCauseOnTheProjectPage() {
        ProjectId project = ready(List.of(new RequestedVariable("Imagerie", "Rétinographies", "Les images étudiées.")));
        EngineRun run = launcher.run(runs.requestFor(project).orElseThrow(), ProgressListener.none());
        assertThat(run.status()).isEqualTo(EngineRunStatus.FAILED);
        assertThat(run.failure()).contains("Aucune donnée demandée");
        assertThat(run.extractionRun()).isNull();
        assertThat(runs.runs(project)).isEmpty();
        HttpResponse<String> page = new WebSession(port).loggedInAs("admin").get("/recherche/evaluation/" + project);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Échec", "Aucune donnée demandée");
    }

    /** "included", or the scope that excluded the person, in a recorded run's membership. */
    private String membership(UUID extractionRun, PatientId person) {
        return jdbc.sql("SELECT CASE WHEN included THEN 'included' ELSE excluded_by_scope END FROM research.run_member "
                + "WHERE run_id = :r AND patient_id = :p").param("r", extractionRun).param("p", person.value())
                .query(String.class).optional().orElse("absent");
    }

    /** Every released file of a run, as text (the CSV files mirror the Parquet ones, which may be compressed). */
    private String released(ProjectId project, EngineRun run) throws IOException {
        Path folder = home.root().resolve("research").resolve(project.value().toString()).resolve(run.id().toString());
        StringBuilder all = new StringBuilder();
        for (String f : run.files()) {
            all.append(new String(Files.readAllBytes(folder.resolve(f)), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }

    private ProjectId ready(List<RequestedVariable> variables) {
        SubmissionOutcome o = projects.submit(cast.user("chercheur"), new NewProject("Équilibre du diabète " + UUID.randomUUID(),
                "Résumé du projet", Purpose.SCIENTIFIC_RESEARCH.name(), "RGPD art. 9(2)(j)", "Inserm", OrganisationKind.PUBLIC.name(),
                ProcessingPlace.FRANCE.name(), "Claire Dubois", "Adultes", "12", "ANR", "Mieux soigner", variables, Set.of()));
        assertThat(o).isInstanceOf(SubmissionOutcome.Submitted.class);
        ProjectId id = ((SubmissionOutcome.Submitted) o).project();
        for (Map.Entry<String, ProjectDecision> move : List.of(Map.entry("comite", ProjectDecision.COMPLETE),
                Map.entry("comite", ProjectDecision.FAVOURABLE), Map.entry("cnil", ProjectDecision.AUTHORISE),
                Map.entry("admin", ProjectDecision.SIGN_AGREEMENT))) {
            assertThat(projects.decide(cast.user(move.getKey()), id, move.getValue(), "Motifs publics", null))
                    .isInstanceOf(MoveOutcome.Done.class);
        }
        return id;
    }
}
