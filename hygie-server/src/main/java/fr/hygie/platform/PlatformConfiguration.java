package fr.hygie.platform;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HygieProperties.class)
class PlatformConfiguration {

    @Bean
    HygieHome hygieHome(HygieProperties properties) {
        return new HygieHome(Path.of(properties.home()));
    }

    /** One clock for the whole server, so that tests and audits agree on "now". */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
