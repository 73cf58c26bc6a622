package fr.hygie.synth;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A deterministic synthetic French population: care structures, health professionals, and
 * persons with their care histories.
 *
 * <p>Persons are generated on demand, one at a time: person {@code i} depends only on the spec's
 * seed, on {@code i} and on the (small) care offer, never on which other persons were generated
 * before, so any batching or parallel split gives the same persons. The only per-person state kept
 * is the NIR order number (2 bytes a person), computed up front so that no two persons share a NIR.
 */
public final class SyntheticPopulation {

    /** The "today" of the population: ages, histories and schedules are computed on this day. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 1, 1);

    private final GenerationSpec spec;
    private final ReferenceData data;
    private final CareOffer offer;
    private final PersonFactory persons;
    private final CareHistory histories;
    private final short[] nirOrder;

    public SyntheticPopulation(GenerationSpec spec) {
        this.spec = spec;
        this.data = ReferenceData.bundled();
        this.offer = new CareOffer(data, spec);
        this.persons = new PersonFactory(data, offer, spec.seed());
        this.histories = new CareHistory(data, offer, spec.seed());
        this.nirOrder = nirOrderNumbers();
    }

    public GenerationSpec spec() {
        return spec;
    }

    /** Legal entities and their geographic sites, each legal entity before its sites. */
    public List<SynthStructure> structures() {
        return offer.structures;
    }

    public List<SynthProfessional> professionals() {
        return offer.professionals;
    }

    /** Person {@code index} (0-based), without events. */
    public SynthPerson person(int index) {
        checkIndex(index);
        return persons.person(index, Identity.of(data, spec.seed(), index), nirOrder[index]);
    }

    /** Person {@code index} (0-based) with their care events in date order. */
    public SynthPersonHistory history(int index) {
        SynthPerson person = person(index);
        ReferenceData.Commune home = Identity.of(data, spec.seed(), index).residence();
        return new SynthPersonHistory(person, histories.of(person, home));
    }

    /** Every person with their events, lazily, in index order. */
    public Stream<SynthPersonHistory> histories() {
        return histories(0, spec.persons());
    }

    /** Persons {@code from} (inclusive) to {@code to} (exclusive) with their events, lazily. */
    public Stream<SynthPersonHistory> histories(int from, int to) {
        if (from < 0 || to > spec.persons() || from > to) {
            throw new IndexOutOfBoundsException("Range [" + from + ", " + to + ") outside [0, " + spec.persons() + ")");
        }
        return IntStream.range(from, to).mapToObj(this::history);
    }

    /** Streams the whole population into the sink: structures, professionals, then each person and their events. */
    public void writeTo(PopulationSink sink) {
        structures().forEach(sink::acceptStructure);
        professionals().forEach(sink::acceptProfessional);
        for (int i = 0; i < spec.persons(); i++) {
            SynthPersonHistory h = history(i);
            sink.acceptPerson(h.person());
            h.events().forEach(sink::acceptEvent);
        }
        sink.end();
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= spec.persons()) {
            throw new IndexOutOfBoundsException("Person " + index + " outside [0, " + spec.persons() + ")");
        }
    }

    /**
     * Order numbers (positions 11–13 of the NIR) as INSEE gives them: 001, 002… among persons born
     * the same month, same year (two digits), same sex, same place. Person i's number only depends
     * on persons before it, so it does not change with the batch or with a larger population.
     */
    private short[] nirOrderNumbers() {
        int n = spec.persons();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) Identity.of(data, spec.seed(), i).cell(data) << 20) | i;
        }
        Arrays.sort(keys);
        short[] order = new short[n];
        long previous = -1;
        int rank = 0;
        for (long key : keys) {
            long cell = key >>> 20;
            rank = cell == previous ? rank + 1 : 1;
            previous = cell;
            if (rank > 999) {
                throw new IllegalStateException("More than 999 persons share a NIR prefix; the birth-place table is too small");
            }
            order[(int) (key & 0xFFFFF)] = (short) rank;
        }
        return order;
    }
}
