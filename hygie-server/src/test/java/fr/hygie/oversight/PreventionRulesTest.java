package fr.hygie.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreventionRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
    static final PreventionRules RULES = PreventionRules.shipped();

    static PersonFacts woman(int age, PersonFacts.CodedFact... facts) {
        return new PersonFacts("F", TODAY.minusYears(age).minusDays(10), List.of(facts));
    }

    static List<String> due(PersonFacts p) {
        return RULES.due(p, TODAY).stream().map(d -> d.rule().code()).toList();
    }

    @Test
    void theShippedRuleSetIsVersionedAndCoversTheCalendars() {
        assertThat(RULES.version()).isEqualTo("2026.1");
        assertThat(RULES.rules()).extracting(PreventionRule::code).contains("depistage-cancer-sein", "depistage-cancer-colorectal",
                "depistage-col-hpv", "depistage-col-cytologie", "vaccin-dtp-adulte", "examen-sante-enfant", "examen-bucco-dentaire");
        assertThat(RULES.rules()).allSatisfy(r -> assertThat(r.source()).isNotBlank());
    }

    @Test
    void aWomanOf50To74WithoutAMammographyIsDueForBreastScreening() {
        assertThat(due(woman(50))).contains("depistage-cancer-sein", "depistage-cancer-colorectal");
        assertThat(due(woman(74))).contains("depistage-cancer-sein");
        assertThat(due(woman(75))).doesNotContain("depistage-cancer-sein");
        assertThat(due(woman(49))).doesNotContain("depistage-cancer-sein");
    }

    @Test
    void aMammographyWithinTwoYearsMeansNothingIsDue() {
        var recent = new PersonFacts.CodedFact("CCAM", "QEQK004", TODAY.minusMonths(23));
        var old = new PersonFacts.CodedFact("LOINC", "24606-6", TODAY.minusMonths(25));
        assertThat(due(woman(60, recent))).doesNotContain("depistage-cancer-sein");
        assertThat(due(woman(60, old))).contains("depistage-cancer-sein");
    }

    @Test
    void menAreNeverInvitedToBreastOrCervicalScreening() {
        var man = new PersonFacts("M", TODAY.minusYears(55), List.of());
        assertThat(due(man)).contains("depistage-cancer-colorectal").doesNotContain("depistage-cancer-sein", "depistage-col-hpv");
    }

    @Test
    void aCancerAlreadyFollowedExcludesTheOrganisedScreening() {
        var cancer = new PersonFacts.CodedFact("CIM-10", "C50.9", TODAY.minusYears(3));
        assertThat(due(woman(60, cancer))).doesNotContain("depistage-cancer-sein").contains("depistage-cancer-colorectal");
    }

    @Test
    void vaccinesFollowTheScheduleWithBoosters() {
        var booster = new PersonFacts.CodedFact("ATC", "J07AM51", TODAY.minusYears(7));
        assertThat(due(woman(40, booster))).doesNotContain("vaccin-dtp-adulte");
        assertThat(due(woman(40))).contains("vaccin-dtp-adulte");
        var flu = new PersonFacts.CodedFact("ATC", "J07BB02", TODAY.minusMonths(13));
        assertThat(due(woman(70, flu))).contains("vaccin-grippe-65-ans-et-plus");
    }

    @Test
    void theWhyTextNamesTheRuleTheAgeAndTheSource() {
        DueReminder d = RULES.due(woman(52), TODAY).stream().filter(x -> x.rule().code().equals("depistage-cancer-sein")).findFirst()
                .orElseThrow();
        assertThat(d.why()).contains("les femmes de 50 à 74 ans", "tous les 2 ans", "52 ans", "Source : INCa");
    }
}
