package fr.hygie.demo;

import fr.hygie.platform.cli.Console;
import fr.hygie.platform.cli.HygieCommand;
import fr.hygie.platform.cli.Subcommand;
import fr.hygie.synth.GenerationSpec;
import java.util.List;

/** {@code ./hygie generate --persons N --seed S}: loads a synthetic population into this Hygie. */
@Subcommand(name = "generate", summary = "charge une population synthétique (personnes, professionnels, structures)",
        usage = "--persons N [--seed S]")
class GenerateCommand implements HygieCommand {

    private final SyntheticPopulationLoader loader;

    GenerateCommand(SyntheticPopulationLoader loader) {
        this.loader = loader;
    }

    @Override
    public int run(List<String> args, Console console) {
        Integer persons = null;
        long seed = 1L;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--persons" -> persons = Integer.parseInt(args.get(++i).replace("_", ""));
                    case "--seed" -> seed = Long.parseLong(args.get(++i));
                    default -> {
                        console.error("Argument inconnu : " + args.get(i) + "\nusage: ./hygie generate --persons N [--seed S]");
                        return 2;
                    }
                }
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            console.error("usage: ./hygie generate --persons N [--seed S] (N et S sont des nombres)");
            return 2;
        }
        if (persons == null || persons < GenerationSpec.MIN_PERSONS || persons > GenerationSpec.MAX_PERSONS) {
            console.error("--persons doit être compris entre " + GenerationSpec.MIN_PERSONS + " et " + GenerationSpec.MAX_PERSONS + ".");
            return 2;
        }
        Console.Progress bar = console.progress("Personnes", persons);
        long[] last = {0};
        SyntheticPopulationLoader.Summary s = loader.load(new GenerationSpec(persons, seed), done -> {
            bar.advance(done - last[0]);
            last[0] = done;
        });
        bar.finish();
        console.printf("%d structures, %d professionnels, %d personnes (%d événements de soins générés) en %.1f s%n",
                s.structures(), s.professionals(), s.persons(), s.events(), s.millis() / 1000.0);
        return 0;
    }
}
