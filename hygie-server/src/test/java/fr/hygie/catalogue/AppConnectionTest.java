package fr.hygie.catalogue;

import fr.hygie.support.AppClient;
import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A referenced app connected by a person through the real authorization code + PKCE flow. */
@HygieIntegrationTest
class AppConnectionTest {

    static final String SCOPES = "openid launch/patient offline_access patient/Observation.rs";

    @LocalServerPort
    int port;

    @Autowired
    Catalogue catalogue;

    @Autowired
    AppConnections connections;

    @Autowired
    Cast cast;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAppGrantedOnlyObservationsCannotReadDocumentReferences() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        AppClient app = new AppClient(port, referencedApp());

        AppClient.Tokens t = app.connect(login, SCOPES);

        assertThat(t.scope()).contains("patient/Observation.rs").doesNotContain("DocumentReference");
        assertThat(app.fhir("/fhir/Observation?patient=Patient/" + p.value(), t.access()).statusCode()).isEqualTo(200);
        assertThat(app.fhir("/fhir/DocumentReference?patient=Patient/" + p.value(), t.access()).statusCode()).isEqualTo(403);
    }

    @Test
    void theAuthorisationIsStoredInTheDatabaseNotInMemory() {
        String login = cast.newPatient();
        String clientId = referencedApp();
        new AppClient(port, clientId).connect(login, SCOPES);

        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_authorization WHERE principal_name = :p").param("p", login)
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_registered_client WHERE client_id = :c").param("c", clientId)
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aPersonSeesTheConnectedAppAndWhatItReadThenRevokesItAndBothTokensStopAtOnce() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        HygieUser me = cast.user(login);
        String clientId = referencedApp();
        AppClient app = new AppClient(port, clientId);
        AppClient.Tokens t = app.connect(login, SCOPES);
        assertThat(app.fhir("/fhir/Observation?patient=Patient/" + p.value(), t.access()).statusCode()).isEqualTo(200);
        AppClient.Tokens refreshed = AppClient.tokens(app.refresh(t.refresh()).body());
        assertThat(app.fhir("/fhir/Observation?patient=Patient/" + p.value(), refreshed.access()).statusCode()).isEqualTo(200);

        assertThat(connections.of(me)).singleElement().satisfies(c -> {
            assertThat(c.clientId()).isEqualTo(clientId);
            assertThat(c.connected()).isTrue();
            assertThat(c.scopes()).contains("patient/Observation.rs");
            assertThat(c.reads()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.channel()).isEqualTo(JournalChannel.FHIR);
                assertThat(e.actor().accountId()).isEqualTo(me.accountId().value());
            });
        });

        assertThat(connections.revoke(me, clientId).done()).isTrue();

        HttpResponse<String> afterRevoke = app.fhir("/fhir/Observation?patient=Patient/" + p.value(), refreshed.access());
        assertThat(afterRevoke.statusCode()).isEqualTo(401);
        HttpResponse<String> refreshAfterRevoke = app.refresh(refreshed.refresh());
        assertThat(refreshAfterRevoke.statusCode()).isEqualTo(400);
        assertThat(refreshAfterRevoke.body()).contains("invalid_grant");
        assertThat(connections.of(me)).singleElement().satisfies(c -> {
            assertThat(c.connected()).isFalse();
            assertThat(c.reads()).isNotEmpty();
        });
    }

    @Test
    void aPersonCannotRevokeAnAppTheyNeverConnected() {
        String login = cast.newPatient();
        String clientId = referencedApp();
        new AppClient(port, clientId).connect(cast.newPatient(), SCOPES);
        assertThat(connections.revoke(cast.user(login), clientId).done()).isFalse();
    }

    @Test
    void suspendingAServiceStopsItsTokensAndItsAuthorisationRequests() {
        String login = cast.newPatient();
        PatientId p = cast.patient(login);
        String clientId = referencedApp();
        AppClient app = new AppClient(port, clientId);
        AppClient.Tokens t = app.connect(login, SCOPES);
        UUID id = catalogue.byClientId(clientId).orElseThrow().id();

        assertThat(catalogue.decide(cast.user("comite"), id, ApplicationStatus.SUSPENDED, "Faille de sécurité signalée et non corrigée.")
                .done()).isTrue();

        assertThat(app.fhir("/fhir/Observation?patient=Patient/" + p.value(), t.access()).statusCode()).isEqualTo(401);
        assertThat(app.refresh(t.refresh()).statusCode()).isIn(400, 401);
        assertThat(connections.of(cast.user(login))).isEmpty();
    }

    private String referencedApp() {
        HygieUser comite = cast.user("comite");
        ApplyOutcome o = catalogue.apply(Applications.clean(SCOPES));
        UUID id = catalogue.byStatusToken(((ApplyOutcome.Received) o).statusToken()).orElseThrow().id();
        catalogue.score(comite, id, Applications.allScored(2));
        assertThat(catalogue.decide(comite, id, ApplicationStatus.REFERENCED, "Conforme à la grille de référencement.").done()).isTrue();
        return catalogue.byId(id).orElseThrow().clientId();
    }
}
