package fr.hygie.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.hygie.platform.HygieHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeysTest {

    static final byte[] KEY = "a serialized data key".getBytes(StandardCharsets.UTF_8);
    static final byte[] CONTEXT = "test".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void firstStartCreatesTheKeysetReadableByItsOwnerOnly() throws Exception {
        HygieHome home = new HygieHome(dir);

        MasterKeys keys = MasterKeys.forEnvironment(home, "", false);

        Path file = dir.resolve("keys").resolve("master-keyset.json");
        assertThat(keys.file()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(keys.status().keys()).hasSize(1);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("master-keyset.json");
        }
    }

    @Test
    void aRestartReadsTheSameKeyset() throws Exception {
        HygieHome home = new HygieHome(dir);
        byte[] wrapped = MasterKeys.forEnvironment(home, "", false).wrap(KEY, CONTEXT);

        assertThat(MasterKeys.forEnvironment(home, "", false).unwrap(wrapped, CONTEXT)).isEqualTo(KEY);
    }

    @Test
    void aConfiguredPathIsUsedInsteadOfTheHome() {
        Path elsewhere = dir.resolve("secure/hygie-master.json");

        MasterKeys keys = MasterKeys.forEnvironment(new HygieHome(dir.resolve("home")), elsewhere.toString(), false);

        assertThat(keys.file()).isEqualTo(elsewhere);
        assertThat(elsewhere).exists();
        assertThat(dir.resolve("home/keys/master-keyset.json")).doesNotExist();
    }

    @Test
    void productionRefusesToStartWithoutAnExplicitKeyset() {
        HygieHome home = new HygieHome(dir);

        assertThatThrownBy(() -> MasterKeys.forEnvironment(home, "", true))
                .isInstanceOf(MasterKeysUnavailableException.class)
                .hasMessageContaining("hygie.keys.master-keyset")
                .hasMessageContaining("HYGIE_KEYS_MASTER_KEYSET");
        assertThat(dir.resolve("keys/master-keyset.json")).doesNotExist();
    }

    @Test
    void productionRefusesAConfiguredKeysetThatDoesNotExist() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> MasterKeys.forEnvironment(new HygieHome(dir), missing.toString(), true))
                .isInstanceOf(MasterKeysUnavailableException.class)
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
    }

    @Test
    void productionUsesAnExistingConfiguredKeyset() throws Exception {
        Path file = dir.resolve("prod.json");
        byte[] wrapped = MasterKeys.openOrCreate(file).wrap(KEY, CONTEXT);

        MasterKeys keys = MasterKeys.forEnvironment(new HygieHome(dir.resolve("home")), file.toString(), true);

        assertThat(keys.unwrap(wrapped, CONTEXT)).isEqualTo(KEY);
    }

    @Test
    void aFileThatIsNotAKeysetIsRefusedWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"secret\": \"do-not-print-me\"}");

        assertThatThrownBy(() -> MasterKeys.openExisting(file))
                .isInstanceOf(MasterKeysUnavailableException.class)
                .hasMessageNotContaining("do-not-print-me");
    }

    @Test
    void rotationAddsAPrimaryAndKeepsTheOldKeyForDecryption() throws Exception {
        MasterKeys keys = MasterKeys.openOrCreate(dir.resolve("k.json"));
        int first = keys.status().primaryId();
        byte[] before = keys.wrap(KEY, CONTEXT);

        int second = keys.rotate();

        assertThat(second).isNotEqualTo(first);
        assertThat(keys.status().primaryId()).isEqualTo(second);
        assertThat(keys.status().keys()).extracting(MasterKeys.KeyInfo::enabled).containsExactly(true, true);
        assertThat(keys.unwrap(before, CONTEXT)).isEqualTo(KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.file()))).isEqualTo("rw-------");
    }

    @Test
    void aRotationByAnotherProcessIsSeenBeforeTheNextWrap() throws Exception {
        Path file = dir.resolve("k.json");
        MasterKeys server = MasterKeys.openOrCreate(file);
        MasterKeys operator = MasterKeys.openOrCreate(file);

        operator.rotate();
        byte[] wrappedByServer = server.wrap(KEY, CONTEXT);
        operator.retireOld();

        assertThat(server.status().primaryId()).isEqualTo(operator.status().primaryId());
        assertThat(operator.unwrap(wrappedByServer, CONTEXT)).isEqualTo(KEY);
    }

    @Test
    void retiredKeysNoLongerDecrypt() throws Exception {
        MasterKeys keys = MasterKeys.openOrCreate(dir.resolve("k.json"));
        byte[] before = keys.wrap(KEY, CONTEXT);
        keys.rotate();

        assertThat(keys.retireOld()).isEqualTo(1);

        assertThatThrownBy(() -> keys.unwrap(before, CONTEXT)).isInstanceOf(java.security.GeneralSecurityException.class);
        assertThat(keys.unwrap(keys.wrap(KEY, CONTEXT), CONTEXT)).isEqualTo(KEY);
        assertThat(keys.status().enabledCount()).isEqualTo(1);
        assertThat(keys.status().keys()).hasSize(2);
    }
}
