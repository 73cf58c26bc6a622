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

    @Bean
    EnvelopeEncryption envelopeEncryption(KeyEncryptionKey masterKeys) {
        return new EnvelopeEncryption(masterKeys);
    }

    @Bean
    Pseudonyms pseudonyms(HygieHome home, EnvelopeEncryption envelope) {
        return new Pseudonyms(MasterKeys.keysDir(home).resolve("pseudonyms"), envelope);
    }
}
