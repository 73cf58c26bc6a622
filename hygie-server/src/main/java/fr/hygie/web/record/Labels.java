package fr.hygie.web.record;

import fr.hygie.record.DocumentTypes;
import fr.hygie.access.NotificationChannel;
import fr.hygie.access.NotificationKind;
import fr.hygie.journal.JournalAction;
import fr.hygie.web.WebMessages;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Labels for codes shown on the record and journal pages (used in templates as {@code @labels}), from the
 * message bundles ({@code labels.*} keys) in the page's language: French by default, English on request.
 */
@Component("labels")
public class Labels {

    private static final Set<String> CLASSES = Set.of("RESULTATS", "COMPTES_RENDUS", "ORDONNANCES", "VACCINATIONS", "VOLONTES");

    private final WebMessages texts;

    Labels(WebMessages texts) {
        this.texts = texts;
    }

    public String documentClass(String code) {
        return code != null && CLASSES.contains(code) ? texts.get("labels.documentClass." + code) : code;
    }

    /**
     * A document type of the bundled LOINC catalogue ({@code DocumentTypes}) in the page's language; a code outside
     * the catalogue (imported documents) keeps the label it was stored with.
     */
    public String documentType(String code, String storedLabel) {
        return code != null && DocumentTypes.bundled().find(code).isPresent() ? texts.get("labels.documentType." + code)
                : storedLabel == null ? (code == null ? "" : code) : storedLabel;
    }

    public String notificationKind(NotificationKind kind) {
        return texts.get("labels.notificationKind." + kind.name());
    }

    public String channel(NotificationChannel channel) {
        return texts.get("labels.channel." + channel.name());
    }

    /** Every {@link JournalAction} has a {@code labels.action.*} key (checked by a test). */
    public String action(JournalAction action) {
        return texts.get("labels.action." + action.name());
    }

    public String object(String objectType) {
        if (objectType == null) {
            return "";
        }
        if (objectType.equals("DocumentReference")) {
            return texts.get("labels.object.document");
        }
        if (objectType.startsWith("HYGIE-PROFIL")) {
            return texts.get("labels.object.profile");
        }
        if (objectType.startsWith("HYGIE-VOLONTES")) {
            return texts.get("labels.object.wishes");
        }
        if (objectType.equals("HYGIE-PERSONNES-A-PREVENIR")) {
            return texts.get("labels.object.contacts");
        }
        if (objectType.startsWith("CareTeam")) {
            return texts.get("labels.object.careTeam");
        }
        if (objectType.equals("AuditEvent")) {
            return texts.get("labels.object.journal");
        }
        String key = OTHER_OBJECTS.get(objectType);
        return key == null ? objectType : texts.get("labels.object." + key);
    }

    /**
     * The other objects a person's journal names, in plain words (« Consultation EmergencySession » was shown to the
     * person until session 6): the object types the modules journal on a person's chain.
     */
    static final java.util.Map<String, String> OTHER_OBJECTS = java.util.Map.ofEntries(
            java.util.Map.entry("EmergencySession", "emergency"), java.util.Map.entry("Appointment", "appointment"),
            java.util.Map.entry("Schedule", "schedule"), java.util.Map.entry("Communication", "message"),
            java.util.Map.entry("Patient", "identity"), java.util.Map.entry("SharingSettings", "sharing"),
            java.util.Map.entry("Consent", "sharing"), java.util.Map.entry("MedicationRequest", "prescription"),
            java.util.Map.entry("MedicationDispense", "dispensation"), java.util.Map.entry("ServiceRequest", "labPrescription"),
            java.util.Map.entry("ResearchObjection", "researchObjection"),
            java.util.Map.entry("ResearchParticipation", "researchParticipation"),
            java.util.Map.entry("ContactRequest", "contactRequest"), java.util.Map.entry("RelatedPerson", "mandate"),
            java.util.Map.entry("Binary", "document"));
}
