package fr.hygie.oversight;

/** The choices of the « Parler à une personne » form, with their French labels. */
public final class ContactChoices {

    private ContactChoices() {
    }

    public enum Topic {
        ESPACE_SANTE("Utiliser mon espace santé (ouverture, connexion, documents)"),
        DONNEES("Mes données : qui les voit, les corriger, les supprimer"),
        SOINS("Des informations sur mes soins"),
        RENDEZ_VOUS("Un rendez-vous"),
        PREVENTION("Un message de prévention que j'ai reçu"),
        ALGORITHME("Une proposition faite par un algorithme"),
        AUTRE("Autre chose");

        private final String label;

        Topic(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Channel {
        PHONE("Par téléphone"),
        EMAIL("Par courriel"),
        COUNTER("Au guichet (espace France services ou accueil de l'Assurance maladie)");

        private final String label;

        Channel(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum When {
        MORNING("Le matin (9 h – 12 h)"),
        AFTERNOON("L'après-midi (14 h – 17 h)"),
        ANY_TIME("N'importe quand en journée");

        private final String label;

        When(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
