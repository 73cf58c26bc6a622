package fr.hygie.identity;

import fr.hygie.platform.web.InvalidInput;
import fr.hygie.platform.Ids;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and login: the only place that reads {@code identity.account}. */
@Service
public class Accounts implements UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    Accounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** Hashes a password with the platform's encoder (bcrypt, cost 12). */
    public String hash(String rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Transactional
    public AccountId create(NewAccount a) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO identity.account (id, username, password_hash, role, display_name, patient_id,
                    professional_id, structure_id, demo)
                VALUES (:id, :username, :hash, :role, :display, :patient, :professional, :structure, :demo)""")
                .param("id", id).param("username", a.username()).param("hash", a.passwordHash())
                .param("role", a.role().name()).param("display", a.displayName())
                .param("patient", a.patientId() == null ? null : a.patientId().value())
                .param("professional", a.professionalId() == null ? null : a.professionalId().value())
                .param("structure", a.structureId() == null ? null : a.structureId().value())
                .param("demo", a.demo())
                .update();
        return new AccountId(id);
    }

    public Optional<Account> byUsername(String username) {
        return jdbc.sql(SELECT + " WHERE username = :u").param("u", username).query(this::account).optional();
    }

    public Optional<Account> byId(AccountId id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id.value()).query(this::account).optional();
    }

    public Optional<Account> byPatient(PatientId id) {
        return jdbc.sql(SELECT + " WHERE patient_id = :id").param("id", id.value()).query(this::account).optional();
    }

    public Optional<Account> byProfessional(ProfessionalId id) {
        return jdbc.sql(SELECT + " WHERE professional_id = :id").param("id", id.value()).query(this::account).optional();
    }

    public List<Account> byRole(Role role) {
        return jdbc.sql(SELECT + " WHERE role = :r ORDER BY username").param("r", role.name()).query(this::account).list();
    }

    public long countDemoAccounts() {
        return jdbc.sql("SELECT count(*) FROM identity.account WHERE demo").query(Long.class).single();
    }

    @Transactional
    public void setEnabled(AccountId id, boolean enabled) {
        jdbc.sql("UPDATE identity.account SET enabled = :e WHERE id = :id").param("e", enabled).param("id", id.value()).update();
    }

    /**
     * Replaces the password of an account (reset by an administrator); the old one stops working at once.
     * Only the bcrypt hash is stored.
     */
    @Transactional
    public void setPassword(AccountId id, String rawPassword) {
        jdbc.sql("UPDATE identity.account SET password_hash = :h WHERE id = :id").param("h", encoder.encode(rawPassword))
                .param("id", id.value()).update();
    }

    @Override
    public HygieUser loadUserByUsername(String username) {
        return jdbc.sql("""
                SELECT id, username, password_hash, role, display_name, patient_id, professional_id, structure_id, enabled
                FROM identity.account WHERE username = :u""")
                .param("u", username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT))
                .query((rs, n) -> new HygieUser(
                        new AccountId(rs.getObject("id", UUID.class)), rs.getString("username"),
                        rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role")), rs.getString("display_name"),
                        uuid(rs.getObject("patient_id", UUID.class), PatientId::new),
                        uuid(rs.getObject("professional_id", UUID.class), ProfessionalId::new),
                        uuid(rs.getObject("structure_id", UUID.class), StructureId::new),
                        rs.getBoolean("enabled")))
                .optional()
                .filter(u -> u.getPassword() != null) // no password yet (space not activated): like an unknown login
                .orElseThrow(() -> new UsernameNotFoundException("unknown login"));
    }

    private static final String SELECT = """
            SELECT id, username, role, display_name, patient_id, professional_id, structure_id, enabled, demo
            FROM identity.account""";

    private Account account(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Account(new AccountId(rs.getObject("id", UUID.class)), rs.getString("username"),
                Role.valueOf(rs.getString("role")), rs.getString("display_name"),
                Optional.ofNullable(uuid(rs.getObject("patient_id", UUID.class), PatientId::new)),
                Optional.ofNullable(uuid(rs.getObject("professional_id", UUID.class), ProfessionalId::new)),
                Optional.ofNullable(uuid(rs.getObject("structure_id", UUID.class), StructureId::new)),
                rs.getBoolean("enabled"), rs.getBoolean("demo"));
    }

    /**
     * Attaches an account to a région (INSEE code of the région, e.g. {@code 84}): the perimeter of a regional
     * health agency's view. Replaces a previous région.
     */
    @Transactional
    public void assignRegion(AccountId id, String regionCode) {
        if (regionCode == null || !regionCode.matches("\\d{2}")) {
            throw new InvalidInput("REGION", "region", "Le code d'une région est fait de deux chiffres (code officiel géographique de l'Insee).");
        }
        jdbc.sql("""
                INSERT INTO identity.account_region (account_id, region_code) VALUES (:id, :r)
                ON CONFLICT (account_id) DO UPDATE SET region_code = EXCLUDED.region_code""")
                .param("id", id.value()).param("r", regionCode).update();
    }

    /** The région an account is attached to, if any. */
    public Optional<String> regionOf(AccountId id) {
        return jdbc.sql("SELECT region_code FROM identity.account_region WHERE account_id = :id").param("id", id.value())
                .query(String.class).optional();
    }

    private static <T> T uuid(UUID u, java.util.function.Function<UUID, T> f) {
        return u == null ? null : f.apply(u);
    }
}
