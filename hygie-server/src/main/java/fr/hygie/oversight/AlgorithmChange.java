package fr.hygie.oversight;

import java.time.Instant;

/** One line of an algorithm's history in the registry: what changed, who did it, when and why. */
public record AlgorithmChange(Instant at, Kind kind, String version, String actorName, String actorRole, String detail) {

    public enum Kind {
        REGISTERED("inscrit au registre", "inscrire"),
        NEW_VERSION("nouvelle version", "changer de version"),
        APPROVED("approuvé", "approuver"),
        SUSPENDED("suspendu", "suspendre"),
        RESUMED("remis en service", "remettre en service"),
        VALIDATOR_DESIGNATED("professionnel validateur désigné", "désigner un validateur");

        private final String label;
        private final String verb;

        Kind(String label, String verb) {
            this.label = label;
            this.verb = verb;
        }

        public String label() {
            return label;
        }

        String verb() {
            return verb;
        }
    }
}
