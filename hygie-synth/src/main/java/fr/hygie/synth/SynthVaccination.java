package fr.hygie.synth;

import java.time.LocalDate;

/** A vaccination of the carnet de vaccination; {@code vaccineCode} is an ATC J07 code. */
public record SynthVaccination(int personIndex, int sequence, String vaccineCode, String label, LocalDate date)
        implements SynthEvent {

    @Override
    public String type() {
        return "vaccination";
    }
}
