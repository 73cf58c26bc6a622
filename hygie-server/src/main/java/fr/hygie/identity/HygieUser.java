package fr.hygie.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in person: their account, role and the identity it is linked to. Never holds an NIR.
 */
public final class HygieUser implements UserDetails, CredentialsContainer {

    private final AccountId accountId;
    private final String username;
    private String passwordHash;
    private final Role role;
    private final String displayName;
    private final PatientId patientId;
    private final ProfessionalId professionalId;
    private final StructureId structureId;
    private final boolean enabled;

    public HygieUser(AccountId accountId, String username, String passwordHash, Role role, String displayName,
            PatientId patientId, ProfessionalId professionalId, StructureId structureId, boolean enabled) {
        this.accountId = accountId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.displayName = displayName;
        this.patientId = patientId;
        this.professionalId = professionalId;
        this.structureId = structureId;
        this.enabled = enabled;
    }

    public AccountId accountId() {
        return accountId;
    }

    public Role role() {
        return role;
    }

    public String displayName() {
        return displayName;
    }

    /** The person whose own space this account opens, if any. */
    public Optional<PatientId> patientId() {
        return Optional.ofNullable(patientId);
    }

    public Optional<ProfessionalId> professionalId() {
        return Optional.ofNullable(professionalId);
    }

    public Optional<StructureId> structureId() {
        return Optional.ofNullable(structureId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "HygieUser[" + username + ", " + role + "]";
    }
}
