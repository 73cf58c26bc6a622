package fr.hygie.research.engine;

import fr.hygie.platform.cli.Console;
import fr.hygie.platform.cli.HygieCommand;
import fr.hygie.platform.cli.Subcommand;
import fr.hygie.research.ExtractionRequest;
import fr.hygie.research.ExtractionRuns;
import fr.hygie.research.ProjectId;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./hygie research run <projectId>}: the operator runs a project's extraction now, with the same
 * launcher as the administration's button, and follows it on a progress bar. Exit 0 when the run is recorded
 * and its files released, 1 when it failed (cause printed), 2 on bad usage.
 */
@Subcommand(name = "research run", summary = "lance maintenant l'extraction d'un projet de recherche (moteur Spark, JVM séparée)",
        usage = "<identifiant du projet>")
class ResearchRunCommand implements HygieCommand {

    private final ExtractionRuns runs;
    private final EngineProcessLauncher launcher;

    ResearchRunCommand(ExtractionRuns runs, EngineProcessLauncher launcher) {
        this.runs = runs;
        this.launcher = launcher;
    }

    @Override
    public int run(List<String> args, Console console) {
        if (args.size() != 1) {
            console.error("usage: ./hygie research run <identifiant du projet>");
            return 2;
        }
        Optional<ProjectId> id = ProjectId.parse(args.get(0));
        if (id.isEmpty()) {
            console.error("Identifiant de projet invalide : " + args.get(0));
            return 2;
        }
        Optional<ExtractionRequest> request = runs.requestFor(id.get());
        if (request.isEmpty()) {
            console.error("Ce projet n'existe pas ou n'est pas prêt pour l'extraction (convention de mise à disposition non signée).");
            return 1;
        }
        Optional<String> missing = launcher.unavailable();
        if (missing.isPresent()) {
            console.error(missing.get());
            return 1;
        }
        Bars bars = new Bars(console);
        EngineRun run = launcher.run(request.get(), bars::progress);
        bars.finish();
        if (run.status() != EngineRunStatus.SUCCEEDED) {
            console.error("Échec de l'extraction : " + run.failure());
            return 1;
        }
        console.println(String.format("Extraction terminée (instantané des oppositions : %s).", run.snapshot()));
        console.println(String.format("  Personnes incluses : %d", run.included()));
        console.println(String.format("  Écartées en raison de leur opposition : %d", run.excluded()));
        console.println("  Mode de sortie : " + run.outputMode());
        if (run.notice() != null) {
            console.println("  " + run.notice());
        }
        console.println("  Fichiers remis à l'équipe du projet (HYGIE_HOME/research/" + run.project().value() + "/" + run.id() + "/) :");
        run.files().forEach(f -> console.println("    " + f));
        return 0;
    }

    /** One terminal progress bar per engine job (warehouse, then extraction). */
    private static final class Bars {
        private final Console console;
        private String job;
        private Console.Progress bar;
        private long shown;

        Bars(Console console) {
            this.console = console;
        }

        void progress(String stage, long done, long total) {
            String j = stage.contains(".") ? stage.substring(0, stage.indexOf('.')) : stage;
            if (!j.equals(job)) {
                finish();
                job = j;
                bar = console.progress(j.equals("warehouse") ? "Entrepôt   " : "Extraction ", total);
                shown = 0;
            }
            if (done > shown) {
                bar.advance(done - shown);
                shown = done;
            }
        }

        void finish() {
            if (bar != null) {
                bar.finish();
                bar = null;
            }
        }
    }
}
