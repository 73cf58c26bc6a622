package fr.hygie.access.internal;

import fr.hygie.platform.database.ChangeAnnouncements;
import fr.hygie.access.AccessPolicy;
import fr.hygie.access.HabilitationMatrix;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
class AccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);
    private static final Pattern VERSION = Pattern.compile("-(v\\d+)\\.csv$");

    /** Loaded once at start-up; a matrix that cannot be read stops the server (fail closed). */
    @Bean
    HabilitationMatrix habilitationMatrix(AccessProperties properties, ResourceLoader loader) {
        Resource resource = loader.getResource(properties.matrix());
        Matcher m = VERSION.matcher(properties.matrix());
        if (!m.find()) {
            throw new IllegalStateException("The matrice d'habilitation file name must end with -v<number>.csv: " + properties.matrix());
        }
        try (Reader in = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            HabilitationMatrix matrix = HabilitationMatrix.parse(m.group(1), in);
            log.info("Matrice d'habilitation {} loaded: {} document types, {} professions",
                    matrix.version(), matrix.rows().size(), matrix.professions().size());
            return matrix;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the matrice d'habilitation " + properties.matrix(), e);
        }
    }

    /**
     * Bounded, evicted by changes only (never by age): see {@link RelationshipCache}; what other processes change on the
     * same database is announced by triggers on {@link RelationshipCache#CHANNEL}.
     */
    @Bean
    RelationshipCache relationshipCache(AccessProperties properties, ChangeAnnouncements announcements) {
        if (properties.relationshipCacheSize() < 0) {
            throw new IllegalStateException("hygie.access.relationship-cache-size must be 0 (off) or more");
        }
        RelationshipCache cache = new RelationshipCache(properties.relationshipCacheSize());
        announcements.subscribe(RelationshipCache.CHANNEL, cache);
        return cache;
    }

    @Bean
    AccessPolicy accessPolicy(HabilitationMatrix matrix) {
        return new AccessPolicy(matrix);
    }
}
