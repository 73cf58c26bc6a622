package fr.hygie.identity;

import fr.hygie.platform.database.AnnouncedCache;
import fr.hygie.platform.database.ChangeAnnouncements;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Persons' rows ({@link Patient}) kept in memory between pages (issue 13: the professional's record page read the
 * person's row at every request, one round trip of its five). docs/adr/0005-persons-rows-kept-in-memory.md.
 *
 * <p>The application never updates nor deletes a person's row ({@code IdentityRowsAreOnlyInsertedTest} fails if a
 * main source starts to); a change can only come from another process or an operator's SQL, which the table's
 * triggers announce at commit ({@code NOTIFY hygie_identity_persons}) and {@link ChangeAnnouncements} hands over here:
 * the entry is evicted within milliseconds of that commit. While the listener does not listen, nothing kept is used.
 * Rules, as for the relationship facts (ADR 0001):
 * <ul>
 * <li>only committed rows enter: a row is kept only when read outside a transaction (a transaction may see a row it
 * inserted and might still roll back);</li>
 * <li>a read that overlapped an eviction does not stay (a generation counter, {@link AnnouncedCache}, shared with the relationship facts);</li>
 * <li>a transaction reading a snapshot (REPEATABLE READ, SERIALIZABLE) neither reads nor fills the cache;</li>
 * <li>absence is never kept (a person registered a moment later is found at once).</li>
 * </ul>
 * Bounded: {@code hygie.identity.person-cache-size} persons (default 20,000; 0 turns it off), least useful evicted first.
 */
final class PersonRows implements ChangeAnnouncements.Subscriber {

    static final String CHANNEL = "hygie_identity_persons";

    private final AnnouncedCache<PatientId, Patient> entries;

    PersonRows(int maximumSize) {
        if (maximumSize < 0) {
            throw new IllegalStateException("hygie.identity.person-cache-size must be 0 (off) or more");
        }
        this.entries = new AnnouncedCache<>(maximumSize);
    }

    /** The person's row, from memory or from {@code load} (which reads the database). */
    Optional<Patient> byId(PatientId id, Supplier<Optional<Patient>> load) {
        if (!entries.usable() || snapshot()) {
            return load.get();
        }
        Patient kept = entries.kept(id);
        if (kept != null) {
            return Optional.of(kept);
        }
        long seen = entries.generation();
        Optional<Patient> read = load.get();
        if (read.isPresent() && !TransactionSynchronizationManager.isActualTransactionActive()) {
            entries.keep(id, read.get(), seen);
        }
        return read;
    }

    @Override
    public void listening(boolean listening) {
        entries.listening(listening);
    }

    @Override
    public void heard(List<String> payloads) {
        Set<PatientId> changed = new HashSet<>();
        boolean all = false;
        for (String p : payloads) {
            if (p.startsWith("sync:")) {
                continue;
            }
            try {
                if (p.startsWith("patient:")) {
                    changed.add(new PatientId(UUID.fromString(p.substring("patient:".length()))));
                } else {
                    all = true;
                }
            } catch (RuntimeException unreadable) {
                // Fail safe: an announcement we cannot read drops everything.
                all = true;
            }
        }
        if (all) {
            entries.evictAll();
        } else {
            entries.evict(changed);
        }
    }

    /** How many persons are kept (tests, and the documentation of the bound). */
    long size() {
        return entries.size();
    }

    private static boolean snapshot() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        return isolation != null && isolation >= Connection.TRANSACTION_REPEATABLE_READ;
    }
}
