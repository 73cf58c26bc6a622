package fr.hygie;

import fr.hygie.platform.cli.CommandLine;
import fr.hygie.platform.cli.Console;
import fr.hygie.platform.cli.HygieCommand;
import fr.hygie.platform.StartupRefusal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hygie in one process. {@code ./hygie} starts the web server; {@code ./hygie <command>} runs one
 * subcommand against the same database and exits (see {@link CommandLine}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HygieApplication {

    public static void main(String[] args) {
        Console console = Console.system();
        CommandLine cli = CommandLine.scan(HygieApplication.class.getPackageName());
        CommandLine.Request request = cli.parse(args);
        int code;
        if (request instanceof CommandLine.StartServer s) {
            code = startServer(s.springArgs(), console);
        } else if (request instanceof CommandLine.RunCommand r) {
            code = runCommand(r, console);
        } else if (request instanceof CommandLine.Unknown u) {
            console.error("Commande inconnue : « " + u.word() + " ». Voir ./hygie --help");
            code = 2;
        } else {
            console.println(cli.help());
            code = 0;
        }
        if (code >= 0) {
            System.exit(code);
        }
    }

    private static int startServer(String[] args, Console console) {
        try {
            SpringApplication app = new SpringApplication(HygieApplication.class);
            // One server per HYGIE_HOME (platform.database.ServerLock); tests start their contexts without it.
            app.setDefaultProperties(java.util.Map.of("hygie.server.single-instance", "true"));
            app.run(args);
            return -1; // keep running
        } catch (RuntimeException e) {
            return reportStartFailure(e, console);
        }
    }

    private static int runCommand(CommandLine.RunCommand request, Console console) {
        SpringApplication app = new SpringApplication(HygieApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(java.util.Map.of("hygie.cli.active", "true", "logging.level.root", "warn"));
        try (ConfigurableApplicationContext context = app.run()) {
            HygieCommand command = (HygieCommand) context.getBean(request.command().type());
            return command.run(request.args(), console);
        } catch (Exception e) {
            return reportStartFailure(e, console);
        }
    }

    private static int reportStartFailure(Exception e, Console console) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StartupRefusal refusal) {
                console.error(refusal.getMessage());
                return 3;
            }
        }
        console.error("Échec : " + e.getMessage());
        return 1;
    }
}
