package fr.hygie.synth;

import java.time.LocalDate;

/** A document of the health space, typed by LOINC, with a short plain-text body in French. */
public record SynthDocument(int personIndex, int sequence, String loincType, String title, LocalDate date,
        String authorRpps, String body) implements SynthEvent {

    @Override
    public String type() {
        return "document";
    }
}
