package fr.hygie.catalogue;

import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.platform.Ids;
import fr.hygie.platform.security.oauth.ConnectedApps;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue of referenced services (« référencement des services numériques en santé »): a publisher
 * files an application through the public form ({@link #apply}) and gets a reference and a private status
 * link; the automatic rules ({@link AutomaticRefusals}) refuse at once with the reason; a reviewer
 * ({@link Role#REVIEWER}, the committee) scores each criterion of the grid ({@link #score}) and decides
 * with reasons ({@link #decide}): referenced, refused, or later suspended. Every decision, refusals
 * included, is public and journaled on the platform chain. A referenced service gets an OAuth client
 * (SMART on FHIR app), removed from use when suspended.
 */
@Service
public class Catalogue {

    static final String OBJECT_TYPE = "CatalogueApplication";
    private static final String SYSTEM_NAME = "Règles de référencement (refus automatique)";
    private static final String REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final JdbcClient jdbc;
    private final Journal journal;
    private final ConnectedApps apps;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Catalogue(JdbcClient jdbc, Journal journal, ConnectedApps apps, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.apps = apps;
        this.clock = clock;
    }

    /** Files an application; refused at once when an automatic rule applies (the refusal is public too). */
    @Transactional
    public ApplyOutcome apply(NewApplication a) {
        Map<String, String> errors = validate(a);
        if (!errors.isEmpty()) {
            return new ApplyOutcome.Invalid(errors);
        }
        List<Refusal> refusals = AutomaticRefusals.check(a);
        Instant now = now();
        UUID id = Ids.newId();
        String reference = newReference();
        String token = newToken();
        jdbc.sql("""
                INSERT INTO catalogue.application (id, reference, status_token_hash, status, submitted_at, status_changed_at,
                    service_name, description, publisher, contact_email, hosting_provider, hosting_country, hosting_law_country,
                    certifications, data_used, data_purpose, business_model, sells_data, advertising, accessibility_statement,
                    footprint, redirect_uris, requested_scopes, confidential)
                VALUES (:id, :reference, :hash, :status, :now, :now, :name, :description, :publisher, :email, :provider, :country,
                    :law, :certifications, :dataUsed, :dataPurpose, :businessModel, :sellsData, :advertising, :accessibility,
                    :footprint, :redirectUris, :scopes, :confidential)""")
                .param("id", id).param("reference", reference).param("hash", hash(token))
                .param("status", (refusals.isEmpty() ? ApplicationStatus.SUBMITTED : ApplicationStatus.REFUSED).name())
                .param("now", Timestamp.from(now)).param("name", a.serviceName().strip()).param("description", a.description().strip())
                .param("publisher", a.publisher().strip()).param("email", a.contactEmail().strip())
                .param("provider", a.hostingProvider().strip()).param("country", upper(a.hostingCountry()))
                .param("law", upper(a.hostingLawCountry())).param("certifications", text(a.certifications()))
                .param("dataUsed", a.dataUsed().strip()).param("dataPurpose", a.dataPurpose().strip())
                .param("businessModel", a.businessModel().strip()).param("sellsData", a.sellsData()).param("advertising", a.advertising())
                .param("accessibility", a.accessibilityStatement().strip()).param("footprint", a.footprint().strip())
                .param("redirectUris", String.join("\n", lines(a.redirectUris()))).param("scopes", String.join(" ", scopes(a.requestedScopes())))
                .param("confidential", a.confidential()).update();
        for (Criterion c : Criterion.values()) {
            Assessment s = a.selfAssessment().get(c);
            jdbc.sql("INSERT INTO catalogue.self_assessment (application_id, criterion, score, comment) VALUES (:id, :c, :s, :comment)")
                    .param("id", id).param("c", c.name()).param("s", s.score()).param("comment", s.comment()).update();
        }
        JournalActor publisher = new JournalActor(null, "Éditeur : " + a.publisher().strip(), JournalActor.SYSTEM_ROLE);
        journal.append(new JournalEntryDraft(publisher, null, null, JournalAction.CREATE, OBJECT_TYPE, id.toString(),
                JournalDecision.PERMIT, "APPLICATION_FILED", JournalChannel.WEB, null));
        if (!refusals.isEmpty()) {
            String reasons = refusals.stream().map(Refusal::reason).collect(Collectors.joining("\n"));
            insertDecision(id, now, ApplicationStatus.REFUSED, true, reasons, null, SYSTEM_NAME);
            journal.append(new JournalEntryDraft(JournalActor.system(SYSTEM_NAME), null, null, JournalAction.UPDATE, OBJECT_TYPE,
                    id.toString(), JournalDecision.DENY, refusals.stream().map(Refusal::code).collect(Collectors.joining(",")),
                    JournalChannel.SYSTEM, reasons));
            return new ApplyOutcome.RefusedAtOnce(reference, token, refusals);
        }
        return new ApplyOutcome.Received(reference, token);
    }

    /** Records a reviewer's scores (each 0–3 with a comment) on some criteria; the latest score counts. */
    @Transactional
    public Outcome score(HygieUser reviewer, UUID id, Map<Criterion, Assessment> scores) {
        if (reviewer == null || reviewer.role() != Role.REVIEWER) {
            return Outcome.refused(Outcome.Wording.ONLY_REVIEWERS_SCORE);
        }
        Optional<ServiceApplication> app = byId(id);
        if (app.isEmpty()) {
            return Outcome.refused(Outcome.Wording.NO_SUCH_APPLICATION);
        }
        ApplicationStatus status = app.get().status();
        if (status == ApplicationStatus.REFUSED) {
            return Outcome.refused(Outcome.Wording.SCORING_CLOSED, status);
        }
        if (scores.isEmpty()) {
            return Outcome.refused(Outcome.Wording.NO_SCORE);
        }
        for (Map.Entry<Criterion, Assessment> e : scores.entrySet()) {
            if (!e.getValue().valid() || e.getValue().comment().isEmpty()) {
                return Outcome.refused(Outcome.Wording.SCORE_INCOMPLETE, e.getKey());
            }
        }
        Instant now = now();
        for (Map.Entry<Criterion, Assessment> e : scores.entrySet()) {
            jdbc.sql("""
                    INSERT INTO catalogue.review_score (application_id, criterion, score, comment, reviewer_account, reviewer_name, scored_at)
                    VALUES (:id, :c, :s, :comment, :account, :name, :at)
                    ON CONFLICT (application_id, criterion) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment,
                        reviewer_account = EXCLUDED.reviewer_account, reviewer_name = EXCLUDED.reviewer_name, scored_at = EXCLUDED.scored_at""")
                    .param("id", id).param("c", e.getKey().name()).param("s", e.getValue().score()).param("comment", e.getValue().comment())
                    .param("account", reviewer.accountId().value()).param("name", reviewer.displayName()).param("at", Timestamp.from(now))
                    .update();
        }
        String detail = scores.entrySet().stream().map(e -> e.getKey().name() + "=" + e.getValue().score())
                .collect(Collectors.joining(", "));
        journal.append(new JournalEntryDraft(actor(reviewer), null, null, JournalAction.UPDATE, OBJECT_TYPE, id.toString(),
                JournalDecision.PERMIT, "SCORED", JournalChannel.WEB, detail));
        return Outcome.done(Outcome.Wording.SCORED, String.valueOf(scores.size()));
    }

    /**
     * A reviewer's decision with its reasons: {@code REFERENCED} (every criterion scored first; the app gets
     * its OAuth client), {@code REFUSED}, or {@code SUSPENDED} (the app's client stops working and every
     * authorisation given to it is withdrawn). An impossible move is refused with the current state.
     */
    @Transactional
    public Outcome decide(HygieUser reviewer, UUID id, ApplicationStatus decision, String reasons) {
        if (reviewer == null || reviewer.role() != Role.REVIEWER) {
            return Outcome.refused(Outcome.Wording.ONLY_REVIEWERS_DECIDE);
        }
        Optional<ServiceApplication> found = byId(id);
        if (found.isEmpty()) {
            return Outcome.refused(Outcome.Wording.NO_SUCH_APPLICATION);
        }
        ServiceApplication app = found.get();
        if (decision == null || decision == ApplicationStatus.SUBMITTED || !app.status().allows(decision)) {
            return Outcome.refused(Outcome.Wording.DECISION_IMPOSSIBLE, app.status());
        }
        String why = reasons == null ? "" : reasons.strip();
        if (why.length() < 10) {
            return Outcome.refused(Outcome.Wording.REASONS_REQUIRED);
        }
        if (decision == ApplicationStatus.REFERENCED) {
            Set<Criterion> scored = scores(id).stream().map(ReviewScore::criterion).collect(Collectors.toSet());
            List<Criterion> missing = Arrays.stream(Criterion.values()).filter(c -> !scored.contains(c)).toList();
            if (!missing.isEmpty()) {
                return Outcome.refused(Outcome.Wording.CRITERIA_MISSING, missing);
            }
        }
        Instant now = now();
        String clientId = app.clientId();
        if (decision == ApplicationStatus.REFERENCED) {
            clientId = clientId == null ? "hygie-" + app.reference().toLowerCase(Locale.ROOT) : clientId;
            apps.register(new ConnectedApps.AppRegistration(clientId, app.serviceName(), app.confidential(), app.redirectUris(),
                    new LinkedHashSet<>(app.requestedScopes())));
        } else if (decision == ApplicationStatus.SUSPENDED && clientId != null) {
            apps.suspend(clientId);
        }
        jdbc.sql("UPDATE catalogue.application SET status = :s, status_changed_at = :at, client_id = :client WHERE id = :id")
                .param("s", decision.name()).param("at", Timestamp.from(now)).param("client", clientId).param("id", id).update();
        insertDecision(id, now, decision, false, why, reviewer.accountId().value(), reviewer.displayName());
        JournalAction action = switch (decision) {
            case REFERENCED -> JournalAction.AUTHORISE;
            case SUSPENDED -> JournalAction.REVOKE_AUTHORISATION;
            default -> JournalAction.UPDATE;
        };
        journal.append(new JournalEntryDraft(actor(reviewer), null, null, action, OBJECT_TYPE, id.toString(),
                decision == ApplicationStatus.REFERENCED ? JournalDecision.PERMIT : JournalDecision.DENY, decision.name(),
                JournalChannel.WEB, why));
        return Outcome.done(Outcome.Wording.DECISION_SAVED, decision);
    }

    /** A new secret for a referenced confidential app, through the publisher's status link; shown once. */
    @Transactional
    public Optional<String> newClientSecret(String statusToken) {
        return byStatusToken(statusToken)
                .filter(a -> a.status() == ApplicationStatus.REFERENCED && a.confidential() && a.clientId() != null)
                .flatMap(a -> apps.newSecret(a.clientId()));
    }

    public Optional<ServiceApplication> byId(UUID id) {
        return jdbc.sql("SELECT * FROM catalogue.application WHERE id = :id").param("id", id).query(Catalogue::read).optional();
    }

    /** The application behind a publisher's status link (token compared by its hash). */
    public Optional<ServiceApplication> byStatusToken(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM catalogue.application WHERE status_token_hash = :h").param("h", hash(token))
                .query(Catalogue::read).optional();
    }

    /** The referenced service whose OAuth client this is. */
    public Optional<ServiceApplication> byClientId(String clientId) {
        return jdbc.sql("SELECT * FROM catalogue.application WHERE client_id = :c").param("c", clientId).query(Catalogue::read).optional();
    }

    /** The client ids of every service ever referenced (suspended ones included). */
    public Set<String> clientIds() {
        return Set.copyOf(jdbc.sql("SELECT client_id FROM catalogue.application WHERE client_id IS NOT NULL").query(String.class).list());
    }

    /** The public catalogue: referenced, then suspended, then refused services, each with its latest decision. */
    public List<CatalogueEntry> decided() {
        return entries("status <> 'SUBMITTED'");
    }

    /** The reviewers' queue: applications awaiting a decision, oldest first, then referenced ones (may be suspended). */
    public List<CatalogueEntry> underReview() {
        return entries("status IN ('SUBMITTED', 'SUSPENDED')");
    }

    public List<DecisionRecord> decisions(UUID id) {
        return jdbc.sql("SELECT * FROM catalogue.decision WHERE application_id = :id ORDER BY at, id").param("id", id)
                .query((rs, n) -> new DecisionRecord(rs.getTimestamp("at").toInstant(), ApplicationStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("automatic"), rs.getString("reasons"), rs.getString("reviewer_name"))).list();
    }

    public List<ReviewScore> scores(UUID id) {
        return jdbc.sql("SELECT * FROM catalogue.review_score WHERE application_id = :id").param("id", id)
                .query((rs, n) -> new ReviewScore(Criterion.valueOf(rs.getString("criterion")), rs.getInt("score"), rs.getString("comment"),
                        rs.getString("reviewer_name"), rs.getTimestamp("scored_at").toInstant())).list()
                .stream().sorted(java.util.Comparator.comparing(ReviewScore::criterion)).toList();
    }

    public Map<Criterion, Assessment> selfAssessment(UUID id) {
        Map<Criterion, Assessment> out = new EnumMap<>(Criterion.class);
        jdbc.sql("SELECT criterion, score, comment FROM catalogue.self_assessment WHERE application_id = :id").param("id", id)
                .query(rs -> {
                    out.put(Criterion.valueOf(rs.getString("criterion")), new Assessment(rs.getInt("score"), rs.getString("comment")));
                });
        return out;
    }

    private List<CatalogueEntry> entries(String where) {
        List<ServiceApplication> list = jdbc.sql("SELECT * FROM catalogue.application WHERE " + where
                + " ORDER BY CASE status WHEN 'REFERENCED' THEN 0 WHEN 'SUBMITTED' THEN 1 WHEN 'SUSPENDED' THEN 2 ELSE 3 END, service_name, id")
                .query(Catalogue::read).list();
        return list.stream().map(a -> {
            List<DecisionRecord> d = decisions(a.id());
            return new CatalogueEntry(a, d.isEmpty() ? null : d.get(d.size() - 1));
        }).toList();
    }

    private void insertDecision(UUID id, Instant at, ApplicationStatus status, boolean automatic, String reasons, UUID account, String name) {
        jdbc.sql("""
                INSERT INTO catalogue.decision (id, application_id, at, status, automatic, reasons, reviewer_account, reviewer_name)
                VALUES (:did, :id, :at, :s, :auto, :reasons, :account, :name)""")
                .param("did", Ids.newId()).param("id", id).param("at", Timestamp.from(at)).param("s", status.name())
                .param("auto", automatic).param("reasons", reasons).param("account", account).param("name", name).update();
    }

    private Map<String, String> validate(NewApplication a) {
        Map<String, String> e = new LinkedHashMap<>();
        required(e, "serviceName", a.serviceName(), "Indiquez le nom du service.");
        required(e, "description", a.description(), "Décrivez le service.");
        required(e, "publisher", a.publisher(), "Indiquez l'éditeur.");
        if (a.contactEmail() == null || !a.contactEmail().strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            e.put("contactEmail", "Indiquez une adresse électronique de contact valide.");
        }
        required(e, "hostingProvider", a.hostingProvider(), "Indiquez l'hébergeur.");
        if (a.hostingCountry() == null || !a.hostingCountry().strip().matches("[A-Za-z]{2}")) {
            e.put("hostingCountry", "Indiquez le pays d'hébergement (code à deux lettres, par exemple FR).");
        }
        if (a.hostingLawCountry() == null || !a.hostingLawCountry().strip().matches("[A-Za-z]{2}")) {
            e.put("hostingLawCountry", "Indiquez le pays dont le droit s'applique à l'hébergeur (code à deux lettres).");
        }
        required(e, "dataUsed", a.dataUsed(), "Indiquez les données utilisées.");
        required(e, "dataPurpose", a.dataPurpose(), "Indiquez pourquoi ces données sont utilisées.");
        required(e, "businessModel", a.businessModel(), "Décrivez le modèle économique.");
        required(e, "accessibilityStatement", a.accessibilityStatement(), "Joignez la déclaration d'accessibilité (adresse ou texte).");
        required(e, "footprint", a.footprint(), "Indiquez les mesures d'empreinte environnementale.");
        List<String> uris = lines(a.redirectUris());
        if (uris.isEmpty()) {
            e.put("redirectUris", "Indiquez au moins une adresse de retour (redirect URI).");
        } else if (!uris.stream().allMatch(Catalogue::acceptableRedirect)) {
            e.put("redirectUris", "Les adresses de retour sont en https, ou en http sur la boucle locale (127.0.0.1), sans fragment.");
        }
        List<String> scopes = scopes(a.requestedScopes());
        Set<String> offered = apps.offeredScopes();
        if (scopes.isEmpty()) {
            e.put("requestedScopes", "Indiquez les accès (scopes) demandés.");
        } else if (!offered.containsAll(scopes)) {
            e.put("requestedScopes", "Accès inconnus : " + scopes.stream().filter(s -> !offered.contains(s)).collect(Collectors.joining(" ")) + ".");
        }
        for (Criterion c : Criterion.values()) {
            Assessment s = a.selfAssessment().get(c);
            if (s == null || !s.valid() || s.comment().isEmpty()) {
                e.put("self_" + c.key(), "Auto-évaluation « " + c.label() + " » : une note de 0 à 3 et une explication.");
            }
        }
        return e;
    }

    static boolean acceptableRedirect(String uri) {
        try {
            URI u = URI.create(uri);
            if (u.getFragment() != null || u.getHost() == null) {
                return false;
            }
            return "https".equals(u.getScheme()) || "http".equals(u.getScheme()) && ("127.0.0.1".equals(u.getHost()) || "[::1]".equals(u.getHost()));
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static void required(Map<String, String> e, String field, String value, String message) {
        if (value == null || value.isBlank()) {
            e.put(field, message);
        }
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static List<String> scopes(String text) {
        return text == null ? List.of() : Arrays.stream(text.strip().split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static ServiceApplication read(ResultSet rs, int n) throws SQLException {
        return new ServiceApplication(rs.getObject("id", UUID.class), rs.getString("reference"), ApplicationStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("submitted_at").toInstant(), rs.getTimestamp("status_changed_at").toInstant(), rs.getString("service_name"),
                rs.getString("description"), rs.getString("publisher"), rs.getString("contact_email"), rs.getString("hosting_provider"),
                rs.getString("hosting_country"), rs.getString("hosting_law_country"), rs.getString("certifications"), rs.getString("data_used"),
                rs.getString("data_purpose"), rs.getString("business_model"), rs.getBoolean("sells_data"), rs.getBoolean("advertising"),
                rs.getString("accessibility_statement"), rs.getString("footprint"), lines(rs.getString("redirect_uris")),
                scopes(rs.getString("requested_scopes")), rs.getBoolean("confidential"), rs.getString("client_id"));
    }

    private static JournalActor actor(HygieUser user) {
        return new JournalActor(user.accountId().value(), user.displayName(), user.role().name());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String newReference() {
        StringBuilder b = new StringBuilder("SRV-");
        for (int i = 0; i < 8; i++) {
            b.append(REFERENCE_ALPHABET.charAt(random.nextInt(REFERENCE_ALPHABET.length())));
        }
        return b.toString();
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String upper(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
