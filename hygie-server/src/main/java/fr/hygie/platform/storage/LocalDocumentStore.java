package fr.hygie.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document store in a local folder ({@code HYGIE_HOME/documents}): one file per blob at
 * {@code xx/yy/<uuid>}, where {@code xx} and {@code yy} are the last four hex digits of the id. The
 * tail of a UUID v7 is random, whereas its head is a timestamp: fanning out on the head would put
 * every recent document in the same folder. 65,536 folders keep each one small up to hundreds of
 * millions of documents.
 */
public final class LocalDocumentStore implements DocumentStore {

    private static final String PAUSE_PREFIX = ".erasures-paused-";
    private static final Logger log = LoggerFactory.getLogger(LocalDocumentStore.class);

    /** How often an open pause refreshes its marker (its heartbeat), by default. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    /** A marker whose heartbeat is older than this is a pause nobody holds any more, by default. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(10);

    private final Path root;
    private final Duration heartbeat;
    private final Duration expiry;
    private final Clock clock;
    /**
     * Blobs whose erasure came while a pause was open: removed once no pause is open ({@link #completeDeferredErasures}),
     * by this process or, after a stop, by the next one (the server's list is in its database).
     */
    private final DeferredErasures deferred;

    /** A store whose deferred erasures are held in memory only (no database: unit tests, tools). */
    public LocalDocumentStore(Path root) {
        this(root, DEFAULT_HEARTBEAT, DEFAULT_EXPIRY, Clock.systemUTC());
    }

    /** As {@link #LocalDocumentStore(Path, Duration, Duration, Clock, DeferredErasures)}, deferred erasures in memory. */
    public LocalDocumentStore(Path root, Duration heartbeat, Duration expiry, Clock clock) {
        this(root, heartbeat, expiry, clock, DeferredErasures.inMemory());
    }

