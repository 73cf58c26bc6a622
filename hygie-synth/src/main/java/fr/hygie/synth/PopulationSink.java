package fr.hygie.synth;

/**
 * Receives a population as it is generated, so that a loader can batch-insert without holding it
 * in memory. Calls come in this order: every structure, every professional, then for each person
 * the person followed by their events, then {@link #end()}.
 */
public interface PopulationSink {

    default void acceptStructure(SynthStructure structure) {
    }

    default void acceptProfessional(SynthProfessional professional) {
    }

    default void acceptPerson(SynthPerson person) {
    }

    default void acceptEvent(SynthEvent event) {
    }

    default void end() {
    }
}
