package fr.hygie.synth;

import java.time.LocalDate;

/** Something that happened in a person's care history, as it lands in their health space. */
public sealed interface SynthEvent
        permits SynthCondition, SynthMedication, SynthLabResult, SynthVaccination, SynthMeasurement, SynthDocument {

    /** {@link SynthPerson#index()} of the person it belongs to. */
    int personIndex();

    /** Position in the person's history, 0-based, in date order. */
    int sequence();

    LocalDate date();

    /** Name used in exports: condition, medication, lab_result, vaccination, measurement, document. */
    String type();
}
