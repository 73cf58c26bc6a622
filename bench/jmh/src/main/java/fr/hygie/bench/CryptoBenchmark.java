package fr.hygie.bench;

import fr.hygie.platform.crypto.EnvelopeEncryption;
import fr.hygie.platform.crypto.MasterKeys;
import fr.hygie.platform.crypto.Pseudonyms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The platform's cryptography: envelope encryption (chiffrement des données de santé au repos) of a
 * 100 KB document, seal (new data key, AES-GCM, key wrapped by the master keyset) and open; HMAC
 * pseudonym of an identifier for a research purpose.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBenchmark {

    private static final int SIZE = 100 * 1024;

    private Path dir;
    private EnvelopeEncryption envelope;
    private Pseudonyms pseudonyms;
    private byte[] document;
    private byte[] associatedData;
    private EnvelopeEncryption.Sealed sealed;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("hygie-bench-crypto");
        envelope = new EnvelopeEncryption(MasterKeys.openOrCreate(dir.resolve(MasterKeys.DEFAULT_FILE_NAME)));
        pseudonyms = new Pseudonyms(dir.resolve("pseudonyms"), envelope);
        document = new byte[SIZE];
        new Random(42).nextBytes(document);
        associatedData = EnvelopeEncryption.bindTo("record/document-content", UUID.randomUUID());
        sealed = envelope.seal(document, associatedData);
        pseudonyms.pseudonym("bench-project", "warm-up");
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public EnvelopeEncryption.Sealed seal100KB() {
        return envelope.seal(document, associatedData);
    }

    @Benchmark
    public byte[] open100KB() {
        return envelope.open(sealed, associatedData);
    }

    @Benchmark
    public String pseudonym() {
        return pseudonyms.pseudonym("bench-project", "1850775123456");
    }
}
