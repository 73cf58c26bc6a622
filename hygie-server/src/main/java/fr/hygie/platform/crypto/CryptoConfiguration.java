package fr.hygie.platform.crypto;

import fr.hygie.platform.HygieHome;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    MasterKeys masterKeys(HygieHome home, Environment environment,
            @Value("${hygie.keys.master-keyset:}") String configuredPath) {
        return MasterKeys.forEnvironment(home, configuredPath, environment.matchesProfiles("prod"));
    }

    /** {@code hygie.crypto.data-key-cache-size}: unwrapped data keys kept in memory (docs/adr/0003), 0 for none. */
    @Bean
    EnvelopeEncryption envelopeEncryption(KeyEncryptionKey masterKeys,
            @Value("${hygie.crypto.data-key-cache-size:" + EnvelopeEncryption.DEFAULT_DATA_KEY_CACHE_SIZE + "}") int dataKeyCacheSize) {
        return new EnvelopeEncryption(masterKeys, dataKeyCacheSize);
    }

    @Bean
    Pseudonyms pseudonyms(HygieHome home, EnvelopeEncryption envelope) {
        return new Pseudonyms(MasterKeys.keysDir(home).resolve("pseudonyms"), envelope);
    }
}
