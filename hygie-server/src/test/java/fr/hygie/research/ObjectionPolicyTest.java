package fr.hygie.research;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.PatientId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectionPolicyTest {

    static final ProjectProfile PUBLIC_RESEARCH_IN_FRANCE = new ProjectProfile(Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.PUBLIC, ProcessingPlace.FRANCE);
    static final ProjectProfile COMPANY_IN_GERMANY = new ProjectProfile(Purpose.SCIENTIFIC_RESEARCH, OrganisationKind.COMMERCIAL, ProcessingPlace.EU);
    static final ProjectProfile STATISTICS_OUTSIDE_EU = new ProjectProfile(Purpose.OFFICIAL_STATISTICS, OrganisationKind.PUBLIC, ProcessingPlace.OUTSIDE_EU);

    @Test
    void withoutObjectionEveryoneIsIncludedByDefault() {
        assertThat(ObjectionPolicy.excludes(Set.of(), COMPANY_IN_GERMANY)).isFalse();
    }

    @Test
    void aGlobalObjectionExcludesFromEveryProject() {
        for (ProjectProfile p : List.of(PUBLIC_RESEARCH_IN_FRANCE, COMPANY_IN_GERMANY, STATISTICS_OUTSIDE_EU)) {
            assertThat(ObjectionPolicy.excludes(Set.of(ObjectionScope.GLOBAL), p)).isTrue();
        }
    }

    @Test
    void aPurposeObjectionExcludesOnlyProjectsWithThatPurpose() {
        Set<ObjectionScope> s = Set.of(ObjectionScope.purpose(Purpose.SCIENTIFIC_RESEARCH));
        assertThat(ObjectionPolicy.excludes(s, PUBLIC_RESEARCH_IN_FRANCE)).isTrue();
        assertThat(ObjectionPolicy.excludes(s, STATISTICS_OUTSIDE_EU)).isFalse();
    }

    @Test
    void anOrganisationKindObjectionExcludesOnlyThatKind() {
        Set<ObjectionScope> s = Set.of(ObjectionScope.organisationKind(OrganisationKind.COMMERCIAL));
        assertThat(ObjectionPolicy.excludes(s, COMPANY_IN_GERMANY)).isTrue();
        assertThat(ObjectionPolicy.excludes(s, PUBLIC_RESEARCH_IN_FRANCE)).isFalse();
    }

    @Test
    void franceOnlyExcludesProcessingElsewhereInTheEuAndOutside() {
        Set<ObjectionScope> s = Set.of(ObjectionScope.place(ObjectionScope.PlaceRestriction.FRANCE_ONLY));
        assertThat(ObjectionPolicy.excludes(s, PUBLIC_RESEARCH_IN_FRANCE)).isFalse();
        assertThat(ObjectionPolicy.excludes(s, COMPANY_IN_GERMANY)).isTrue();
        assertThat(ObjectionPolicy.excludes(s, STATISTICS_OUTSIDE_EU)).isTrue();
    }

    @Test
    void euOnlyExcludesOnlyProcessingOutsideTheEu() {
        Set<ObjectionScope> s = Set.of(ObjectionScope.place(ObjectionScope.PlaceRestriction.EU_ONLY));
        assertThat(ObjectionPolicy.excludes(s, PUBLIC_RESEARCH_IN_FRANCE)).isFalse();
        assertThat(ObjectionPolicy.excludes(s, COMPANY_IN_GERMANY)).isFalse();
        assertThat(ObjectionPolicy.excludes(s, STATISTICS_OUTSIDE_EU)).isTrue();
    }

    @Test
    void theReasonReportedIsTheFirstInTheDocumentedOrder() {
        Set<ObjectionScope> s = Set.of(ObjectionScope.place(ObjectionScope.PlaceRestriction.FRANCE_ONLY),
                ObjectionScope.organisationKind(OrganisationKind.COMMERCIAL), ObjectionScope.purpose(Purpose.SCIENTIFIC_RESEARCH));
        assertThat(ObjectionPolicy.reason(s, COMPANY_IN_GERMANY)).contains(ObjectionScope.purpose(Purpose.SCIENTIFIC_RESEARCH));
    }

    @Test
    void anObjectionCountsFromItsRecordingUntilItsWithdrawal() {
        Instant recorded = Instant.parse("2026-03-01T10:00:00Z");
        Instant withdrawn = Instant.parse("2026-06-01T10:00:00Z");
        Objection o = new Objection(new PatientId(UUID.randomUUID()), ObjectionScope.GLOBAL, recorded, Optional.of(withdrawn));
        assertThat(o.inForceAt(recorded.minusSeconds(1))).isFalse();
        assertThat(o.inForceAt(recorded)).isTrue();
        assertThat(o.inForceAt(withdrawn.minusSeconds(1))).isTrue();
        assertThat(o.inForceAt(withdrawn)).isFalse();
    }

    @Test
    void scopesRoundTripThroughTheirCodesAndNothingElseParses() {
        for (String code : List.of("GLOBAL", "PURPOSE:EDUCATION", "ORG_KIND:COMMERCIAL", "PLACE:FRANCE_ONLY", "PLACE:EU_ONLY")) {
            assertThat(ObjectionScope.parse(code).map(ObjectionScope::code)).contains(code);
        }
        for (String bad : List.of("", "global", "PURPOSE:", "PURPOSE:ADVERTISING_MARKETING", "PLACE:MARS", "ORG_KIND")) {
            assertThat(ObjectionScope.parse(bad)).as(bad).isEmpty();
        }
    }
}
