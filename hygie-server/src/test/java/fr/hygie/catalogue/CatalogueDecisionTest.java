package fr.hygie.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.HygieUser;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@HygieIntegrationTest
class CatalogueDecisionTest {

    @Autowired
    Catalogue catalogue;

    @Autowired
    Cast cast;

    @Test
    void anApplicationHostedUnderUsLawIsRefusedAtOnceAndTheRefusalIsPublicWithItsReason() {
        NewApplication a = Applications.of("IE", "US", false, false, "openid patient/Observation.rs");
        ApplyOutcome outcome = catalogue.apply(a);

        assertThat(outcome).isInstanceOf(ApplyOutcome.RefusedAtOnce.class);
        ApplyOutcome.RefusedAtOnce refused = (ApplyOutcome.RefusedAtOnce) outcome;
        ServiceApplication stored = catalogue.byStatusToken(refused.statusToken()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ApplicationStatus.REFUSED);
        assertThat(catalogue.decided()).anySatisfy(e -> {
            assertThat(e.application().serviceName()).isEqualTo(a.serviceName());
            assertThat(e.lastDecision().automatic()).isTrue();
            assertThat(e.lastDecision().reasons()).contains("droit extérieur à l'Union européenne");
        });
        assertThat(catalogue.underReview()).noneMatch(e -> e.application().id().equals(stored.id()));
    }

    @Test
    void anIncompleteApplicationIsNotFiledAndSaysWhichFields() {
        NewApplication a = Applications.clean("openid patient/Nothing.zz");
        NewApplication missing = new NewApplication(a.serviceName(), "", a.publisher(), "pas-une-adresse", a.hostingProvider(), "FR", "FR",
                "", a.dataUsed(), a.dataPurpose(), a.businessModel(), false, false, a.accessibilityStatement(), a.footprint(),
                "http://exemple.fr/retour", a.requestedScopes(), false, Map.of());

        ApplyOutcome outcome = catalogue.apply(missing);

        assertThat(outcome).isInstanceOf(ApplyOutcome.Invalid.class);
        assertThat(((ApplyOutcome.Invalid) outcome).errors()).containsKeys("description", "contactEmail", "redirectUris", "requestedScopes",
                "self_prevention", "self_footprint");
        assertThat(catalogue.decided()).noneMatch(e -> e.application().serviceName().equals(a.serviceName()));
    }

    @Test
    void aReviewerScoresEveryCriterionThenReferencesAndTheAppGetsAPublicClient() {
        HygieUser comite = cast.user("comite");
        UUID id = received(Applications.clean("openid launch/patient patient/Observation.rs"));

        Map<Criterion, Assessment> some = new EnumMap<>(Criterion.class);
        some.put(Criterion.PREVENTION, new Assessment(3, "Rappels de mesure utiles."));
        assertThat(catalogue.score(comite, id, some).done()).isTrue();
        Outcome tooEarly = catalogue.decide(comite, id, ApplicationStatus.REFERENCED, "Conforme à la grille de référencement.");
        assertThat(tooEarly.done()).isFalse();
        assertThat(tooEarly.message()).contains("Lien humain");

        assertThat(catalogue.score(comite, id, Applications.allScored(2)).done()).isTrue();
        Outcome referenced = catalogue.decide(comite, id, ApplicationStatus.REFERENCED, "Conforme à la grille de référencement.");

        assertThat(referenced.done()).isTrue();
        ServiceApplication app = catalogue.byId(id).orElseThrow();
        assertThat(app.status()).isEqualTo(ApplicationStatus.REFERENCED);
        assertThat(app.clientId()).isEqualTo("hygie-" + app.reference().toLowerCase(java.util.Locale.ROOT));
        assertThat(catalogue.scores(id)).hasSize(Criterion.values().length).allSatisfy(s -> assertThat(s.reviewerName()).isNotBlank());
        assertThat(catalogue.decisions(id)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(ApplicationStatus.REFERENCED);
            assertThat(d.automatic()).isFalse();
            assertThat(d.reviewerName()).isEqualTo(comite.displayName());
        });
    }

    @Test
    void aDecisionWithoutReasonsIsRefusedBecauseReasonsArePublished() {
        UUID id = received(Applications.clean("openid"));
        Outcome o = catalogue.decide(cast.user("comite"), id, ApplicationStatus.REFUSED, "  ");
        assertThat(o.done()).isFalse();
        assertThat(o.message()).contains("motifs");
        assertThat(catalogue.byId(id).orElseThrow().status()).isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    void onlyAReviewerDecides() {
        UUID id = received(Applications.clean("openid"));
        assertThat(catalogue.decide(cast.user("admin"), id, ApplicationStatus.REFUSED, "Motifs suffisamment longs.").done()).isFalse();
        assertThat(catalogue.score(cast.user("patient"), id, Applications.allScored(3)).done()).isFalse();
        assertThat(catalogue.byId(id).orElseThrow().status()).isEqualTo(ApplicationStatus.SUBMITTED);
    }

    @Test
    void aRefusalByTheCommitteeIsPublicAndFinal() {
        HygieUser comite = cast.user("comite");
        UUID id = received(Applications.clean("openid"));
        assertThat(catalogue.decide(comite, id, ApplicationStatus.REFUSED, "Aucune preuve de la concertation avec les patients.").done()).isTrue();

        assertThat(catalogue.decided()).anySatisfy(e -> {
            assertThat(e.application().id()).isEqualTo(id);
            assertThat(e.lastDecision().reasons()).isEqualTo("Aucune preuve de la concertation avec les patients.");
        });
        Outcome again = catalogue.decide(comite, id, ApplicationStatus.REFERENCED, "Finalement conforme à la grille.");
        assertThat(again.done()).isFalse();
        assertThat(again.message()).contains("refusé");
    }

    @Test
    void aReferencedServiceIsSuspendedWithReasonsThenReferencedAgain() {
        HygieUser comite = cast.user("comite");
        UUID id = received(Applications.clean("openid"));
        assertThat(catalogue.decide(comite, id, ApplicationStatus.SUSPENDED, "Pas encore référencé, rien à suspendre.").message())
                .contains("en cours d'examen");
        catalogue.score(comite, id, Applications.allScored(3));
        catalogue.decide(comite, id, ApplicationStatus.REFERENCED, "Conforme à la grille de référencement.");

        assertThat(catalogue.decide(comite, id, ApplicationStatus.SUSPENDED, "Faille de sécurité signalée, non corrigée.").done()).isTrue();
        assertThat(catalogue.byId(id).orElseThrow().status()).isEqualTo(ApplicationStatus.SUSPENDED);
        assertThat(catalogue.decide(comite, id, ApplicationStatus.REFERENCED, "Faille corrigée et vérifiée par le comité.").done()).isTrue();
        assertThat(catalogue.decisions(id)).extracting(DecisionRecord::status)
                .containsExactly(ApplicationStatus.REFERENCED, ApplicationStatus.SUSPENDED, ApplicationStatus.REFERENCED);
    }

    @Test
    void aWrongStatusLinkFindsNothing() {
        catalogue.apply(Applications.clean("openid"));
        assertThat(catalogue.byStatusToken("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(catalogue.byStatusToken(null)).isEmpty();
    }

    private UUID received(NewApplication a) {
        ApplyOutcome o = catalogue.apply(a);
        assertThat(o).isInstanceOf(ApplyOutcome.Received.class);
        return catalogue.byStatusToken(((ApplyOutcome.Received) o).statusToken()).orElseThrow().id();
    }
}