    /**
     * @param heartbeat how often an open pause refreshes its marker's modification time
     * @param expiry    age of a marker's heartbeat past which any process ends that pause (several heartbeats:
     *                  the backup holding it is gone or hung, on this machine or another one sharing the store)
     * @param deferred  where the erasures a pause deferred wait (the server's: its database, {@code platform.deferred_erasure})
     */
    public LocalDocumentStore(Path root, Duration heartbeat, Duration expiry, Clock clock, DeferredErasures deferred) {
        if (heartbeat.isNegative() || heartbeat.isZero() || expiry.compareTo(heartbeat.multipliedBy(3)) < 0) {
            // docs/security.md, "Backup and restore": a live backup must never look expired between two heartbeats.
            throw new IllegalArgumentException("The expiry of a pause of erasures (" + expiry
                    + ") must be at least three heartbeats (" + heartbeat + ")");
        }
        this.heartbeat = heartbeat;
        this.expiry = expiry;
        this.clock = clock;
        this.deferred = deferred;
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the document store " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** The file of one id (it may not exist). */
    Path pathOf(UUID id) {
        String s = id.toString().toLowerCase(Locale.ROOT);
        int n = s.length();
        return root.resolve(s.substring(n - 4, n - 2)).resolve(s.substring(n - 2)).resolve(s);
    }

    @Override
    public void put(UUID id, byte[] blob) {
        if (blob.length > MAX_BLOB_BYTES) {
            throw new IllegalArgumentException("Document content of " + blob.length
                    + " bytes exceeds the store's limit of " + MAX_BLOB_BYTES + " bytes");
        }
        AtomicFiles.write(pathOf(id), blob);
    }

    /**
     * Written in place (issue 13): file flushed, then its folder, one file-system journal commit instead of the two
     * of a temporary file renamed into place. Safe only for a fresh id (see {@link DocumentStore#putNew}): a
     * partial file left by a crash has no row and is removed at the next start.
     */
    @Override
    public void putNew(UUID id, byte[] blob) {
        if (blob.length > MAX_BLOB_BYTES) {
            throw new IllegalArgumentException("Document content of " + blob.length
                    + " bytes exceeds the store's limit of " + MAX_BLOB_BYTES + " bytes");
        }
        if (!AtomicFiles.createNew(pathOf(id), blob)) {
            put(id, blob);
        }
    }

    @Override
    public byte[] get(UUID id) {
        try {
            return Files.readAllBytes(pathOf(id));
        } catch (NoSuchFileException e) {
            throw new DocumentNotFoundException(id);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read stored document " + id, e);
        }
    }

    @Override
    public boolean exists(UUID id) {
        return Files.isRegularFile(pathOf(id));
    }

    @Override
    public boolean delete(UUID id) {
        Path p = pathOf(id);
        try {
            boolean deleted = Files.deleteIfExists(p);
            if (deleted) {
                AtomicFiles.syncDirectory(p.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete stored document " + id, e);
        }
    }

    /**
     * One marker file per pause, in the store's folder, so that a backup running in another process pauses the
     * server's erasures. An erasure commits before it checks; a backup creates its marker before its snapshot:
     * an erasure the snapshot does not see therefore finds the marker. While the pause is open a daemon thread
     * refreshes the marker's modification time every heartbeat; a marker whose heartbeat is older than the
     * expiry is ended by whichever process looks ({@link #endAbandonedPauses}), and the pause then knows it was
     * lost ({@link ErasurePause#held()}): the backup holding it refuses to finish rather than keep a copy
     * whose erased blobs may be missing.
     */
    @Override
    public ErasurePause pauseErasures() {
        Path marker = root.resolve(PAUSE_PREFIX + UUID.randomUUID());
        // Who holds the pause ("pid@host"), so that the server can tell a backup that died from a running one.
        AtomicFiles.write(marker, owner(ProcessHandle.current().pid()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MarkerPause pause = new MarkerPause(marker, clock);
        pause.startHeartbeat(heartbeat);
        return pause;
    }

    /** A pause held through its marker file, refreshed by a heartbeat until closed. */
    static final class MarkerPause implements ErasurePause {

        private final Path marker;
        private final Clock clock;
        private final AtomicBoolean lost = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "erasure-pause-heartbeat");
            t.setDaemon(true); // never keeps a JVM alive: a backup that ends without closing its pause still exits
            return t;
        });

        MarkerPause(Path marker, Clock clock) {
            this.marker = marker;
            this.clock = clock;
        }

        void startHeartbeat(Duration every) {
            beats.scheduleWithFixedDelay(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }

        Path marker() {
            return marker;
        }

        /**
         * Refreshes the marker's modification time; never re-creates it: a marker another process ended stays
         * ended, and this pause is lost from then on (an erasure may have removed a blob meanwhile).
         */
        boolean beat() {
            if (closed.get() || lost.get()) {
                return false;
            }
            try {
                Files.setLastModifiedTime(marker, FileTime.from(clock.instant()));
                return true;
            } catch (NoSuchFileException e) {
                if (closed.get()) {
                    return false; // closed meanwhile: its own close removed the marker
                }
                lost.set(true);
                log.warn("The pause of erasures of this backup was ended by another process (heartbeat too old)");
                return false;
            } catch (IOException e) {
                return false; // the next heartbeat tries again; the expiry leaves room for several misses
            }
        }

        @Override
        public boolean held() {
            return !lost.get() && Files.isRegularFile(marker);
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            beats.shutdownNow();
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot end the pause of erasures " + marker, e);
            }
        }
    }

    /**
     * Removes the blob now, or, while a pause is open, remembers it (durably for the server: {@link DeferredErasures}):
     * {@link #completeDeferredErasures} removes it once the last pause ends (the server checks every few seconds, and
     * at its start), also after a restart. If even remembering fails (the database is unreachable), the blob stays:
     * unreadable without its key, it is an orphan the next start's sweep removes.
     */
    @Override
    public boolean erase(UUID id) {
        if (erasuresPaused()) {
            try {
                deferred.defer(id);
            } catch (RuntimeException e) {
                log.warn("An erasure deferred by a backup could not be recorded ({}): its blob stays until the orphan sweep of the "
                        + "next start", e.getClass().getSimpleName());
            }
            return false;
        }
        // A line left for this blob by an earlier pause is forgotten by the next completeDeferredErasures: no database
        // work on the common path.
        return delete(id);
    }

    @Override
    public int completeDeferredErasures() {
        if (erasuresPaused() || deferred.count() == 0) {
            return 0;
        }
        int removed = 0;
        for (UUID id : deferred.pending()) {
            // A backup that opens its pause from now on takes its snapshot after these erasures were committed: it
            // does not need their blobs (they are orphans to it). The blob goes first, then its line: a stop in between
            // leaves a line whose blob is gone, which the next pass forgets.
            if (delete(id)) {
                removed++;
            }
            deferred.forget(id);
        }
        return removed;
    }

    @Override
    public int deferredErasures() {
        return deferred.count();
    }

    @Override
    public int endAbandonedPauses() {
        String host = "@" + host();
        int ended = 0;
        List<Path> markers;
        try (Stream<Path> files = Files.list(root)) {
            markers = files.filter(p -> isPauseMarker(p.getFileName().toString())).toList();
        } catch (IOException e) {
            return 0; // when in doubt, the pauses stay
        }
        for (Path marker : markers) {
            String holder;
            FileTime beat;
            try {
                beat = Files.getLastModifiedTime(marker);
                holder = Files.readString(marker, java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                continue; // closed meanwhile, or unreadable: kept (safe side)
            }
            Duration age = Duration.between(beat.toInstant(), clock.instant());
            if (age.compareTo(expiry) > 0) {
                // Any holder, this machine's or another's: a live backup refreshes its marker every heartbeat, so this one
                // is dead, hung, or a process whose pid was reused. Ending it is safe for the backup's copy: that backup
                // sees its pause lost and refuses to finish (ErasurePause#held).
                if (delete(marker)) {
                    ended++;
                    log.warn("Ended a pause of erasures held by {} whose heartbeat is {} s old (more than {} s): "
                            + "its backup stopped refreshing it", holder.isEmpty() ? "an unknown process" : holder,
                            age.toSeconds(), expiry.toSeconds());
                }
                continue;
            }
            if (!holder.endsWith(host)) {
                continue; // another machine's process, or a pause of unknown origin, with a fresh heartbeat: it may be running
            }
            long pid;
            try {
                pid = Long.parseLong(holder.substring(0, holder.length() - host.length()));
            } catch (NumberFormatException e) {
                continue;
            }
            if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty() && delete(marker)) {
                ended++;
                log.info("Ended a pause of erasures left by process {} of this machine, which is gone", pid);
            }
        }
        return ended;
    }

    private static boolean delete(Path marker) {
        try {
            return Files.deleteIfExists(marker);
        } catch (IOException e) {
            return false;
        }
    }

    /** The content of a pause marker: "pid@host". */
    static String owner(long pid) {
        return pid + "@" + host();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public boolean erasuresPaused() {
        try (Stream<Path> files = Files.list(root)) {
            return files.anyMatch(p -> isPauseMarker(p.getFileName().toString()));
        } catch (IOException e) {
            return true; // when in doubt, keep the blob: the start-up sweep removes it
        }
    }

    /** Name of a pause marker (never a document, never copied into a backup). */
    public static boolean isPauseMarker(String fileName) {
        return fileName.startsWith(PAUSE_PREFIX);
    }

    @Override
    public Stream<UUID> ids() {
        try {
            return Files.find(root, 3, (p, attrs) -> attrs.isRegularFile())
                    .map(p -> parse(p.getFileName().toString()))
                    .flatMap(Optional::stream);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the document store " + root, e);
        }
    }

    @Override
    public int removeInterruptedWrites(long before) {
        int removed = 0;
        try (Stream<Path> temps = Files.find(root, 3, (p, attrs) -> attrs.isRegularFile()
                && p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX) && attrs.lastModifiedTime().toMillis() < before)) {
            for (Path p : (Iterable<Path>) temps::iterator) {
                if (Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the document store " + root, e);
        }
        return removed;
    }

    /** Temporary files of interrupted writes and foreign files are not documents. */
    private static Optional<UUID> parse(String name) {
        if (name.length() != 36 || name.startsWith(AtomicFiles.TEMP_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "LocalDocumentStore[" + root + "]";
    }
}
