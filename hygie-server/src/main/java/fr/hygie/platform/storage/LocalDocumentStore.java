package fr.hygie.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The document store in a local folder ({@code HYGIE_HOME/documents}): one file per blob at
 * {@code xx/yy/<uuid>}, where {@code xx} and {@code yy} are the last four hex digits of the id. The
 * tail of a UUID v7 is random, whereas its head is a timestamp: fanning out on the head would put
 * every recent document in the same folder. 65,536 folders keep each one small up to hundreds of
 * millions of documents.
 */
public final class LocalDocumentStore implements DocumentStore {

    private static final String PAUSE_PREFIX = ".erasures-paused-";

    private final Path root;

    public LocalDocumentStore(Path root) {
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
     * an erasure the snapshot does not see therefore finds the marker. A marker left by a backup that died only
     * keeps erased (unreadable) blobs until the orphan sweep at the next start.
     */
    @Override
    public ErasurePause pauseErasures() {
        Path marker = root.resolve(PAUSE_PREFIX + java.util.UUID.randomUUID());
        // Who holds the pause ("pid@host"), so that the server's start can tell a backup that died from a running one.
        AtomicFiles.write(marker, owner(ProcessHandle.current().pid()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return () -> {
            try {
                Files.deleteIfExists(marker);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot end the pause of erasures " + marker, e);
            }
        };
    }

    @Override
    public boolean erase(UUID id) {
        return !erasuresPaused() && delete(id);
    }

    @Override
    public int endAbandonedPauses() {
        String host = "@" + host();
        int ended = 0;
        try (Stream<Path> files = Files.list(root)) {
            for (Path marker : (Iterable<Path>) files.filter(p -> isPauseMarker(p.getFileName().toString()))::iterator) {
                String holder;
                try {
                    holder = Files.readString(marker, java.nio.charset.StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    continue; // closed meanwhile, or unreadable: kept (safe side)
                }
                if (!holder.endsWith(host)) {
                    continue; // another machine's process, or a pause of unknown origin: it may be running
                }
                long pid;
                try {
                    pid = Long.parseLong(holder.substring(0, holder.length() - host.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty() && Files.deleteIfExists(marker)) {
                    ended++;
                }
            }
        } catch (IOException e) {
            return ended; // when in doubt, the pauses stay
        }
        return ended;
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
