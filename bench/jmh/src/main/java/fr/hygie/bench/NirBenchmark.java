package fr.hygie.bench;

import fr.hygie.identity.InvalidIdentifier;
import fr.hygie.identity.Nir;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** NIR validation (numéro d'inscription au répertoire): parse of a valid number, check of a wrong key. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NirBenchmark {

    private String valid;
    private String corsican;
    private String wrongKey;

    @Setup
    public void setUp() {
        valid = "1850775123456" + Nir.key("1850775123456");
        corsican = "290042A012345" + Nir.key("290042A012345");
        String key = Nir.key("1850775123457");
        wrongKey = "1850775123457" + (key.equals("01") ? "02" : "01");
    }

    @Benchmark
    public Nir parseValid() {
        return Nir.parse(valid);
    }

    @Benchmark
    public Nir parseCorsican() {
        return Nir.parse(corsican);
    }

    @Benchmark
    public Optional<InvalidIdentifier> checkWrongKey() {
        return Nir.check(wrongKey);
    }
}
