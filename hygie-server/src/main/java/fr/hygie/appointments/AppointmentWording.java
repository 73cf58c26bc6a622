package fr.hygie.appointments;

import fr.hygie.platform.FrenchWording;

/**
 * The sentences of booking refusals and status changes, as codes: {@link #label()} is the French sentence (a
 * MessageFormat pattern when it has arguments) that the APIs answer with; pages say
 * {@code code.appointments.AppointmentWording.<CODE>} of the message bundles in the reader's language (same French
 * wording, checked by LanguageTest).
 */
public enum AppointmentWording implements FrenchWording {
    NO_MANDATE("Vous ne pouvez pas prendre rendez-vous pour cette personne : il faut un mandat « Gérer les rendez-vous »."),
    ROLE_CANNOT_BOOK("Votre rôle ne permet pas de prendre rendez-vous."),
    COUNTER_ONLY("Seul un agent d'accueil enregistre une personne sans espace."),
    PERSON("Indiquez pour qui est le rendez-vous."),
    SLOT_UNKNOWN("Ce créneau n'existe pas."),
    SLOT_PAST("Ce créneau est passé. Choisissez-en un autre."),
    REASON_NOT_IN_LIST("Choisissez un motif dans la liste."),
    REASON_TOO_LONG("Ce motif demande {0} minutes : choisissez un créneau plus long ou un autre motif."),
    REASON_MISSING("Choisissez le motif du rendez-vous."),
    PHONE("Le numéro de téléphone n'est pas valide (10 chiffres)."),
    EMAIL("L'adresse électronique n'est pas valide."),
    SLOT_TAKEN(BookingOutcome.SLOT_TAKEN),
    ILLEGAL("Ce rendez-vous est « {0} » ({1}) : il ne peut pas passer à « {2} »."),
    NOT_YET("Le rendez-vous n''a pas encore commencé ({0}) : il ne peut pas être marqué « {1} » avant son heure."),
    APPOINTMENT_NOT_FOUND("Rendez-vous introuvable."),
    SLOT_NOT_FOUND("Créneau introuvable.");

    private final String label;

    AppointmentWording(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
