package fr.hygie.identity;

import fr.hygie.platform.database.ChangeAnnouncements;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Persons' rows kept in memory, subscribed to the announcements that keep them true to other processes' changes (ADR 0005). */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** Bounded by {@code hygie.identity.person-cache-size} (default 20,000; 0 turns it off). */
    @Bean
    PersonRows personRows(@Value("${hygie.identity.person-cache-size:20000}") int size, ChangeAnnouncements announcements) {
        PersonRows rows = new PersonRows(size);
        announcements.subscribe(PersonRows.CHANNEL, rows);
        return rows;
    }
}
