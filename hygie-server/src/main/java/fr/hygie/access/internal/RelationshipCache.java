package fr.hygie.access.internal;

import fr.hygie.access.RelationshipFacts;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.platform.database.AnnouncedCache;
import fr.hygie.platform.database.ChangeAnnouncements;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The relationship facts of (person, professional) pairs kept in memory between access decisions
 * (issue 13: they were one SQL statement per decision, two per record list + read). The trust rule
 * (docs/security.md, "Relationship facts in memory"): a block, a revoked authorisation, a new médecin traitant,
 * an emergency-access opt-out, a removed regulator take effect on the very next request. So an entry is never
 * aged out by a time-to-live; it is evicted by the transaction that changes one of its facts, when that
 * transaction completes (commit or rollback), before the changing call returns to its caller. Every change goes
 * through {@link AccessStore} (the only writer of the {@code access} schema), which reports it here.
 *
 * <p>Three races are closed:
 * <ul>
 * <li>A decision that read the database before a change committed and stores its (old) facts after the change's
 * eviction: every change bumps a generation ({@link AnnouncedCache}); a load that saw another generation when it started removes
 * what it stored.</li>
 * <li>A transaction that changed a fact and decides again before committing: it reads the database (it sees its
 * own change) and shares nothing it read (uncommitted facts never enter the cache).</li>
 * <li>A transaction with a snapshot older than its statements (REPEATABLE READ, SERIALIZABLE) neither reads nor
 * fills the cache.</li>
 * </ul>
 * Emergency sessions are kept with their opening and expiry instants, and the session flag is computed at each
 * decision from the clock, as the SQL did; a session that had expired when the entry was read is not kept (time
 * only moves on, and a clock moved back could only refuse more).
 *
 * <p>Bounded: {@code hygie.access.relationship-cache-size} pairs (default 50,000, ~10 MB; 0 turns it off), the least
 * useful evicted first. A change made by ANOTHER process on the same database (a subcommand such as {@code ./hygie import},
 * an operator's SQL) is announced by PostgreSQL triggers at commit ({@code NOTIFY hygie_access_facts}, migration
 * {@code V20261129_2019}; this server's own changes too, evicted again, harmlessly) and handed over here by the
 * application's {@link ChangeAnnouncements}; while it is not listening, the cache is not used at all (every decision
 * reads the database, as before issue 13), and when it listens again everything kept before is dropped:
 * docs/adr/0001-relationship-facts-cached-in-one-server.md.
 */
final class RelationshipCache implements ChangeAnnouncements.Subscriber {

    /** The channel of the access tables' triggers. */
    static final String CHANNEL = "hygie_access_facts";

    /** One (person, professional) pair. */
    record Key(PatientId patient, ProfessionalId professional) {
    }

    /** An emergency session's window: open from {@code openedAt} (included) to {@code expiresAt} (excluded). */
    record Window(Instant openedAt, Instant expiresAt) {
    }

    /** What is kept for one pair: the facts that do not depend on the time, and the sessions not yet expired. */
    record Entry(boolean treatingPhysician, boolean authorised, boolean blocked, boolean regulator,
            boolean emergencyAccessAllowedByPatient, List<Window> sessions) {

        Entry {
            sessions = List.copyOf(sessions);
        }

        /** The facts at {@code now}: the same comparison as the SQL ({@code opened_at <= now AND expires_at > now}). */
        RelationshipFacts at(Instant now) {
            Instant t = now.truncatedTo(ChronoUnit.MICROS);
            boolean session = false;
            for (Window w : sessions) {
                if (!w.openedAt().isAfter(t) && w.expiresAt().isAfter(t)) {
                    session = true;
                    break;
                }
            }
            return new RelationshipFacts(treatingPhysician, authorised, blocked, session, regulator, emergencyAccessAllowedByPatient);
        }
    }

    /** Bounded, evicted by changes only; size 0 turns it off: every decision reads the database (as before issue 13). */
    private final AnnouncedCache<Key, Entry> entries;

    RelationshipCache(int maximumSize) {
        this.entries = new AnnouncedCache<>(maximumSize);
    }

    /** The facts of this pair at {@code now}, from memory or from {@code load} (which reads the database). */
    RelationshipFacts facts(PatientId patient, ProfessionalId professional, Instant now, Supplier<Entry> load) {
        if (!entries.usable() || !shareable()) {
            return load.get().at(now);
        }
        Key key = new Key(patient, professional);
        Entry entry = entries.kept(key);
        if (entry == null) {
            // A change that completes while we read bumps the generation: then what we read is not kept.
            long seen = entries.generation();
            entry = load.get();
            entries.keep(key, entry, seen);
        }
        return entry.at(now);
    }

