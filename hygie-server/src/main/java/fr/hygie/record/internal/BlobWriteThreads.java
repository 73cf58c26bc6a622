package fr.hygie.record.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads that write a new document's sealed content (ciphertext only) and wait for its {@code fsync} while the
 * upload's own thread asks for the access decision and inserts the row (issue 13, docs/benchmarks.md « Session 7 —
 * upload »). The upload waits for its write before its transaction commits ({@code Documents.add}): the blob is durable
 * before the row that names it, as before.
 *
 * <p>One thread per write in flight, none kept idle beyond 30 s: each upload waits for its own write, so there are
 * never more writes in flight than request threads uploading (Tomcat's pool bounds them), and a bounded queue could
 * only make an upload wait behind another one's disk flush.
 */
@Component
public class BlobWriteThreads implements DisposableBean {

    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "blob-write-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    /** Starts {@code write} on another thread; the future completes when it has returned (or failed). */
    public CompletableFuture<Void> start(Runnable write) {
        return CompletableFuture.runAsync(write, threads);
    }

    @Override
    public void destroy() {
        threads.shutdown();
    }
}
