package fr.hygie.fhir;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who calls the FHIR API: the account (the same {@link HygieUser} as on the web), what the app was
 * granted ({@link SmartScopes}; everything for a browser session) and the token's patient context.
 */
record FhirCaller(HygieUser user, SmartScopes scopes, PatientId patientContext) {

    /** The caller of the current request; the security chain already refused anonymous calls. */
    static FhirCaller current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a instanceof FhirTokenAuthentication t) {
            return new FhirCaller(t.user(), t.scopes(), t.patientContext());
        }
        if (a != null && a.isAuthenticated() && a.getPrincipal() instanceof HygieUser u) {
            return new FhirCaller(u, SmartScopes.ALL, null);
        }
        throw new AuthenticationException("Authentification requise.");
    }

    /** Refuses (403) when the app was not granted this interaction on this type in any context. */
    void require(String resourceType, Interaction interaction) {
        if (!scopes.allows(resourceType, interaction)) {
            throw new ForbiddenOperationException("L'application n'a pas reçu l'autorisation (scope) nécessaire pour "
                    + interaction.name().toLowerCase(java.util.Locale.ROOT) + " " + resourceType + ".");
        }
    }

    /** Refuses (403) when only a patient/ scope applies and {@code patient} is not the token's patient. */
    void requireReach(String resourceType, Interaction interaction, PatientId patient) {
        if (!mayReach(resourceType, interaction, patient)) {
            throw new ForbiddenOperationException("Cette application n'a accès qu'aux données de la personne choisie à la connexion.");
        }
    }

    boolean mayReach(String resourceType, Interaction interaction, PatientId patient) {
        return scopes.allowsBeyondPatientContext(resourceType, interaction)
                || patientContext != null && patientContext.equals(patient) && scopes.allows(resourceType, interaction);
    }
}
