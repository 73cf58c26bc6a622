package fr.hygie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Every benchmark of the pure code runs once, in this JVM, so that a broken benchmark fails the build
 * instead of the next measurement session. No timing is asserted (conventions: no timed assertions).
 * The benchmarks that start PostgreSQL or the whole application run only with {@code -Pbench}.
 */
class PureBenchmarksRunTest {

    @Test
    void everyPureBenchmarkMethodRunsOnce() throws Exception {
        Options options = new OptionsBuilder()
                .include(AccessDecisionBenchmark.class.getName())
                .include(NirBenchmark.class.getName())
                .include(CryptoBenchmark.class.getName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementBatchSize(1)
                .mode(Mode.SingleShotTime)
                .threads(1)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).hasSize(4 + 3 + 3);
    }
}
