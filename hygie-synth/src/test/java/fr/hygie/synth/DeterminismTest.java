package fr.hygie.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void theSameSeedAndSizeGiveByteIdenticalOutput() throws Exception {
        String first = digest(new GenerationSpec(2_000, 7));
        String second = digest(new GenerationSpec(2_000, 7));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedGivesAnotherPopulation() throws Exception {
        assertThat(digest(new GenerationSpec(2_000, 8))).isNotEqualTo(digest(new GenerationSpec(2_000, 7)));
    }

    @Test
    void aPersonIsTheSameWhateverTheBatching() {
        SyntheticPopulation population = TestPopulations.tenThousand();
        List<SynthPersonHistory> all = TestPopulations.tenThousandHistories();

        List<SynthPersonHistory> batch = population.histories(4_321, 4_400).toList();
        List<SynthPersonHistory> parallel = population.histories(0, 10_000).parallel()
                .filter(h -> h.person().index() % 97 == 0).collect(Collectors.toList());
        List<SynthPersonHistory> viaSink = new ArrayList<>();
        new SyntheticPopulation(new GenerationSpec(10_000, TestPopulations.SEED)).writeTo(new PopulationSink() {
            private SynthPerson current;
            private List<SynthEvent> events = new ArrayList<>();

            @Override
            public void acceptPerson(SynthPerson person) {
                flush();
                current = person;
            }

            @Override
            public void acceptEvent(SynthEvent event) {
                events.add(event);
            }

            @Override
            public void end() {
                flush();
            }

            private void flush() {
                if (current != null) {
                    viaSink.add(new SynthPersonHistory(current, events));
                }
                events = new ArrayList<>();
            }
        });

        assertThat(batch).isEqualTo(all.subList(4_321, 4_400));
        assertThat(parallel).allSatisfy(h -> assertThat(h).isEqualTo(all.get(h.person().index())));
        assertThat(population.history(9_999)).isEqualTo(all.get(9_999));
        assertThat(viaSink).isEqualTo(all);
    }

    @Test
    void aPersonsIdentityDoesNotDependOnWhoIsGeneratedAfterThem() {
        SynthPerson inSmall = new SyntheticPopulation(new GenerationSpec(2_000, 99)).person(1_234);
        SynthPerson inLarge = new SyntheticPopulation(new GenerationSpec(20_000, 99)).person(1_234);

        assertThat(inLarge.nir()).isEqualTo(inSmall.nir());
        assertThat(inLarge.birthName()).isEqualTo(inSmall.birthName());
    }

    static String digest(GenerationSpec spec) throws Exception {
        StringWriter structures = new StringWriter();
        StringWriter professionals = new StringWriter();
        StringWriter persons = new StringWriter();
        StringWriter events = new StringWriter();
        try (NdjsonPopulationWriter writer = new NdjsonPopulationWriter(structures, professionals, persons, events)) {
            new SyntheticPopulation(spec).writeTo(writer);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (StringWriter w : List.of(structures, professionals, persons, events)) {
            sha.update(w.toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
