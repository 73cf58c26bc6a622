package fr.hygie.identity;

import fr.hygie.platform.Ids;
import fr.hygie.platform.web.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assisted opening of a personal space (ouverture accompagnée): a counter agent (France services, CPAM)
 * or the platform gives a person a one-time activation code; the person then chooses their login and
 * password. This is how a young person gets their own access at 16, and how someone who never used a
 * computer opens their space with help. Only a hash of the code is stored; the code is shown once.
 */
@Service
public class SpaceActivations {

    /** Unambiguous characters (no 0/O, 1/I/L) so that a code read aloud or printed is typed right. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    static final int CODE_LENGTH = 12;
    static final Duration VALIDITY = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Patients patients;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SpaceActivations(JdbcClient jdbc, Accounts accounts, Patients patients, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.patients = patients;
        this.clock = clock;
    }

    /** A code just issued, to print or read to the person once; never stored in clear. */
    public record IssuedCode(String code, Instant expiresAt) {
        /** Grouped by four for reading aloud: ABCD-EFGH-JKMN. */
        public String readable() {
            return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
        }
    }

    /**
     * Issues a code for a person who has no account yet and is 16 or older. Earlier unused codes for the
     * same person stop working.
     */
    @Transactional
    public IssuedCode issue(PatientId patient, AccountId issuedBy) {
        Patient p = patients.byId(patient).orElseThrow(() -> new InvalidInput("PATIENT_UNKNOWN", "patient", "Personne inconnue."));
        if (accounts.byPatient(patient).isPresent()) {
            throw new InvalidInput("SPACE_ALREADY_OPEN", "patient", "Cette personne a déjà un compte : elle peut se connecter, ou demander un nouveau mot de passe au guichet.");
        }
        if (p.ageOn(LocalDate.now(clock)) < Mandates.OWN_ACCESS_AGE) {
            throw new InvalidInput("TOO_YOUNG", "patient", "Avant 16 ans, l'espace est géré par les représentants légaux.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("UPDATE identity.space_activation SET used_at = :now WHERE patient_id = :p AND used_at IS NULL")
                .param("now", Timestamp.from(now)).param("p", patient.value()).update();
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        String clear = new String(code);
        Instant expires = now.plus(VALIDITY);
        jdbc.sql("""
                INSERT INTO identity.space_activation (id, patient_id, code_hash, created_by, expires_at)
                VALUES (:id, :p, :hash, :by, :expires)""")
                .param("id", Ids.newId()).param("p", patient.value()).param("hash", hash(clear))
                .param("by", issuedBy == null ? null : issuedBy.value()).param("expires", Timestamp.from(expires)).update();
        return new IssuedCode(clear, expires);
    }

    /**
     * The person opens their space with the code: creates their PATIENT account. A wrong, used or expired
     * code gets one and the same answer.
     */
    @Transactional
    public AccountId activate(String code, String username, String password, String displayName) {
        String normalised = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        Optional<UUID[]> found = jdbc.sql("""
                SELECT id, patient_id FROM identity.space_activation
                WHERE code_hash = :hash AND used_at IS NULL AND expires_at > :now FOR UPDATE""")
                .param("hash", hash(normalised)).param("now", Timestamp.from(now))
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).optional();
        if (found.isEmpty()) {
            throw new InvalidInput("ACTIVATION_CODE", "code", "Ce code n'est pas valable (il est erroné, déjà utilisé ou expiré). Un conseiller peut vous en donner un nouveau.");
        }
        if (password == null || password.length() < 12) {
            throw new InvalidInput("PASSWORD_TOO_SHORT", "password", "Choisissez un mot de passe d'au moins 12 caractères.");
        }
        if (accounts.byUsername(username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT)).isPresent()) {
            throw new InvalidInput("USERNAME_TAKEN", "username", "Cet identifiant est déjà pris : choisissez-en un autre.");
        }
        PatientId patient = new PatientId(found.get()[1]);
        Patient p = patients.byId(patient).orElseThrow();
        AccountId account = accounts.create(new NewAccount(username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT),
                accounts.hash(password), Role.PATIENT, displayName == null || displayName.isBlank() ? p.displayName() : displayName,
                patient, null, null, false));
        jdbc.sql("UPDATE identity.space_activation SET used_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now.truncatedTo(ChronoUnit.MICROS))).param("id", found.get()[0]).update();
        return account;
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
