package fr.hygie.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.MasterKeys;
import fr.hygie.platform.crypto.WrappedKeyHolder;
import fr.hygie.support.HygieIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every sealed value of every module survives {@code ./hygie keys rotate --retire-old}: after a rotation
 * and the re-wrap by every {@link WrappedKeyHolder}, each column that holds sealed data (named
 * {@code *_sealed}: {@code sealText} tokens, or {@code wrapped_key}: data keys) opens with the new master
 * key alone. The columns are found in the database's catalogue, so a module that adds sealed data without
 * a holder fails here (messaging had none: once another test retired the old key in the shared context,
 * every conversation page answered 500).
 *
 * <p>Safe in the shared context: the old keys are retired on a <em>copy</em> of the keyset only.
 */
@HygieIntegrationTest
class SealedDataRotationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MasterKeys masterKeys;

    @Autowired
    EnvelopeEncryption envelope;

    @Autowired
    List<WrappedKeyHolder> holders;

    @TempDir
    Path temp;

    record Column(String schema, String table, String column) {
        String qualified() {
            return schema + "." + table + "." + column;
        }
    }

    @Test
    void afterARotationEverySealedColumnOfEveryModuleOpensWithTheNewMasterKeyAlone() throws Exception {
        List<Column> columns = jdbc.sql("""
                SELECT table_schema, table_name, column_name FROM information_schema.columns
                WHERE (column_name LIKE '%\\_sealed' OR column_name = 'wrapped_key')
                  AND table_schema NOT IN ('pg_catalog', 'information_schema')
                ORDER BY 1, 2, 3""").query((rs, n) -> new Column(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        assertThat(columns).extracting(Column::qualified).contains("record.document.wrapped_key", "record.document.title_sealed",
                "messaging.message.body_sealed", "messaging.attachment.wrapped_key", "oversight.contact_request.message_sealed");
        assertThat(count("messaging.message", "body_sealed")).as("the demo cast has messages to check").isPositive();

        masterKeys.rotate();
        for (WrappedKeyHolder holder : holders) {
            holder.rewrapAll(envelope);
        }

        // The operator's --retire-old, on a copy: the server's own keyset keeps its old keys.
        Path copy = Files.createDirectories(temp.resolve("keys")).resolve(MasterKeys.DEFAULT_FILE_NAME);
        Files.copy(masterKeys.file(), copy);
        MasterKeys retired = MasterKeys.openOrCreate(copy);
        retired.retireOld();
        EnvelopeEncryption newKeyOnly = new EnvelopeEncryption(retired);

        List<String> unreadable = new ArrayList<>();
        for (Column c : columns) {
            String sql = "SELECT " + c.column() + " FROM " + c.schema() + "." + c.table() + " WHERE " + c.column() + " IS NOT NULL";
            long failed = 0;
            if ("wrapped_key".equals(c.column())) {
                for (byte[] key : jdbc.sql(sql).query((rs, n) -> rs.getBytes(1)).list()) {
                    failed += opens(() -> newKeyOnly.rewrap(key)) ? 0 : 1;
                }
            } else {
                for (String token : jdbc.sql(sql).query(String.class).list()) {
                    failed += opens(() -> newKeyOnly.rewrapText(token)) ? 0 : 1;
                }
            }
            if (failed > 0) {
                unreadable.add(c.qualified() + ": " + failed + " value(s) still wrapped under a retired master key");
            }
        }
        assertThat(unreadable).as("sealed columns that no WrappedKeyHolder re-wraps (add one to the module)").isEmpty();
    }

    private long count(String table, String column) {
        return jdbc.sql("SELECT count(" + column + ") FROM " + table).query(Long.class).single();
    }

    private static boolean opens(Runnable unwrap) {
        try {
            unwrap.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
