package fr.hygie.oversight;

import fr.hygie.access.Actor;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.platform.Ids;
import fr.hygie.platform.crypto.EnvelopeEncryption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * « Parler à une personne » (garantie humaine, DOMAIN): anyone, with or without an account, or a
 * representative for the person they help, asks to be contacted by a person; the requests queue for
 * the human-contact staff (conseillers), who answer and close them. The first-response delay is
 * measured against a target in working days ({@code hygie.contact.target-working-days}, 2 by default).
 * The message and the contact details are sealed at rest: people write about their health here.
 */
@Service
public class ContactRequests {

    static final String OBJECT_TYPE = "ContactRequest";
    static final String SEALED = "oversight/contact-request";
    private static final Pattern PHONE = Pattern.compile("(\\+33 ?|0)[1-9]([ .-]?[0-9]{2}){4}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final JdbcClient jdbc;
    private final EnvelopeEncryption envelope;
    private final Journal journal;
    private final Clock clock;
    private final int targetWorkingDays;

    ContactRequests(JdbcClient jdbc, EnvelopeEncryption envelope, Journal journal, Clock clock,
            @Value("${hygie.contact.target-working-days:2}") int targetWorkingDays) {
        this.jdbc = jdbc;
        this.envelope = envelope;
        this.journal = journal;
        this.clock = clock;
        this.targetWorkingDays = targetWorkingDays;
    }

    public int targetWorkingDays() {
        return targetWorkingDays;
    }

    /**
     * Queues a request. {@code actor} is empty for a visitor without an account; a representative acting
     * for someone files it for that person (« pour … »). The person must leave a way to be reached that
     * fits the channel they chose: that is what makes the answer possible.
     */
    @Transactional
    public SubmitOutcome submit(Optional<Actor> actor, String actingForName, NewContactRequest r) {
        Optional<SubmitOutcome.Invalid> invalid = invalid(actor.isPresent(), r);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        UUID id = Ids.newId();
        byte[] ad = EnvelopeEncryption.bindTo(SEALED, id);
        boolean onBehalf = actor.map(Actor::representing).orElse(false);
        String name = actor.map(a -> a.user().displayName()).orElseGet(() -> r.name().strip());
        if (onBehalf && actingForName != null) {
            name = name + " pour " + actingForName;
        }
        jdbc.sql("""
                INSERT INTO oversight.contact_request (id, patient_id, account_id, on_behalf, requester_name, topic, message_sealed, channel,
                    phone_sealed, email_sealed, preferred_time, status, created_at)
                VALUES (:id, :p, :acc, :behalf, :name, :topic, :msg, :channel, :phone, :email, :when, 'OPEN', :now)""")
                .param("id", id).param("p", actor.map(a -> a.actingFor() == null ? null : a.actingFor().value()).orElse(null))
                .param("acc", actor.map(a -> a.user().accountId().value()).orElse(null)).param("behalf", onBehalf).param("name", name)
                .param("topic", r.topic().name()).param("msg", seal(r.message(), ad)).param("channel", r.channel().name())
                .param("phone", seal(r.phone(), ad)).param("email", seal(r.email(), ad)).param("when", r.when().name())
                .param("now", Timestamp.from(now())).update();
        return new SubmitOutcome.Queued(id);
    }

    private static Optional<SubmitOutcome.Invalid> invalid(boolean loggedIn, NewContactRequest r) {
        if (!loggedIn && blank(r.name())) {
            return invalid("name", "Indiquez votre nom, pour que la personne qui vous recontacte sache à qui elle parle.");
        }
        if (!blank(r.name()) && r.name().length() > 120) {
            return invalid("name", "Le nom fait au plus 120 caractères.");
        }
        if (r.topic() == null) {
            return invalid("topic", "Choisissez le sujet de votre demande.");
        }
        if (r.channel() == null) {
            return invalid("channel", "Choisissez comment vous souhaitez être recontacté·e.");
        }
        if (r.when() == null) {
            return invalid("when", "Choisissez quand vous souhaitez être recontacté·e.");
        }
        if (blank(r.phone()) && blank(r.email())) {
            return invalid(r.channel() == ContactChoices.Channel.EMAIL ? "email" : "phone",
                    "Indiquez un numéro de téléphone ou une adresse électronique pour que nous puissions vous recontacter.");
        }
        if (!blank(r.phone()) && !PHONE.matcher(r.phone().strip()).matches()) {
            return invalid("phone", "Le numéro de téléphone n'est pas valide : 10 chiffres, par exemple 06 12 34 56 78.");
        }
        if (!blank(r.email()) && (r.email().length() > 200 || !EMAIL.matcher(r.email().strip()).matches())) {
            return invalid("email", "L'adresse électronique n'est pas valide, par exemple prenom.nom@exemple.fr.");
        }
        if (r.channel() == ContactChoices.Channel.PHONE && blank(r.phone())) {
            return invalid("phone", "Vous avez choisi d'être appelé·e : indiquez votre numéro de téléphone.");
        }
        if (r.channel() == ContactChoices.Channel.EMAIL && blank(r.email())) {
            return invalid("email", "Vous avez choisi une réponse par courriel : indiquez votre adresse électronique.");
        }
        if (r.message() != null && r.message().length() > 2000) {
            return invalid("message", "Le message fait au plus 2 000 caractères.");
        }
        return Optional.empty();
    }

    private static Optional<SubmitOutcome.Invalid> invalid(String field, String message) {
        return Optional.of(new SubmitOutcome.Invalid(field, message));
    }

    // ------------------------------------------------------------------ the conseillers

    /** Requests not closed yet, oldest first: the order in which they are owed an answer. */
    public List<ContactRequest> queue(HygieUser staff, int limit) {
        if (staff.role() != Role.HUMAN_CONTACT) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE status <> 'CLOSED' ORDER BY created_at, id LIMIT :limit")
                .param("limit", limit).query(this::map).list();
    }

    /** One request, opened for a conseiller; reading a person's request is journaled in their journal. */
    @Transactional
    public Optional<ContactRequest> open(HygieUser staff, UUID id) {
        if (staff.role() != Role.HUMAN_CONTACT) {
            return Optional.empty();
        }
        Optional<ContactRequest> r = jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(this::map).optional();
        r.ifPresent(x -> journalFor(staff, id, JournalAction.READ, "HUMAN_CONTACT", null));
        return r;
    }

    /** Records the first (or a further) response: the delay stops at the first one. */
    @Transactional
    public Outcome respond(HygieUser staff, UUID id, String note) {
        return handle(staff, id, note, false);
    }

    /** Closes the request (closing also counts as a response when none was recorded). */
    @Transactional
    public Outcome close(HygieUser staff, UUID id, String note) {
        return handle(staff, id, note, true);
    }

    private Outcome handle(HygieUser staff, UUID id, String note, boolean close) {
        if (staff.role() != Role.HUMAN_CONTACT) {
            return Outcome.refused(Outcome.Wording.ONLY_ADVISERS);
        }
        if (blank(note) || note.length() > 2000) {
            return Outcome.refused(Outcome.Wording.ANSWER_REQUIRED);
        }
        Optional<String> status = jdbc.sql("SELECT status FROM oversight.contact_request WHERE id = :id FOR UPDATE")
                .param("id", id).query(String.class).optional();
        if (status.isEmpty()) {
            return Outcome.refused(Outcome.Wording.REQUEST_NOT_FOUND);
        }
        if (ContactRequest.Status.valueOf(status.get()) == ContactRequest.Status.CLOSED) {
            return Outcome.refused(Outcome.Wording.REQUEST_CLOSED);
        }
        Instant now = now();
        jdbc.sql("""
                UPDATE oversight.contact_request SET status = :s, first_response_at = COALESCE(first_response_at, :now),
                    closed_at = CASE WHEN :close THEN CAST(:now AS timestamptz) ELSE NULL END,
                    handled_by_account = :acc, handled_by_name = :name, response_note_sealed = :note WHERE id = :id""")
                .param("s", close ? "CLOSED" : "ANSWERED").param("now", Timestamp.from(now)).param("close", close)
                .param("acc", staff.accountId().value()).param("name", staff.displayName())
                .param("note", seal(note, EnvelopeEncryption.bindTo(SEALED, id))).param("id", id).update();
        journalFor(staff, id, JournalAction.UPDATE, close ? "CLOSED" : "ANSWERED", null);
        return Outcome.done(close ? Outcome.Wording.REQUEST_CLOSED_NOW : Outcome.Wording.ANSWER_SAVED);
    }

    /**
     * Delays of the requests made in {@code [from, to)}: median and 90th percentile in SQL
     * ({@code percentile_cont}), the target in working days checked per request.
     */
    public ResponseTimes responseTimes(Instant from, Instant to) {
        record Row(Instant created, Instant firstResponse) {
        }
        List<Row> rows = jdbc.sql("SELECT created_at, first_response_at FROM oversight.contact_request WHERE created_at >= :f AND created_at < :t")
                .param("f", Timestamp.from(from)).param("t", Timestamp.from(to))
                .query((rs, n) -> new Row(rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .list();
        Object[] pct = jdbc.sql("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_response_at - created_at)),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_response_at - created_at))
                FROM oversight.contact_request WHERE created_at >= :f AND created_at < :t AND first_response_at IS NOT NULL""")
                .param("f", Timestamp.from(from)).param("t", Timestamp.from(to))
                .query((rs, n) -> new Object[] {rs.getObject(1), rs.getObject(2)}).single();
        Instant now = clock.instant();
        long answered = 0;
        long within = 0;
        long overdue = 0;
        for (Row r : rows) {
            Instant deadline = WorkingDays.deadline(r.created(), targetWorkingDays, PARIS);
            if (r.firstResponse() != null) {
                answered++;
                if (!r.firstResponse().isAfter(deadline)) {
                    within++;
                }
            } else if (now.isAfter(deadline)) {
                overdue++;
            }
        }
        return new ResponseTimes(targetWorkingDays, rows.size(), answered, rows.size() - answered, seconds(pct[0]), seconds(pct[1]),
                within, overdue);
    }

    private static Optional<Duration> seconds(Object value) {
        return value == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(((Number) value).doubleValue() * 1000)));
    }

    private void journalFor(HygieUser staff, UUID id, JournalAction action, String reason, String justification) {
        UUID patient = jdbc.sql("SELECT patient_id FROM oversight.contact_request WHERE id = :id").param("id", id)
                .query((rs, n) -> rs.getObject(1, UUID.class)).optional().orElse(null);
        journal.append(new JournalEntryDraft(new JournalActor(staff.accountId().value(), staff.displayName(), staff.role().name()), null,
                patient, action, OBJECT_TYPE, id.toString(), JournalDecision.PERMIT, reason, JournalChannel.WEB, justification));
    }

    private String seal(String text, byte[] ad) {
        return blank(text) ? null : envelope.sealText(text.strip(), ad);
    }

    private String unseal(String token, byte[] ad) {
        return token == null ? null : envelope.openText(token, ad);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static final String SELECT = """
            SELECT id, requester_name, on_behalf, patient_id, topic, message_sealed, channel, phone_sealed, email_sealed, preferred_time,
                   status, created_at, first_response_at, closed_at, handled_by_name, response_note_sealed
            FROM oversight.contact_request""";

    private ContactRequest map(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        byte[] ad = EnvelopeEncryption.bindTo(SEALED, id);
        Timestamp first = rs.getTimestamp("first_response_at");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new ContactRequest(id, rs.getString("requester_name"), rs.getBoolean("on_behalf"), rs.getObject("patient_id") != null,
                ContactChoices.Topic.valueOf(rs.getString("topic")), unseal(rs.getString("message_sealed"), ad),
                ContactChoices.Channel.valueOf(rs.getString("channel")), unseal(rs.getString("phone_sealed"), ad),
                unseal(rs.getString("email_sealed"), ad), ContactChoices.When.valueOf(rs.getString("preferred_time")),
                ContactRequest.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
                first == null ? null : first.toInstant(), closed == null ? null : closed.toInstant(),
                rs.getString("handled_by_name"), unseal(rs.getString("response_note_sealed"), ad));
    }
}
