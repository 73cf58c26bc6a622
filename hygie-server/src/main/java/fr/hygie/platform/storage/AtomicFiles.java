package fr.hygie.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Crash-safe file writes: the content goes to a temporary file in the target's folder, is flushed to
 * the disk ({@code fsync}), then takes the target's name in one atomic rename, and the folder itself
 * is flushed. A reader sees the old file or the new one, never half of one, even after a power cut.
 * Files are created readable by their owner only (0600): they hold keys or ciphertext.
 * {@link #createNew} writes a file nobody can be reading yet in place, without the temporary file.
 */
public final class AtomicFiles {

    /** Prefix of the temporary files; listings skip them (a crash may leave one behind). */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target}, replacing any previous file atomically. */
    public static void write(Path target, byte[] content) {
        Path temp = writeTemp(target, content);
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("The file system of " + target.getParent()
                        + " cannot rename atomically; Hygie needs it to store keys and documents safely", e);
            }
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Creates {@code target} with {@code content} only if no file has that name yet, atomically even
     * against another process (a hard link fails when the name exists).
     *
     * @return {@code false} when the file already existed (its content is left untouched)
     */
    public static boolean writeIfAbsent(Path target, byte[] content) {
        Path temp = writeTemp(target, content);
        try {
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                // No hard links on this file system: a rename without replacement is the next best.
                try {
                    Files.move(temp, target);
                } catch (FileAlreadyExistsException exists) {
                    return false;
                }
            }
            syncDirectory(target.getParent());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Creates {@code target}, which nobody may read before this method returns, with {@code content}, in place:
     * one write, the file flushed, then its folder flushed (the new name). No temporary file and no rename, so one
     * journal commit of the file system instead of two (the folder's flush finds its new entry already committed by
     * the file's). A crash in the middle leaves a partial file under the final name: only a caller that has not yet
     * published the name may use this (a fresh blob id that no row references: the start-up orphan sweep removes
     * it). Files are created readable by their owner only (0600).
     *
     * @return {@code false} when a file of that name already exists (nothing written, its content untouched)
     */
    public static boolean createNew(Path target, byte[] content) {
        Path dir = target.getParent();
        boolean created = false;
        try {
            createDirectoriesDurably(dir);
            try (FileChannel ch = FileChannel.open(target, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnly())) {
                created = true;
                writeFully(ch, content);
                ch.force(true);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            syncDirectory(dir);
            return true;
        } catch (IOException e) {
            if (created) {
                deleteQuietly(target); // never referenced: a partial file must not stay behind
            }
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private static Path writeTemp(Path target, byte[] content) {
        Path dir = target.getParent();
        Path temp = dir.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        try {
            createDirectoriesDurably(dir);
            try (FileChannel ch = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnly())) {
                writeFully(ch, content);
                ch.force(true);
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /** The whole content in one write call for a file of ordinary size (a loop only if the system writes less). */
    private static void writeFully(FileChannel ch, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }

    /**
     * Creates a missing folder and flushes the parent of every folder it created, so that a file flushed into it
     * afterwards is reachable after a power cut (POSIX: a new entry is durable once its folder is flushed). An
     * existing folder costs one {@code stat}.
     */
    static void createDirectoriesDurably(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        java.util.ArrayDeque<Path> missing = new java.util.ArrayDeque<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        Files.createDirectories(dir);
        for (Path created : missing) {
            if (created.getParent() != null) {
                syncDirectory(created.getParent());
            }
        }
    }

    /** Flushes a folder's entries, so that a rename or a deletion survives a crash (POSIX only). */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some systems (Windows) cannot open a folder; the rename itself is still atomic there.
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temporary file is skipped by every listing; nothing else to do.
        }
    }
}
