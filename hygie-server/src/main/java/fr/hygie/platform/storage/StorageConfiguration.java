package fr.hygie.platform.storage;

import fr.hygie.platform.HygieHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /** The local folder store; an S3-compatible one will be chosen here by a property. */
    @Bean
    DocumentStore documentStore(HygieHome home) {
        return new LocalDocumentStore(home.dir("documents"));
    }
}
