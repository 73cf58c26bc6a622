package fr.hygie.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.platform.StartupRefusal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLockTest {

    @Test
    void aSecondServerOnTheSameHomeIsRefusedWithASentenceAndTheFirstKeepsItsLock(@TempDir Path home) throws Exception {
        Path run = Files.createDirectories(home.resolve("run"));
        try (ServerLock first = ServerLock.take(home, run)) {
            assertThat(first.held()).isTrue();
            assertThat(Files.readString(run.resolve("server.lock"), StandardCharsets.US_ASCII).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));

            assertThatThrownBy(() -> ServerLock.take(home, run))
                    .isInstanceOf(StartupRefusal.class)
                    .hasMessage("Un serveur Hygie utilise déjà ce dossier (HYGIE_HOME " + home
                            + ") : arrêtez-le avant d'en démarrer un autre, ou démarrez celui-ci sur un autre HYGIE_HOME.");
            assertThat(first.held()).isTrue();
        }
    }

    @Test
    void onceTheServerHasStoppedTheHomeCanBeServedAgain(@TempDir Path home) throws Exception {
        Path run = Files.createDirectories(home.resolve("run"));
        ServerLock.take(home, run).close();
        try (ServerLock again = ServerLock.take(home, run)) {
            assertThat(again.held()).isTrue();
        }
    }

    @Test
    void anotherHomeIsNotHeldByThisOne(@TempDir Path a, @TempDir Path b) throws Exception {
        try (ServerLock first = ServerLock.take(a, Files.createDirectories(a.resolve("run")));
                ServerLock second = ServerLock.take(b, Files.createDirectories(b.resolve("run")))) {
            assertThat(first.held()).isTrue();
            assertThat(second.held()).isTrue();
        }
    }

    @Test
    void contextsWithoutTheSingleInstanceSettingTakeNoLock() {
        assertThat(ServerLock.none().held()).isFalse();
    }
}
