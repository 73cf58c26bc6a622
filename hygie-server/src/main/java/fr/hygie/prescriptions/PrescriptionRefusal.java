package fr.hygie.prescriptions;

import fr.hygie.platform.web.RefusedInput;

/**
 * A move refused for a reason the person may know. An illegal transition is a 409 whose message names
 * the current state (STYLE: "each refusal names the current state").
 */
public class PrescriptionRefusal extends RuntimeException implements RefusedInput {

    /**
     * What the refusal says, as a code: {@link #label()} is the French sentence (a MessageFormat pattern when it
     * has arguments), shown as is by the APIs; pages show {@code code.prescriptions.PrescriptionRefusal.Wording.<CODE>}
     * of the message bundles in the reader's language (same French wording, checked by LanguageTest).
     */
    public enum Wording implements fr.hygie.platform.FrenchWording {
        ILLEGAL_TRANSITION("Impossible de {0} : l''ordonnance est à l''état « {1} » ({2})."),
        NO_LINE("Ajoutez au moins une ligne avant de signer."),
        NOT_DUE("L'ordonnance est encore valide."),
        PATIENT("Choisissez la personne pour qui vous prescrivez."),
        FORMULARY("Choisissez un élément de la liste."),
        DOSAGE("Indiquez la posologie (500 caractères au plus)."),
        QUANTITY("La quantité doit être comprise entre 1 et 99."),
        RECORD_REFUSED("{0}"),
        PHARMACY("Choisissez une pharmacie de la liste."),
        CANNOT_SEND("Vous ne pouvez pas envoyer cette ordonnance."),
        CANNOT_CHANGE_SETTING("Vous ne pouvez pas changer ce réglage."),
        NOT_FOUND("Ordonnance introuvable."),
        WRONG_NUMBER_OR_CODE("Numéro d'ordonnance ou code d'accès incorrect."),
        NOT_SENT_TO_YOU("Cette ordonnance n'a pas été envoyée à votre pharmacie."),
        UNKNOWN_LINE("Ligne inconnue."),
        DISPENSED_QUANTITY("La quantité délivrée doit être comprise entre 1 et {0}."),
        PRODUCT("Choisissez un produit de la liste."),
        NOTHING_DISPENSED("Enregistrez au moins une ligne délivrée avant de clore."),
        NOT_YOUR_PHARMACY("Cette ordonnance n'est pas prise en charge par votre pharmacie."),
        NOT_A_PRESCRIBER("Seuls les médecins, chirurgiens-dentistes et sages-femmes prescrivent ici."),
        NOT_A_PHARMACIST("Réservé aux pharmaciens d'officine.");

        private final String label;

        Wording(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** The moves an illegal transition names (« Impossible de … »). */
    public enum Move {
        EDIT("modifier l'ordonnance"),
        SIGN("signer"),
        TAKE("prendre en charge"),
        TAKE_EXPIRED("prendre en charge (date de validité dépassée)"),
        RETURN("rendre l'ordonnance"),
        DISPENSE("délivrer"),
        COMPLETE("clore la délivrance"),
        CANCEL("annuler"),
        EXPIRE("faire expirer"),
        SEND("envoyer l'ordonnance"),
        ACT("agir sur l'ordonnance");

        private final String label;

        Move(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String code;
    private final String field;
    private final int status;
    private final PrescriptionStatus current;
    private final Wording wording;
    private final Move move;
    private final String detail;
    private final java.util.List<String> args;

    private PrescriptionRefusal(String code, String field, int status, PrescriptionStatus current, Wording wording, Move move,
            String detail, Object... args) {
        super(wording == Wording.ILLEGAL_TRANSITION ? wording.french(move.label(), current.labelFr(), current.name())
                : wording == Wording.RECORD_REFUSED ? detail : wording.french(args));
        this.args = java.util.Arrays.stream(args).map(String::valueOf).toList();
        this.code = code;
        this.field = field;
        this.status = status;
        this.current = current;
        this.wording = wording;
        this.move = move;
        this.detail = detail;
    }

    static PrescriptionRefusal illegal(Move move, PrescriptionStatus current) {
        return new PrescriptionRefusal("ILLEGAL_TRANSITION", null, 409, current, Wording.ILLEGAL_TRANSITION, move, null);
    }

    static PrescriptionRefusal invalid(String code, String field, Wording wording, Object... args) {
        return new PrescriptionRefusal(code, field, 400, null, wording, null, null, args);
    }

    static PrescriptionRefusal forbidden(String code, Wording wording) {
        return new PrescriptionRefusal(code, null, 403, null, wording, null, null);
    }

    /** The record module refused the signed document: its own (French) message is passed on. */
    static PrescriptionRefusal recordRefused(String message) {
        return new PrescriptionRefusal("RECORD_REFUSED", null, 403, null, Wording.RECORD_REFUSED, null, message);
    }

    static PrescriptionRefusal notFound(Wording wording) {
        return new PrescriptionRefusal("NOT_FOUND", null, 404, null, wording, null, null);
    }

    /** What the refusal says, for pages in another language. */
    public Wording wording() {
        return wording;
    }

    /** The arguments of the wording (e.g. a quantity), as text; empty for most refusals. */
    public java.util.List<String> args() {
        return args;
    }

    /** The move an illegal transition names; null for other refusals. */
    public Move move() {
        return move;
    }

    /** The record module's message of a {@link Wording#RECORD_REFUSED}; null otherwise. */
    public String detail() {
        return detail;
    }

    /** The state that forbade the move, for a 409; null for other refusals. */
    public PrescriptionStatus currentState() {
        return current;
    }
    @Override
    public String code() {
        return code;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public int status() {
        return status;
    }
}
