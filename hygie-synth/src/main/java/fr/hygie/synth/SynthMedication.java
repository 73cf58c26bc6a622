package fr.hygie.synth;

import java.time.LocalDate;

/** A current treatment, coded in ATC, started on {@code startDate} for {@code conditionIcd10}. */
public record SynthMedication(int personIndex, int sequence, String atc, String label, String dosage,
        LocalDate startDate, String conditionIcd10, String prescriberRpps) implements SynthEvent {

    @Override
    public LocalDate date() {
        return startDate;
    }

    @Override
    public String type() {
        return "medication";
    }
}
