package fr.hygie.journal;

import fr.hygie.platform.cli.Console;
import fr.hygie.platform.cli.HygieCommand;
import fr.hygie.platform.cli.Subcommand;
import java.util.List;

/** Subcommands {@code ./hygie journal verify} and {@code ./hygie journal checkpoint}. */
final class JournalCommands {

    private JournalCommands() {
    }

    @Subcommand(name = "journal verify", summary = "vérifie l'intégrité du journal des accès (chaînes, points de contrôle, chaînes d'anciennes plateformes)")
    static class Verify implements HygieCommand {

        private final JournalVerifier verifier;

        Verify(JournalVerifier verifier) {
            this.verifier = verifier;
        }

        @Override
        public int run(List<String> args, Console console) {
            if (!args.isEmpty()) {
                console.error("usage: ./hygie journal verify");
                return 2;
            }
            Console.Progress progress = console.progress("Vérification", verifier.expectedEntries());
            VerificationReport report = verifier.verify(progress::advance);
            progress.finish();
            if (report.intact()) {
                console.println(String.format("Journal intègre : %d chaînes, %d entrées, %d points de contrôle, %d chaînes d'anciennes"
                        + " plateformes vérifiés en %d ms.", report.chains(), report.entries(), report.checkpoints(), report.formerChains(),
                        report.elapsed().toMillis()));
                return 0;
            }
            VerificationReport.Break b = report.firstBreak();
            StringBuilder line = new StringBuilder("JOURNAL ALTÉRÉ — première rupture : ").append(b.problem());
            if (b.chain() != null) {
                line.append(", chaîne ").append(b.chain());
            }
            if (b.seq() != null) {
                line.append(", entrée n°").append(b.seq());
            }
            if (b.entryId() != null) {
                line.append(" (id ").append(b.entryId()).append(')');
            }
            if (b.checkpointId() != null) {
                line.append(", point de contrôle ").append(b.checkpointId());
            }
            console.error(line.append(" : ").append(b.detail()).toString());
            console.error(String.format("Vérifié avant la rupture : %d chaînes, %d entrées, %d points de contrôle, %d chaînes"
                    + " d'anciennes plateformes.", report.chains(), report.entries(), report.checkpoints(), report.formerChains()));
            return 1;
        }
    }

    @Subcommand(name = "journal checkpoint", summary = "signe maintenant un point de contrôle du journal des accès")
    static class TakeCheckpoint implements HygieCommand {

        private final Checkpoints checkpoints;

        TakeCheckpoint(Checkpoints checkpoints) {
            this.checkpoints = checkpoints;
        }

        @Override
        public int run(List<String> args, Console console) {
            if (!args.isEmpty()) {
                console.error("usage: ./hygie journal checkpoint");
                return 2;
            }
            Checkpoint c = checkpoints.take();
            console.println("Point de contrôle " + c.id() + " du " + c.at() + " : " + c.chainCount()
                    + " chaînes, racine " + c.root() + ", clé " + c.keyId());
            return 0;
        }
    }
}
