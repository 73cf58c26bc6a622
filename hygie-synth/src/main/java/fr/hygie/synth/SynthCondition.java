package fr.hygie.synth;

import java.time.LocalDate;

/** A diagnosis in the medical history, coded in CIM-10 (ICD-10). */
public record SynthCondition(int personIndex, int sequence, String icd10, String label, LocalDate onsetDate)
        implements SynthEvent {

    @Override
    public LocalDate date() {
        return onsetDate;
    }

    @Override
    public String type() {
        return "condition";
    }
}
