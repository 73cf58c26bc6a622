package fr.hygie.platform.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Reads {@code ./hygie}'s arguments: a known subcommand (one or two words) runs that command;
 * {@code --help} lists them; anything else starts the server with Spring Boot's own arguments.
 */
public final class CommandLine {

    /** A subcommand found on the class path. */
    public record Entry(String name, String summary, String usage, Class<?> type) {
    }

    /** What the arguments ask for. */
    public sealed interface Request {
    }

    public record StartServer(String[] springArgs) implements Request {
    }

    public record ShowHelp() implements Request {
    }

    public record RunCommand(Entry command, List<String> args) implements Request {
    }

    public record Unknown(String word) implements Request {
    }

    private final List<Entry> commands;

    public CommandLine(List<Entry> commands) {
        this.commands = commands.stream().sorted(Comparator.comparing(Entry::name)).toList();
    }

    /** Finds every {@link Subcommand} under {@code basePackage} without starting Spring. */
    public static CommandLine scan(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Subcommand.class));
        List<Entry> found = new ArrayList<>();
        for (BeanDefinition bd : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(bd.getBeanClassName(), CommandLine.class.getClassLoader());
            Subcommand s = type.getAnnotation(Subcommand.class);
            found.add(new Entry(s.name(), s.summary(), s.usage(), type));
        }
        return new CommandLine(found);
    }

    public List<Entry> commands() {
        return commands;
    }

    public Request parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--") && !isHelp(args[0])) {
            return new StartServer(args);
        }
        if (isHelp(args[0]) || args[0].equals("help")) {
            return new ShowHelp();
        }
        if (args.length >= 2) {
            Optional<Entry> two = find(args[0] + " " + args[1]);
            if (two.isPresent()) {
                return new RunCommand(two.get(), List.of(Arrays.copyOfRange(args, 2, args.length)));
            }
        }
        return find(args[0])
                .<Request>map(e -> new RunCommand(e, List.of(Arrays.copyOfRange(args, 1, args.length))))
                .orElse(new Unknown(args[0]));
    }

    public String help() {
        StringBuilder b = new StringBuilder();
        b.append("Hygie — service numérique de santé souverain\n\n")
                .append("Usage:\n")
                .append("  ./hygie                     démarre le serveur (http://localhost:8080)\n")
                .append("  ./hygie <commande> [args]   exécute une commande et s'arrête\n")
                .append("  ./hygie --help              cette aide\n\n")
                .append("Commandes:\n");
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(10) + 2;
        for (Entry c : commands) {
            b.append("  ").append(String.format("%-" + width + "s", c.name())).append(c.summary()).append('\n');
            if (!c.usage().isBlank()) {
                b.append("  ").append(" ".repeat(width)).append("usage: ./hygie ").append(c.name()).append(' ')
                        .append(c.usage()).append('\n');
            }
        }
        b.append("\nVariables d'environnement: HYGIE_HOME, HYGIE_DATABASE_URL, HYGIE_DATABASE_USER,\n")
                .append("HYGIE_DATABASE_PASSWORD, HYGIE_DEMO_PASSWORD, SERVER_PORT, SPRING_PROFILES_ACTIVE (voir README).\n");
        return b.toString();
    }

    private Optional<Entry> find(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static boolean isHelp(String a) {
        return a.equals("--help") || a.equals("-h");
    }

}
