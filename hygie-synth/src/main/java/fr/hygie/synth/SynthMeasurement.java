package fr.hygie.synth;

import java.time.LocalDate;

/** A measurement of the medical profile (weight, height, blood pressure, blood sugar), coded in LOINC. */
public record SynthMeasurement(int personIndex, int sequence, String loinc, String label, double value, String unit,
        LocalDate date) implements SynthEvent {

    @Override
    public String type() {
        return "measurement";
    }
}
