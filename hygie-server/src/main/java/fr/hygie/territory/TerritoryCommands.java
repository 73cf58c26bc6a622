package fr.hygie.territory;

import fr.hygie.platform.cli.Console;
import fr.hygie.platform.cli.HygieCommand;
import fr.hygie.platform.cli.Subcommand;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Subcommands {@code ./hygie territory import FILE} and {@code ./hygie territory refresh [AAAA-MM]}. */
final class TerritoryCommands {

    private TerritoryCommands() {
    }

    @Subcommand(name = "territory import", summary = "importe un jeu de données environnementales (CSV, docs/territory-datasets.md)",
            usage = "FICHIER.csv")
    static class Import implements HygieCommand {

        private final EnvironmentData environment;

        Import(EnvironmentData environment) {
            this.environment = environment;
        }

        @Override
        public int run(List<String> args, Console console) {
            if (args.size() != 1) {
                console.error("usage: ./hygie territory import FICHIER.csv");
                return 2;
            }
            Path file = Path.of(args.get(0));
            if (!Files.isRegularFile(file)) {
                console.error("Fichier introuvable : " + file);
                return 2;
            }
            ImportReport report;
            Console.Progress progress = console.progress("Lecture et validation de " + file.getFileName(), 1);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                report = environment.importCsv(file.getFileName().toString(), reader, "ligne de commande");
            } catch (IOException | java.io.UncheckedIOException e) {
                console.error("Lecture impossible de " + file + " (le fichier doit être en UTF-8).");
                return 1;
            }
            progress.advance(1);
            progress.finish();
            if (report.imported()) {
                console.println(String.format("Import réussi : %d lignes, %d valeurs enregistrées.", report.dataLines(), report.values()));
                return 0;
            }
            console.error(String.format("Import refusé, rien n'a été enregistré : %d erreur(s) sur %d lignes de données.",
                    report.errors().size(), report.dataLines()));
            for (ImportReport.LineError e : report.errors()) {
                console.error("  " + e);
            }
            return 1;
        }
    }

    @Subcommand(name = "territory refresh", summary = "recalcule les indicateurs territoriaux d'un mois (par défaut le mois en cours)",
            usage = "[AAAA-MM]")
    static class Refresh implements HygieCommand {

        private final TerritoryIndicators indicators;

        Refresh(TerritoryIndicators indicators) {
            this.indicators = indicators;
        }

        @Override
        public int run(List<String> args, Console console) {
            if (args.size() > 1) {
                console.error("usage: ./hygie territory refresh [AAAA-MM]");
                return 2;
            }
            YearMonth period;
            try {
                period = args.isEmpty() ? indicators.currentPeriod() : YearMonth.parse(args.get(0));
            } catch (DateTimeParseException e) {
                console.error("Mois invalide : « " + args.get(0) + " » (attendu AAAA-MM).");
                return 2;
            }
            int cells = indicators.refresh(period);
            console.println("Indicateurs de " + period + " recalculés : " + cells + " cellules (secret statistique appliqué).");
            return 0;
        }
    }
}
