package fr.hygie.platform.database;

import fr.hygie.platform.StartupRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per {@code HYGIE_HOME}. Two servers on one home would each sweep orphan contents, run the daily jobs,
 * pause and resume erasures and hand the embedded PostgreSQL over on exit as if alone (docs/security.md, « Nothing
 * lost »): the second {@code ./hygie} is refused before it touches the database, with a sentence the operator can act
 * on. Subcommands ({@code backup}, {@code journal verify}, {@code export}…) run beside a server and take no lock.
 *
 * <p>An OS file lock ({@code HYGIE_HOME/run/server.lock}, which also names the holder's process): it ends with the
 * process, so a server killed with {@code kill -9} never leaves a stale lock behind ({@code CrashRecoveryIT} restarts
 * on the same home).
 */
final class ServerLock implements AutoCloseable {

    private static final ServerLock NONE = new ServerLock(null, null);

    private final FileChannel channel;
    private final FileLock lock;

    private ServerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** No lock: tests that run several application contexts on one home, and subcommands. */
    static ServerLock none() {
        return NONE;
    }

    /** Takes the home's server lock, or refuses to start when another server holds it. */
    static ServerLock take(Path home, Path runDir) {
        Path file = runDir.resolve("server.lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            if (lock == null) {
                channel.close();
                throw new StartupRefusedException("Un serveur Hygie utilise déjà ce dossier (HYGIE_HOME " + home
                        + ") : arrêtez-le avant d'en démarrer un autre, ou démarrez celui-ci sur un autre HYGIE_HOME.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
            return new ServerLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("verrou du serveur " + file, e);
        }
    }

    boolean held() {
        return lock != null && lock.isValid();
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
