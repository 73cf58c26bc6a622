package fr.hygie.record.internal;

import fr.hygie.platform.Ids;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warm-up of the sealing of new documents ("préchauffage du chiffrement des documents"), once the application is
 * ready, on a background thread: it seals a buffer of zeros the size of a typical document a few thousand times under
 * fresh data keys, and keeps nothing.
 *
 * <p>Why (issue 13, docs/benchmarks.md « Session 8 — upload over HTTP »): the JDK's AES-GCM hashes the ciphertext
 * (GHASH) with a processor instruction only once the method that calls it is compiled by the optimising compiler
 * (C2); until then it runs the Java fallback, 6 ms of CPU for 100 KB instead of about 0.1 ms. On a busy server with two
 * cores the compiler gets there only after minutes of uploads: in the profile of the 60-second upload run, sealing
 * was 35 % of the server's CPU, while the in-process benchmark (warmed) finds it negligible. Sealing here first makes
 * the first uploads after a start cost what later ones cost; the steady cost of a warm server does not change.
 *
 * <p>Nothing leaves this class: no health data is involved (the buffer is zeros, bound to ids that no row names), no
 * ciphertext is stored, nothing is journaled (there is no access to anyone's data), and the log line says only how
 * long it took. {@code hygie.record.sealing-warm-up.rounds=0} turns it off (the tests do: they measure no speed).
 */
@Component
class SealingWarmUp {

    private static final Logger log = LoggerFactory.getLogger(SealingWarmUp.class);

    /** The size of the document of the upload benchmark (issue 13): large enough that hashing it dominates. */
    static final int DOCUMENT_BYTES = 100 * 1024;

    private static final String PURPOSE = "warm-up";

    private final EnvelopeEncryption envelope;
    private final int rounds;

    SealingWarmUp(EnvelopeEncryption envelope, @Value("${hygie.record.sealing-warm-up.rounds:2000}") int rounds) {
        this.envelope = envelope;
        this.rounds = rounds;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUpInBackground() {
        if (rounds <= 0) {
            return;
        }
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            try {
                long sealed = seal(rounds);
                // Its own CPU time too: on a busy machine the wall time says more about the neighbours than about it.
                log.info("Document sealing warmed up: {} seals, {} MB, in {} ms ({} ms of CPU)", rounds,
                        sealed / (1024 * 1024), (System.nanoTime() - start) / 1_000_000,
                        (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
            } catch (RuntimeException e) {
                // A warm-up that fails (master key not readable yet, for instance) costs only speed: the uploads will
                // report the real failure themselves. The exception's type only: nothing here is health data, but
                // nothing needs more.
                log.warn("Document sealing warm-up stopped: {}", e.getClass().getName());
            }
        }, "sealing-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Seals {@code times} times a buffer of zeros under a fresh data key (wrapped by the master key, as for a real
     * document) and drops the result; returns the bytes of ciphertext produced.
     */
    long seal(int times) {
        byte[] zeros = new byte[DOCUMENT_BYTES];
        long bytes = 0;
        for (int i = 0; i < times; i++) {
            EnvelopeEncryption.Sealed sealed = envelope.seal(zeros, EnvelopeEncryption.bindTo(PURPOSE, Ids.newId()));
            bytes += sealed.ciphertext().length;
        }
        return bytes;
    }
}
