package fr.hygie.platform.cli;

import java.util.List;

/** A subcommand of {@code ./hygie}: does its job and exits, without starting the web server. */
public interface HygieCommand {

    /**
     * @param args the arguments after the subcommand's name
     * @return the process exit code: 0 for success, 1 for a failed check, 2 for bad usage
     */
    int run(List<String> args, Console console) throws Exception;
}
