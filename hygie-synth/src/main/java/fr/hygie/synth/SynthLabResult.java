package fr.hygie.synth;

import java.time.LocalDate;

/** A laboratory result coded in LOINC, value in the UCUM {@code unit}. */
public record SynthLabResult(int personIndex, int sequence, String loinc, String label, double value, String unit,
        LocalDate date) implements SynthEvent {

    @Override
    public String type() {
        return "lab_result";
    }
}