    /** The authorisation, block, médecin traitant or emergency sessions of this pair changed. */
    void pairChanged(PatientId patient, ProfessionalId professional) {
        changed(c -> c.pairs.add(new Key(patient, professional)));
    }

    /** A fact of this person with every professional changed (médecin traitant replaced, emergency-access setting). */
    void patientChanged(PatientId patient) {
        changed(c -> c.patients.add(patient));
    }

    /** A fact of this professional with every person changed (regulator added or removed). */
    void professionalChanged(ProfessionalId professional) {
        changed(c -> c.professionals.add(professional));
    }

    /**
     * Changes committed by another process (or by this one: announced too), heard on {@link #CHANNEL}: one eviction pass
     * for everything heard at once (an import announces thousands of rows). {@code pair:<patient>:<professional>},
     * {@code patient:<id>}, {@code professional:<id>}; anything else (a TRUNCATE's announcement, a payload we cannot
     * read) drops everything.
     */
    @Override
    public void heard(List<String> payloads) {
        Set<Key> pairs = new HashSet<>();
        Set<PatientId> patients = new HashSet<>();
        Set<ProfessionalId> professionals = new HashSet<>();
        boolean all = false;
        for (String payload : payloads) {
            String[] part = payload.split(":", 3);
            try {
                switch (part[0]) {
                    case "pair" -> pairs.add(new Key(new PatientId(UUID.fromString(part[1])), new ProfessionalId(UUID.fromString(part[2]))));
                    case "patient" -> patients.add(new PatientId(UUID.fromString(part[1])));
                    case "professional" -> professionals.add(new ProfessionalId(UUID.fromString(part[1])));
                    case "sync" -> {
                        // A test's synchronisation token: nothing changed.
                    }
                    default -> all = true;
                }
            } catch (RuntimeException unreadable) {
                // Fail safe: an announcement we cannot read drops everything.
                all = true;
            }
        }
        changedElsewhere(pairs, patients, professionals, all);
    }

    /** Changes committed elsewhere: evicted at once; {@code all} when an announcement concerned a whole table. */
    private void changedElsewhere(Set<Key> pairs, Set<PatientId> patients, Set<ProfessionalId> professionals, boolean all) {
        if (all) {
            entries.evictAll();
            return;
        }
        evict(pairs, patients, professionals);
    }

    /**
     * The listener starts (true, once it listens) or lost its connection (false): announcements may have been
     * missed, so everything kept is dropped, and nothing is kept until it listens again.
     */
    @Override
    public void listening(boolean listening) {
        entries.listening(listening);
    }

    /** How many pairs are kept (for tests and the documentation of the bound). */
    long size() {
        return entries.size();
    }

    /**
     * Called right after the statement that changed the facts. In a transaction, the eviction waits for its end
     * (an eviction before the commit would let a concurrent decision cache the old committed facts again); the
     * transaction itself reads the database meanwhile ({@link #shareable()}). Without a transaction the statement
     * is already committed: evict now.
     */
    private void changed(Consumer<Changes> what) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            what.accept(changesOfThisTransaction());
        } else {
            Changes now = new Changes();
            what.accept(now);
            evict(now.pairs, now.patients, now.professionals);
        }
    }

    private Changes changesOfThisTransaction() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Changes c && c.owner == this) {
                return c;
            }
        }
        Changes c = new Changes();
        TransactionSynchronizationManager.registerSynchronization(c);
        return c;
    }

    /** Whether this thread may read and fill the cache: not inside a transaction that changed facts or reads a snapshot. */
    private boolean shareable() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return true;
        }
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        if (isolation != null && isolation >= Connection.TRANSACTION_REPEATABLE_READ) {
            return false;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Changes c && c.owner == this) {
                return false;
            }
        }
        return true;
    }

    private void evict(Set<Key> pairs, Set<PatientId> patients, Set<ProfessionalId> professionals) {
        if (!patients.isEmpty() || !professionals.isEmpty()) {
            // One pass for a whole import (thousands of médecins traitants declared in one transaction).
            entries.evictIf(k -> patients.contains(k.patient()) || professionals.contains(k.professional()));
        }
        entries.evict(pairs);
    }

    /** The facts one transaction changed, evicted when it completes (committed or rolled back). */
    private final class Changes implements TransactionSynchronization {
        final RelationshipCache owner = RelationshipCache.this;
        final Set<Key> pairs = new HashSet<>();
        final Set<PatientId> patients = new HashSet<>();
        final Set<ProfessionalId> professionals = new HashSet<>();

        @Override
        public void afterCompletion(int status) {
            evict(pairs, patients, professionals);
        }
    }
}
