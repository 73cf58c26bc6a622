package fr.hygie.messaging.internal;

import fr.hygie.platform.storage.StoredContentOwner;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Messaging's blobs: the sealed content of attachments. */
@Component
class MessagingContentOwner implements StoredContentOwner {

    private final JdbcClient jdbc;

    MessagingContentOwner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean owns(UUID id) {
        return jdbc.sql("SELECT count(*) FROM messaging.attachment WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }
}
