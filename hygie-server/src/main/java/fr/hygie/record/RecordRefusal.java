package fr.hygie.record;

import fr.hygie.platform.FrenchWording;
import fr.hygie.platform.web.RefusedInput;
import java.util.List;

/**
 * A write refused for a reason the person may know (bad input, a state that forbids the move). Refusals
 * that would reveal a hidden document are never raised: the caller gets "not found" instead. The French message
 * (the APIs answer with it) is also given as a code ({@link #wording()}, null for a text made elsewhere) with its
 * arguments, so that pages say it in the reader's language ({@code code.record.RecordRefusal.Wording.<CODE>}).
 */
public class RecordRefusal extends RuntimeException implements RefusedInput {

    /** The checks of the record as sentence codes; {@link #label()} is the French MessageFormat pattern. */
    public enum Wording implements FrenchWording {
        NOT_CURRENT("Ce document a déjà été remplacé (état actuel : {0})."),
        PATIENT_MISMATCH("La nouvelle version doit concerner la même personne."),
        PATIENT_REQUIRED("La personne concernée est obligatoire."),
        PATIENT_UNKNOWN("La personne concernée est inconnue."),
        DOCUMENT_TYPE("Choisissez un type de document de la liste."),
        TITLE("Le titre est obligatoire (200 caractères au plus)."),
        CLINICAL_DATE("La date du document est obligatoire et ne peut pas être dans le futur."),
        CONTENT_EMPTY("Le fichier est vide."),
        CONTENT_TOO_LARGE("Le fichier dépasse 20 Mo."),
        CONTENT_TYPE("Ce fichier n'est pas accepté : déposez un PDF, un texte, un document CDA ou une ressource FHIR JSON."),
        CONTENT_TYPE_MISMATCH("Le contenu du fichier ne correspond pas à son type annoncé."),
        PDF_ACTIVE_CONTENT("Ce PDF contient du contenu actif (script, pièce jointe, action automatique) : il est refusé par sécurité."),
        DIRECTIVES_TOO_LONG("Les directives anticipées font au plus 20 000 caractères."),
        NAME_REQUIRED("Le nom de la personne à prévenir est obligatoire."),
        CONTACT_KIND("Choisissez « personne de confiance » ou « personne à prévenir »."),
        SECTION("Choisissez une rubrique du profil médical."),
        DISPLAY("Le libellé est obligatoire (200 caractères au plus)."),
        DATE("La date est obligatoire et ne peut pas être dans le futur."),
        VALUE("Une mesure a une valeur."),
        CODE("Le code, son système de codage ou l'unité sont trop longs (système : 255 caractères, code : 32, unité : 16 au plus)."),
        VALUE_RANGE("La valeur d'une mesure est inférieure à un milliard (en valeur absolue)."),
        CONTROL_CHARACTERS("Le texte contient des caractères de contrôle (comme le caractère nul) : retirez-les.");

        private final String label;

        Wording(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String code;
    private final String field;
    private final int status;
    private final transient Wording wording;
    private final transient List<Object> args;

    public RecordRefusal(String code, String field, int status, String frenchMessage) {
        this(code, field, status, frenchMessage, null, List.of());
    }

    private RecordRefusal(String code, String field, int status, String frenchMessage, Wording wording, List<Object> args) {
        super(frenchMessage);
        this.code = code;
        this.field = field;
        this.status = status;
        this.wording = wording;
        this.args = List.copyOf(args);
    }

    static RecordRefusal invalid(String field, Wording wording, Object... args) {
        return new RecordRefusal(wording.name(), field, 400, french(wording, args), wording, List.of(args));
    }

    static RecordRefusal conflict(Wording wording, Object... args) {
        return new RecordRefusal(wording.name(), null, 409, french(wording, args), wording, List.of(args));
    }

    /** The API's French sentence: codes ({@link DocumentStatus}) by their French label, never their constant's name. */
    private static String french(Wording wording, Object... args) {
        return wording.french(args);
    }

    /** The refusal as a code for pages, or null when the message was made elsewhere. */
    public Wording wording() {
        return wording;
    }

    public List<Object> args() {
        return args;
    }

    public static RecordRefusal invalid(String code, String field, String message) {
        return new RecordRefusal(code, field, 400, message);
    }

    public static RecordRefusal forbidden(String message) {
        return new RecordRefusal("FORBIDDEN", null, 403, message);
    }

    public static RecordRefusal conflict(String code, String message) {
        return new RecordRefusal(code, null, 409, message);
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
