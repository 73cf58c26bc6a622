package fr.hygie.identity;

import fr.hygie.platform.database.ChangeAnnouncements;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Persons' rows kept in memory, and the listener that keeps them true to other processes' changes (ADR 0005). */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** Bounded by {@code hygie.identity.person-cache-size} (default 20,000; 0 turns it off). */
    @Bean
    PersonRows personRows(@Value("${hygie.identity.person-cache-size:20000}") int size) {
        return new PersonRows(size);
    }

    @Bean
    ChangeAnnouncements personChangeListener(DataSource dataSource, PersonRows rows) {
        return new ChangeAnnouncements(dataSource, PersonRows.CHANNEL, rows);
    }
}
