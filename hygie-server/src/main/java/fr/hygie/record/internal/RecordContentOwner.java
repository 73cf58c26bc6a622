package fr.hygie.record.internal;

import fr.hygie.platform.storage.StoredContentOwner;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The record's blobs: documents whose data key still exists (a crypto-erased document owns nothing). */
@Component
class RecordContentOwner implements StoredContentOwner {

    private final JdbcClient jdbc;

    RecordContentOwner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean owns(UUID id) {
        return jdbc.sql("SELECT count(*) FROM record.document WHERE id = :id AND wrapped_key IS NOT NULL")
                .param("id", id).query(Long.class).single() > 0;
    }
}
