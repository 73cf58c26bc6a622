package fr.hygie.catalogue;

import fr.hygie.identity.HygieUser;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntry;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.platform.Ids;
import fr.hygie.platform.security.oauth.ConnectedApps;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The apps a person connected (« mes applications connectées »): those they authorised among the
 * referenced services, what each one read, and the withdrawal of an app, effective at once (its access
 * and refresh tokens are refused from the next request).
 *
 * <p>What an app read: the journal records the account and the channel ({@code FHIR}) of each read, not
 * the app. The reads attributed to an app are the person's own journal entries made by their own account
 * through the FHIR channel while the app was connected (from its authorisation to its withdrawal). Two
 * apps connected at the same time both show the reads of that period (the page says so). The
 * connections withdrawn are kept in {@code catalogue.past_connection} so the reads stay visible after.
 */
@Service
public class AppConnections {

    /** How far back the journal is scanned (newest first) for one page. */
    static final int JOURNAL_SCAN = 2000;

    private final ConnectedApps apps;
    private final Catalogue catalogue;
    private final Journal journal;
    private final JdbcClient jdbc;
    private final Clock clock;

    AppConnections(ConnectedApps apps, Catalogue catalogue, Journal journal, JdbcClient jdbc, Clock clock) {
        this.apps = apps;
        this.catalogue = catalogue;
        this.journal = journal;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The person's connected apps, then the ones they disconnected, each with what it read. */
    public List<ConnectedApp> of(HygieUser user) {
        List<ConnectedApp> out = new ArrayList<>();
        for (ConnectedApps.GrantedApp g : apps.grantedBy(user.getUsername(), catalogue.clientIds())) {
            out.add(new ConnectedApp(g.clientId(), g.clientName(), applicationId(g.clientId()), g.scopes(), g.authorisedAt(), null, List.of()));
        }
        out.addAll(jdbc.sql("""
                SELECT client_id, app_name, scopes, authorised_at, revoked_at FROM catalogue.past_connection
                WHERE account_id = :a ORDER BY revoked_at DESC LIMIT 50""").param("a", user.accountId().value())
                .query((rs, n) -> new ConnectedApp(rs.getString("client_id"), rs.getString("app_name"), null,
                        new TreeSet<>(Arrays.asList(rs.getString("scopes").split(" "))), rs.getTimestamp("authorised_at").toInstant(),
                        rs.getTimestamp("revoked_at").toInstant(), List.of())).list()
                .stream().map(c -> new ConnectedApp(c.clientId(), c.name(), applicationId(c.clientId()), c.scopes(), c.authorisedAt(),
                        c.revokedAt(), List.of())).toList());
        if (out.isEmpty() || user.patientId().isEmpty()) {
            return out;
        }
        List<JournalEntry> fhirReads = journal.forPatient(user.patientId().get().value(), 0, JOURNAL_SCAN).stream()
                .filter(e -> e.channel() == JournalChannel.FHIR && e.actor() != null
                        && user.accountId().value().equals(e.actor().accountId()))
                .toList();
        Instant now = clock.instant();
        return out.stream().map(c -> new ConnectedApp(c.clientId(), c.name(), c.applicationId(), c.scopes(), c.authorisedAt(), c.revokedAt(),
                fhirReads.stream().filter(e -> !e.at().isBefore(c.authorisedAt().truncatedTo(ChronoUnit.MICROS))
                        && !e.at().isAfter(c.revokedAt() == null ? now : c.revokedAt())).toList())).toList();
    }

    /**
     * Withdraws an app: its tokens stop working at once. Journaled in the person's journal. Refused
     * when the person had not connected it.
     */
    @Transactional
    public Outcome revoke(HygieUser user, String clientId) {
        ConnectedApps.GrantedApp granted = apps.grantedBy(user.getUsername(), Set.of(clientId == null ? "" : clientId)).stream()
                .findFirst().orElse(null);
        if (granted == null || !apps.revoke(user.getUsername(), clientId)) {
            return Outcome.refused(Outcome.Wording.NOT_CONNECTED);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO catalogue.past_connection (id, account_id, client_id, app_name, scopes, authorised_at, revoked_at)
                VALUES (:id, :a, :c, :n, :s, :since, :now)""")
                .param("id", Ids.newId()).param("a", user.accountId().value()).param("c", clientId).param("n", granted.clientName())
                .param("s", String.join(" ", granted.scopes())).param("since", Timestamp.from(granted.authorisedAt()))
                .param("now", Timestamp.from(now)).update();
        journal.append(new JournalEntryDraft(new JournalActor(user.accountId().value(), user.displayName(), user.role().name()), null,
                user.patientId().map(p -> p.value()).orElse(null), JournalAction.REVOKE_AUTHORISATION, "ConnectedApp", clientId,
                JournalDecision.PERMIT, "APP_REVOKED", JournalChannel.WEB, null));
        return Outcome.done(Outcome.Wording.REVOKED, granted.clientName());
    }

    private UUID applicationId(String clientId) {
        return catalogue.byClientId(clientId).map(ServiceApplication::id).orElse(null);
    }
}
