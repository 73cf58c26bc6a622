package fr.hygie.platform.database;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The bookkeeping of a cache of database rows kept true by evictions only, never by age (the relationship facts,
 * docs/adr/0001; the persons' rows, docs/adr/0005), shared so that its two rules are written once:
 * <ul>
 * <li>a read that overlapped an eviction does not stay: every eviction bumps a generation before it evicts, and
 * {@link #keep} removes what it stored if the generation moved since the read began ({@link #generation()});</li>
 * <li>nothing is used while announcements of other processes' changes may be missed ({@link #listening}, told by
 * {@link ChangeAnnouncements}), and everything kept before is dropped when they reach us again.</li>
 * </ul>
 * Bounded ({@code maximumSize} entries, the least useful evicted first); a size of 0 turns the cache off. Which reads may
 * fill it (committed rows only, no snapshot transaction) is for its owner to decide.
 */
public final class AnnouncedCache<K, V> {

    private final Cache<K, V> entries;
    private final boolean enabled;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;

    public AnnouncedCache(int maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(Math.max(1, maximumSize)).build();
        this.enabled = maximumSize > 0;
    }

    /** Whether the cache may be read and filled now: turned on, and hearing every change. */
    public boolean usable() {
        return enabled && listening;
    }

    /** What is kept for {@code key}, or null. */
    public V kept(K key) {
        return entries.getIfPresent(key);
    }

    /** Read before loading: {@link #keep} compares it with the generation after. */
    public long generation() {
        return generation.get();
    }

    /** Keeps {@code value}, read from the database after {@link #generation()} returned {@code seen}. */
    public void keep(K key, V value, long seen) {
        entries.put(key, value);
        if (generation.get() != seen) {
            // An eviction ran while we read: what we read may predate its change, and the eviction may already have
            // passed this key. We remove our entry ourselves (the next read goes to the database).
            entries.invalidate(key);
        }
    }

    public void evict(Collection<K> keys) {
        generation.incrementAndGet();
        entries.invalidateAll(keys);
    }

    /** One pass over what is kept (a whole import's persons at once). */
    public void evictIf(Predicate<K> which) {
        generation.incrementAndGet();
        entries.asMap().keySet().removeIf(which);
    }

    public void evictAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    /**
     * Announcements reach us (true: drop everything kept before, then keep again), or may be missed (false: drop
     * everything, and keep nothing until they reach us again).
     */
    public void listening(boolean listening) {
        if (!listening) {
            this.listening = false;
        }
        evictAll();
        if (listening) {
            this.listening = true;
        }
    }

    /** How many entries are kept (tests, and the documentation of the bound). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
