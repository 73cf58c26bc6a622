package fr.hygie.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import fr.hygie.platform.HygieHome;
import fr.hygie.platform.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keys ("clés maîtresses") of one Hygie installation: a Tink AEAD keyset (AES-256-GCM) that
 * wraps every data key, kept in a local JSON file readable by its owner only. It is the local
 * {@link KeyEncryptionKey}; see there for plugging a KMS or an HSM instead.
 *
 * <p>Where the file is: {@code hygie.keys.master-keyset} ({@code HYGIE_KEYS_MASTER_KEYSET}) when set,
 * otherwise {@code HYGIE_HOME/keys/master-keyset.json}, created on first start. In production (profile
 * {@code prod}) the path must be configured and the file must exist: a key made up on the spot by
 * the server would be a default secret, lost with the machine and never backed up apart from the data.
 * To create one for production, run Hygie once without the {@code prod} profile with
 * {@code hygie.keys.master-keyset} pointing at the target (the file is created there), or use Tink's
 * {@code tinkey create-keyset --key-template AES256_GCM --out-format json}.
 *
 * <p>Several processes share the file (the server and a {@code ./hygie keys rotate} beside it):
 * rotation takes a file lock, replaces the file atomically, and every process notices the new file
 * (its inode changes) before its next wrap, so that new data keys go under the new primary key.
 * The key material is never logged and never leaves this class except through {@link #wrap}.
 */
public final class MasterKeys implements KeyEncryptionKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);
    public static final String DEFAULT_FILE_NAME = "master-keyset.json";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final Object lock = new Object();
    private volatile Loaded current;

    /** A keyset read from the file, and the file's identity when it was read. */
    private record Loaded(KeysetHandle handle, Aead aead, Object fileKey, long modified, long size) {
    }

    /** One key of the keyset, without its material. */
    public record KeyInfo(int id, boolean primary, boolean enabled) {
    }

    /** What the keyset holds, for the operator: ids and states only. */
    public record Status(int primaryId, List<KeyInfo> keys) {
        public long enabledCount() {
            return keys.stream().filter(KeyInfo::enabled).count();
        }
    }

    private MasterKeys(Path file) {
        Tink.register();
        this.file = file.toAbsolutePath().normalize();
        this.current = load();
    }

    /**
     * The master keys as configured for this run.
     *
     * @param configuredPath {@code hygie.keys.master-keyset}, blank when not set
     * @param production whether the {@code prod} profile is active
     * @throws MasterKeysUnavailableException in production without an explicit, existing keyset
     */
    public static MasterKeys forEnvironment(HygieHome home, String configuredPath, boolean production) {
        boolean configured = configuredPath != null && !configuredPath.isBlank();
        if (production && !configured) {
            throw new MasterKeysUnavailableException("Profil prod : la clé maîtresse doit être fournie "
                    + "explicitement. Indiquez le chemin de son fichier avec HYGIE_KEYS_MASTER_KEYSET "
                    + "(propriété hygie.keys.master-keyset) ; Hygie ne crée jamais de clé maîtresse par défaut en "
                    + "production — Production profile: set hygie.keys.master-keyset to an existing master keyset; "
                    + "Hygie never creates a default one in production.");
        }
        if (production) {
            return openExisting(Path.of(configuredPath));
        }
        Path path = configured ? Path.of(configuredPath) : keysDir(home).resolve(DEFAULT_FILE_NAME);
        return openOrCreate(path);
    }

    /** Reads the keyset at {@code file}, which must exist. */
    public static MasterKeys openExisting(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MasterKeysUnavailableException("Le fichier de clé maîtresse " + file.toAbsolutePath()
                    + " n'existe pas (hygie.keys.master-keyset) — The master keyset file does not exist; "
                    + "restore it from its backup or point hygie.keys.master-keyset at it.");
        }
        return new MasterKeys(file);
    }

    /**
     * Reads the keyset at {@code file}, creating a fresh one first when there is none. Two processes
     * starting at once agree on one keyset: the file is created only if still absent, atomically.
     */
    public static MasterKeys openOrCreate(Path file) {
        if (!Files.exists(file)) {
            Tink.register();
            try {
                KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                if (AtomicFiles.writeIfAbsent(file.toAbsolutePath(), serialize(fresh))) {
                    log.info("Created a new master keyset at {}", file.toAbsolutePath());
                }
            } catch (GeneralSecurityException e) {
                throw new MasterKeysUnavailableException("Cannot generate a master keyset", e);
            }
        }
        return new MasterKeys(file);
    }

    /** {@code HYGIE_HOME/keys}, readable by its owner only. */
    static Path keysDir(HygieHome home) {
        Path dir = home.dir("keys");
        if (posix()) {
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot restrict access to " + dir, e);
            }
        }
        return dir;
    }

    public Path file() {
        return file;
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] context) throws GeneralSecurityException {
        return fresh().aead().encrypt(dataKey, context);
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey, byte[] context) throws GeneralSecurityException {
        return fresh().aead().decrypt(wrappedKey, context);
    }

    /**
     * The keyset as the file holds it now (re-read when another process replaced the file, as for {@link #unwrap}): the
     * same object until a rotation or a retirement, here or in another process, changes the file.
     */
    @Override
    public Optional<Object> unwrappingKeys() {
        return Optional.of(fresh());
    }

    @Override
    public String describe() {
        return "local master keyset " + file;
    }

    public Status status() {
        KeysetHandle h = fresh().handle();
        List<KeyInfo> keys = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            KeysetHandle.Entry e = h.getAt(i);
            keys.add(new KeyInfo(e.getId(), e.isPrimary(), e.getStatus() == KeyStatus.ENABLED));
        }
        return new Status(h.getPrimary().getId(), List.copyOf(keys));
    }

    /**
     * Adds a new AES-256-GCM key and makes it the primary: from now on data keys are wrapped with it.
     * The older keys stay enabled for decryption until every holder has re-wrapped its keys and
     * {@link #retireOld} disables them.
     *
     * @return the id of the new primary key
     */
    public int rotate() {
        return update(h -> {
            KeysetHandle.Builder b = KeysetHandle.newBuilder(h);
            b.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId().makePrimary());
            return b.build();
        }, "rotated").getPrimary().getId();
    }

    /**
     * Disables every enabled key but the primary. Data keys still wrapped under a disabled key can no
     * longer be opened: call this only after a complete re-wrap. Disabled keys stay in the file (they
     * are not destroyed), so that an operator can re-enable one from a backup procedure if a holder
     * was forgotten.
     *
     * @return how many keys were disabled
     */
    public int retireOld() {
        int before = (int) status().enabledCount();
        KeysetHandle after = update(h -> {
            KeysetHandle.Builder b = KeysetHandle.newBuilder(h);
            for (int i = 0; i < b.size(); i++) {
                KeysetHandle.Builder.Entry e = b.getAt(i);
                if (!e.isPrimary() && e.getStatus() == KeyStatus.ENABLED) {
                    e.setStatus(KeyStatus.DISABLED);
                }
            }
            return b.build();
        }, "retired its old keys");
        int enabled = 0;
        for (int i = 0; i < after.size(); i++) {
            enabled += after.getAt(i).getStatus() == KeyStatus.ENABLED ? 1 : 0;
        }
        return before - enabled;
    }

    private interface Change {
        KeysetHandle apply(KeysetHandle h) throws GeneralSecurityException;
    }

    /** Read-modify-write of the file under an exclusive lock, so that two operators cannot lose a key. */
    private KeysetHandle update(Change change, String what) {
        synchronized (lock) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                KeysetHandle next = change.apply(load().handle());
                AtomicFiles.write(file, serialize(next));
                current = load();
                log.info("Master keyset {} {}; primary key id {}", file, what, next.getPrimary().getId());
                return next;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot update the master keyset " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot update the master keyset " + file, e);
            }
        }
    }

    /** The keyset as the file holds it now: re-read when another process replaced the file. */
    private Loaded fresh() {
        Loaded c = current;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (Objects.equals(a.fileKey(), c.fileKey()) && a.lastModifiedTime().toMillis() == c.modified()
                    && a.size() == c.size()) {
                return c;
            }
        } catch (IOException e) {
            throw new MasterKeysUnavailableException("The master keyset " + file + " is no longer readable", e);
        }
        synchronized (lock) {
            current = load();
            return current;
        }
    }

    private Loaded load() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            warnIfShared();
            String json = Files.readString(file, StandardCharsets.UTF_8);
            KeysetHandle h = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            Aead aead = h.getPrimitive(RegistryConfiguration.get(), Aead.class);
            return new Loaded(h, aead, a.fileKey(), a.lastModifiedTime().toMillis(), a.size());
        } catch (IOException e) {
            throw new MasterKeysUnavailableException("Cannot read the master keyset " + file, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The exception of a parse failure may quote the file: keep only its type.
            throw new MasterKeysUnavailableException("The file " + file + " is not a valid Tink AEAD keyset ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    private void warnIfShared() throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            log.warn("The master keyset {} is readable by others than its owner; restrict it to 0600", file);
        }
    }

    private static byte[] serialize(KeysetHandle h) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(h, InsecureSecretKeyAccess.get())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "MasterKeys[" + file + "]";
    }
}
