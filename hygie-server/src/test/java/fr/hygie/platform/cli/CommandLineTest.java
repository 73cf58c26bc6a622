package fr.hygie.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    static final CommandLine CLI = CommandLine.scan("fr.hygie");

    @Test
    void theHelpListsEverySubcommandWithoutStartingTheServer() {
        assertThat(CLI.help()).contains("generate", "journal verify", "journal checkpoint", "keys rotate");
    }

    @Test
    void twoWordCommandsWinOverOneWordOnes() {
        assertThat(CLI.parse(new String[] {"journal", "verify"})).isInstanceOf(CommandLine.RunCommand.class)
                .extracting(r -> ((CommandLine.RunCommand) r).command().name()).isEqualTo("journal verify");
    }

    @Test
    void noArgumentsOrSpringArgumentsStartTheServerAndUnknownWordsAreRefused() {
        assertThat(CLI.parse(new String[] {})).isInstanceOf(CommandLine.StartServer.class);
        assertThat(CLI.parse(new String[] {"--server.port=18080"})).isInstanceOf(CommandLine.StartServer.class);
        assertThat(CLI.parse(new String[] {"--help"})).isInstanceOf(CommandLine.ShowHelp.class);
        assertThat(CLI.parse(new String[] {"frobnicate"})).isInstanceOf(CommandLine.Unknown.class);
    }
}
