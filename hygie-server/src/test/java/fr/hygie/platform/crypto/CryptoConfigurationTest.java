package fr.hygie.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.HygieHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The beans as the server wires them, without the rest of the application. */
class CryptoConfigurationTest {

    @TempDir
    Path dir;

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withBean(HygieHome.class, () -> new HygieHome(dir))
                .withUserConfiguration(CryptoConfiguration.class)
                .withBean(KeysRotateCommand.class);
    }

    @Test
    void outsideProductionTheMasterKeysetIsCreatedUnderTheHome() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MasterKeys.class).file()).isEqualTo(dir.resolve("keys/master-keyset.json"));
            assertThat(context.getBean(KeyEncryptionKey.class)).isSameAs(context.getBean(MasterKeys.class));
            assertThat(context.getBeansOfType(WrappedKeyHolder.class)).containsKey("pseudonyms");
        });
    }

    @Test
    void theProductionProfileRefusesToStartWithoutAConfiguredMasterKeyset() {
        runner().withPropertyValues("spring.profiles.active=prod").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(MasterKeysUnavailableException.class)
                    .hasMessageContaining("hygie.keys.master-keyset");
            assertThat(dir.resolve("keys/master-keyset.json")).doesNotExist();
        });
    }

    @Test
    void theProductionProfileStartsWithAnExistingConfiguredKeyset() {
        Path file = dir.resolve("operator/master.json");
        MasterKeys.openOrCreate(file);

        runner().withPropertyValues("spring.profiles.active=prod", "hygie.keys.master-keyset=" + file).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MasterKeys.class).file()).isEqualTo(file);
        });
    }
}
