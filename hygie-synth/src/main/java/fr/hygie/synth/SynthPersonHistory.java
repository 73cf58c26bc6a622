package fr.hygie.synth;

import java.util.List;

/** One person and their care events, in date order. */
public record SynthPersonHistory(SynthPerson person, List<SynthEvent> events) {

    public SynthPersonHistory {
        events = List.copyOf(events);
    }
}
