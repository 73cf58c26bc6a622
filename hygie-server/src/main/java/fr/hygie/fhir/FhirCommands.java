package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.platform.cli.Console;
import fr.hygie.platform.cli.HygieCommand;
import fr.hygie.platform.cli.Subcommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code ./hygie export} and {@code ./hygie import}: the operator leaves with everything, or brings data in. */
final class FhirCommands {

    private FhirCommands() {
    }

    /** {@code ./hygie export --out DIR}: every person's data as NDJSON, one file per FHIR type. */
    @Subcommand(name = "export", summary = "exporte toutes les données en FHIR R4 (NDJSON, un fichier par type)", usage = "--out DOSSIER")
    static class ExportCommand implements HygieCommand {

        private final FhirExporter exporter;
        private final FhirContext fhir;
        private final Journal journal;

        ExportCommand(FhirExporter exporter, FhirContext fhir, Journal journal) {
            this.exporter = exporter;
            this.fhir = fhir;
            this.journal = journal;
        }

        @Override
        public int run(List<String> args, Console console) throws IOException {
            if (args.size() != 2 || !"--out".equals(args.get(0))) {
                console.error("usage: ./hygie export --out DOSSIER");
                return 2;
            }
            Path out = Path.of(args.get(1));
            Files.createDirectories(out);
            long start = System.nanoTime();
            Map<String, Long> counts = export(exporter, fhir, out, console.progress("Personnes", exporter.patientCount()));
            journal.append(new JournalEntryDraft(new JournalActor(null, "Opérateur (./hygie export)", "ADMIN"), null, null,
                    JournalAction.EXPORT, "FhirExport", null, JournalDecision.PERMIT, "OPERATOR_EXPORT", JournalChannel.CLI, null));
            counts.forEach((type, n) -> console.printf("%-20s %8d%n", type, n));
            console.printf("Export terminé dans %s en %.1f s%n", out, (System.nanoTime() - start) / 1e9);
            return 0;
        }

        /** Writes the whole platform into {@code out}; returns the number of resources per type. */
        static Map<String, Long> export(FhirExporter exporter, FhirContext fhir, Path out, Console.Progress bar) throws IOException {
            Map<String, Writer> writers = new HashMap<>();
            Map<String, Long> counts = new TreeMap<>();
            IParser parser = fhir.newJsonParser().setPrettyPrint(false);
            long[] last = {0};
            try {
                exporter.exportAll(new LinkedHashSet<>(FhirExporter.TYPES), (type, resource) -> {
                    try {
                        Writer w = writers.get(type);
                        if (w == null) {
                            w = Files.newBufferedWriter(out.resolve(type + ".ndjson"), StandardCharsets.UTF_8);
                            writers.put(type, w);
                        }
                        w.write(parser.encodeResourceToString(resource));
                        w.write('\n');
                        counts.merge(type, 1L, Long::sum);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, n -> {
                    if (bar != null) {
                        bar.advance(n - last[0]);
                    }
                    last[0] = n;
                });
            } finally {
                for (Writer w : writers.values()) {
                    w.close();
                }
                if (bar != null) {
                    bar.finish();
                }
            }
            return counts;
        }
    }

    /**
     * {@code ./hygie import PATH}: a folder of NDJSON files and/or JSON Bundles, or one file, streamed (bounded memory
     * whatever their size, issue 4), idempotent.
     */
    @Subcommand(name = "import", summary = "importe des données FHIR R4 (fichiers NDJSON, Bundles JSON), en flux, sans doublon",
            usage = "CHEMIN (dossier de fichiers .ndjson et/ou .json, ou un seul fichier)")
    static class ImportCommand implements HygieCommand {

        private final FhirImporter importer;

        ImportCommand(FhirImporter importer) {
            this.importer = importer;
        }

        @Override
        public int run(List<String> args, Console console) throws IOException {
            if (args.size() != 1) {
                console.error("usage: ./hygie import CHEMIN (dossier de fichiers .ndjson et/ou de Bundles .json, ou un seul fichier)");
                return 2;
            }
            Path path = Path.of(args.get(0));
            if (!Files.exists(path)) {
                console.error("Introuvable : " + path);
                return 2;
            }
            List<String> rejectedAtRead = new ArrayList<>();
            // First pass over every file (NDJSON lines, Bundle entries): counts, types, files or lines refused.
            Console.Progress reading = console.progress("Lecture", ImportSource.bytes(path));
            ImportSource source = importer.open(path, rejectedAtRead, reading::advance);
            reading.finish();
            List<String> files = source.describe();
            console.printf("%d fichier(s) lu(s), %d ressource(s) à importer%n", files.size(), source.size());
            files.forEach(f -> console.println("  " + f));
            // A file refused whole imports nothing: said before the import starts (and again in the summary).
            rejectedAtRead.stream().filter(r -> r.contains(BundleFile.REFUSED)).forEach(r -> console.println("  " + r));
            Console.Progress bar = console.progress("Ressources", source.size());
            long[] last = {0};
            FhirImporter.Summary s = importer.importAll(source, rejectedAtRead, n -> {
                bar.advance(n - last[0]);
                last[0] = n;
            });
            bar.finish();
            print(s, console);
            return s.rejected().isEmpty() ? 0 : 1;
        }

        static void print(FhirImporter.Summary s, Console console) {
            console.printf("%-20s %8s %8s%n", "Type", "créées", "déjà là");
            Map<String, Long> all = new TreeMap<>(s.created());
            s.alreadyThere().forEach((k, v) -> all.putIfAbsent(k, 0L));
            all.keySet().forEach(type -> console.printf("%-20s %8d %8d%n", type, s.created().getOrDefault(type, 0L),
                    s.alreadyThere().getOrDefault(type, 0L)));
            console.printf("%d ressources en %.1f s (%.0f ressources/s), %d rejetées%n", s.total(), s.millis() / 1000.0,
                    s.millis() == 0 ? 0.0 : s.total() * 1000.0 / s.millis(), s.rejected().size());
            // Time per step (per type in the step of the records): where an import spends its time (docs/benchmarks.md).
            s.steps().forEach((step, t) -> console.printf("  étape %-44s %8d en %7.1f s (%.0f /s)%n", step, t.resources(),
                    t.millis() / 1000.0, t.millis() == 0 ? 0.0 : t.resources() * 1000.0 / t.millis()));
            console.printf("  au plus %d ressources lues gardées en mémoire à la fois%n", s.peakHeld());
            s.rejected().forEach(r -> console.println("  rejetée : " + r));
        }
    }
}
