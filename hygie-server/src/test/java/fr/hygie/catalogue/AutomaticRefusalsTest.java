package fr.hygie.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AutomaticRefusalsTest {

    @Test
    void anEuHostedServiceWithoutSaleNorAdvertisingGoesToReview() {
        assertThat(AutomaticRefusals.check(Applications.clean("openid"))).isEmpty();
    }

    @Test
    void hostingInTheEuUnderUsLawIsRefusedWithTheLawNamed() {
        var refusals = AutomaticRefusals.check(Applications.of("IE", "US", false, false, "openid"));
        assertThat(refusals).extracting(Refusal::code).containsExactly(Refusal.NON_EU_LAW);
        assertThat(refusals.get(0).reason()).contains("droit applicable : US");
    }

    @Test
    void hostingOutsideTheEuIsRefusedEvenUnderALocalLaw() {
        assertThat(AutomaticRefusals.check(Applications.of("CH", "CH", false, false, "openid")))
                .extracting(Refusal::code).containsExactly(Refusal.NON_EU_LAW);
    }

    @Test
    void anySaleOfDataIsRefusedCitingThePublicHealthCode() {
        var refusals = AutomaticRefusals.check(Applications.of("FR", "FR", true, false, "openid"));
        assertThat(refusals).extracting(Refusal::code).containsExactly(Refusal.SALE_OF_DATA);
        assertThat(refusals.get(0).reason()).contains("L1111-8");
    }

    @Test
    void advertisingUseIsRefusedCitingTheEhds() {
        var refusals = AutomaticRefusals.check(Applications.of("FR", "FR", false, true, "openid"));
        assertThat(refusals).extracting(Refusal::code).containsExactly(Refusal.ADVERTISING);
        assertThat(refusals.get(0).reason()).contains("article 54");
    }

    @Test
    void everyBrokenRuleIsStatedNotOnlyTheFirst() {
        assertThat(AutomaticRefusals.check(Applications.of("US", "US", true, true, "openid"))).extracting(Refusal::code)
                .containsExactly(Refusal.NON_EU_LAW, Refusal.SALE_OF_DATA, Refusal.ADVERTISING);
    }

    @Property(tries = 200)
    void aServiceIsRefusedExactlyWhenOneRuleApplies(@ForAll("countries") String country, @ForAll("countries") String law,
            @ForAll boolean sells, @ForAll boolean ads) {
        // The form's codes are read without regard to case or surrounding spaces.
        boolean eu = AutomaticRefusals.EU.contains(country.strip().toUpperCase(java.util.Locale.ROOT))
                && AutomaticRefusals.EU.contains(law.strip().toUpperCase(java.util.Locale.ROOT));
        assertThat(AutomaticRefusals.check(Applications.of(country, law, sells, ads, "openid")).isEmpty()).isEqualTo(eu && !sells && !ads);
    }

    @Provide
    Arbitrary<String> countries() {
        return Arbitraries.of("FR", "DE", "IE", "NL", "GR", "US", "CN", "GB", "CH", "NO", "IN", "fr", " de ");
    }
}
