package fr.hygie.bench;

import fr.hygie.HygieApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole Hygie application started inside a benchmark's JVM, on a fresh HYGIE_HOME with its own
 * embedded PostgreSQL (synchronous_commit on, as in production), on a random loopback port; closed
 * and deleted at tear-down.
 */
final class HygieContext implements AutoCloseable {

    private final Path home;
    private final ConfigurableApplicationContext context;

    HygieContext(Map<String, Object> properties) throws IOException {
        home = Files.createTempDirectory("hygie-bench-home");
        Map<String, Object> all = new HashMap<>();
        all.put("hygie.home", home.toString());
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        all.put("logging.level.root", "warn");
        // The FHIR validator's background warm-up takes 5-7 s of CPU at idle, much more on a loaded machine, and
        // no in-process benchmark validates FHIR: left on, it ran during the measurements (JFR of
        // DocumentAddBenchmark, 14:20 UTC: 194 of 272 execution samples were the warm-up thread).
        all.put("hygie.fhir.validator.warm-up", "false");
        // The demo data (the cast's agendas, messages, prescriptions…) load before the context is returned, not on a
        // background thread during the measurements (session 7: 15 % of a RecordReadBenchmark's JFR samples were it).
        all.put("hygie.demo.background", "false");
        all.putAll(properties);
        // As command-line arguments: default properties would lose to application.properties (server.port=8080),
        // and the benchmark would then need port 8080 free.
        context = new SpringApplicationBuilder(HygieApplication.class)
                .run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() throws IOException {
        context.close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
