package fr.hygie.synth;

import java.util.List;

/** Populations shared by the tests: generating them once keeps the suite fast. */
final class TestPopulations {

    static final long SEED = 20260101L;

    private static SyntheticPopulation tenThousand;
    private static List<SynthPersonHistory> tenThousandHistories;

    private TestPopulations() {
    }

    static synchronized SyntheticPopulation tenThousand() {
        if (tenThousand == null) {
            tenThousand = new SyntheticPopulation(new GenerationSpec(10_000, SEED));
        }
        return tenThousand;
    }

    static synchronized List<SynthPersonHistory> tenThousandHistories() {
        if (tenThousandHistories == null) {
            tenThousandHistories = tenThousand().histories().toList();
        }
        return tenThousandHistories;
    }
}
