package fr.hygie.web.record;

import fr.hygie.access.NotificationChannel;
import fr.hygie.access.NotificationKind;
import fr.hygie.journal.JournalAction;
import java.util.Map;
import org.springframework.stereotype.Component;

/** French labels for codes shown on the record pages (used in templates as {@code @labels}). */
@Component("labels")
public class Labels {

    private static final Map<String, String> CLASSES = Map.of(
            "RESULTATS", "Résultats d'examens", "COMPTES_RENDUS", "Comptes rendus", "ORDONNANCES", "Ordonnances",
            "VACCINATIONS", "Vaccinations", "VOLONTES", "Volontés");

    public String documentClass(String code) {
        return CLASSES.getOrDefault(code, code);
    }

    public String notificationKind(NotificationKind kind) {
        return switch (kind) {
            case NEW_DOCUMENT -> "Nouveau document";
            case NEW_AUTHORISATION -> "Nouveau professionnel autorisé";
            case EMERGENCY_ACCESS -> "Accès en urgence à mon dossier";
            case NEW_MESSAGE -> "Nouveau message";
        };
    }

    public String channel(NotificationChannel channel) {
        return switch (channel) {
            case APP -> "Dans mon espace";
            case EMAIL -> "Par courriel";
            case SMS -> "Par SMS";
        };
    }

    public String action(JournalAction action) {
        return switch (action) {
            case READ -> "Consultation";
            case LIST -> "Consultation de la liste des documents";
            case SEARCH -> "Recherche";
            case CREATE -> "Ajout";
            case UPDATE -> "Modification";
            case DELETE -> "Suppression";
            case MASK -> "Masquage";
            case UNMASK -> "Fin du masquage";
            case RELEASE -> "Mise à disposition";
            case AUTHORISE -> "Autorisation d'un professionnel";
            case REVOKE_AUTHORISATION -> "Retrait d'une autorisation";
            case BLOCK -> "Blocage d'un professionnel";
            case UNBLOCK -> "Fin d'un blocage";
            case SHARE -> "Partage";
            case EXPORT -> "Export";
            case IMPORT -> "Import";
            case EMERGENCY_ACCESS -> "Accès en urgence";
            case SETTINGS_CHANGE -> "Changement de paramètres";
            case MANDATE_GRANT -> "Mandat donné";
            case MANDATE_REVOKE -> "Mandat retiré";
            case KEY_ROTATION -> "Renouvellement des clés";
        };
    }

    public String object(String objectType) {
        if (objectType == null) {
            return "";
        }
        if (objectType.equals("DocumentReference")) {
            return "document";
        }
        if (objectType.startsWith("HYGIE-PROFIL")) {
            return "profil médical";
        }
        if (objectType.startsWith("HYGIE-VOLONTES")) {
            return "volontés";
        }
        if (objectType.equals("HYGIE-PERSONNES-A-PREVENIR")) {
            return "personnes à prévenir";
        }
        if (objectType.startsWith("CareTeam")) {
            return "équipe de soins";
        }
        if (objectType.equals("AuditEvent")) {
            return "journal des accès";
        }
        return objectType;
    }
}
