package fr.hygie.fhir;

import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** A request authenticated by a bearer token of the embedded authorisation server. */
final class FhirTokenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient HygieUser user;
    private final transient Jwt jwt;
    private final transient SmartScopes scopes;
    private final transient PatientId patientContext;

    FhirTokenAuthentication(HygieUser user, Jwt jwt, SmartScopes scopes, PatientId patientContext) {
        super(user.getAuthorities());
        this.user = user;
        this.jwt = jwt;
        this.scopes = scopes;
        this.patientContext = patientContext;
        setAuthenticated(true);
    }

    HygieUser user() {
        return user;
    }

    SmartScopes scopes() {
        return scopes;
    }

    PatientId patientContext() {
        return patientContext;
    }

    @Override
    public Object getCredentials() {
        return jwt;
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.getUsername();
    }
}
