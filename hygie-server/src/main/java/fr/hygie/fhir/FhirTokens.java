package fr.hygie.fhir;

import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Both ends of a SMART token: what the authorisation server writes into it (the SMART context claims
 * {@code patient} and {@code fhirUser}) and how the FHIR API reads it back into the account, its scopes
 * and its patient context. The account is read again at each request, so a disabled account stops
 * working at once, token or not.
 */
@Component
class FhirTokens implements Converter<Jwt, AbstractAuthenticationToken>, OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String PATIENT_CLAIM = "patient";
    static final String FHIR_USER_CLAIM = "fhirUser";
    static final String LAUNCH_PATIENT = "launch/patient";

    private final UserDetailsService accounts;

    FhirTokens(UserDetailsService accounts) {
        this.accounts = accounts;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        HygieUser user;
        try {
            user = jwt.getSubject() == null ? null : (HygieUser) accounts.loadUserByUsername(jwt.getSubject());
        } catch (UsernameNotFoundException e) {
            user = null;
        }
        if (user == null || !user.isEnabled()) {
            throw new InvalidBearerTokenException("Le compte de ce jeton n'est plus actif.");
        }
        PatientId context = null;
        String patient = jwt.getClaimAsString(PATIENT_CLAIM);
        if (patient != null && user.patientId().map(p -> p.value().toString()).filter(patient::equals).isPresent()) {
            context = user.patientId().get();
        }
        return new FhirTokenAuthentication(user, jwt, SmartScopes.parse(scopes(jwt)), context);
    }

    private static Collection<String> scopes(Jwt jwt) {
        Object claim = jwt.getClaims().get("scope");
        List<String> scopes = new ArrayList<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(s -> scopes.add(String.valueOf(s)));
        } else if (claim instanceof String s) {
            scopes.addAll(List.of(s.trim().split("\\s+")));
        }
        return scopes;
    }

    /** Writes the SMART context: the person's own space for {@code launch/patient}, the account for {@code fhirUser}. */
    @Override
    public void customize(JwtEncodingContext context) {
        boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = "id_token".equals(context.getTokenType().getValue());
        if (!access && !idToken) {
            return;
        }
        Authentication principal = context.getPrincipal();
        if (principal == null || !(principal.getPrincipal() instanceof HygieUser user)) {
            return;
        }
        if (access && context.getAuthorizedScopes().contains(LAUNCH_PATIENT) && user.role() == Role.PATIENT
                && user.patientId().isPresent()) {
            context.getClaims().claim(PATIENT_CLAIM, user.patientId().get().value().toString());
        }
        if (context.getAuthorizedScopes().contains(FHIR_USER_CLAIM)) {
            fhirUser(user).ifPresent(u -> context.getClaims().claim(FHIR_USER_CLAIM, u));
        }
    }

    private static java.util.Optional<String> fhirUser(HygieUser user) {
        if (user.role() == Role.PATIENT && user.patientId().isPresent()) {
            return java.util.Optional.of("Patient/" + id(user.patientId().get().value()));
        }
        return user.professionalId().map(p -> "Practitioner/" + id(p.value()));
    }

    private static String id(UUID u) {
        return u.toString();
    }
}
