package fr.hygie.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.identity.ProfessionalId;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.support.WebSession;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Public search near Quimper: specialty, place, radius, filters, ordering; the page works without login. */
@HygieIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectorySearchTest {

    @Autowired
    AppointmentsFixture fixture;
    @Autowired
    Agendas agendas;
    @Autowired
    Directory directory;
    @Autowired
    Clock clock;
    @LocalServerPort
    int port;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    ProfessionalId nearLate;
    ProfessionalId fartherEarly;
    ProfessionalId sector2;
    ProfessionalId outside;
    ProfessionalId dentist;

    @BeforeAll
    void agendas() {
        LocalDate today = agendas.today();
        // 1 km from Quimper, first free slot in 10 days.
        nearLate = withDay(fixture.professional("10", "SM54", "PROCHE", "29232", 48.0050, -4.1024, 1, true, List.of("fr", "vi")),
                today.plusDays(10));
        // 5 km from Quimper, first free slot in 2 days.
        fartherEarly = withDay(fixture.professional("10", "SM54", "LOIN", "29232", 48.0410, -4.1024, 1, false, List.of("fr")),
                today.plusDays(2));
        sector2 = withDay(fixture.professional("10", "SM54", "SECTEUR", "29232", 48.0000, -4.1000, 2, false, List.of("fr")),
                today.plusDays(3));
        // 30 km away.
        outside = withDay(fixture.professional("10", "SM54", "DEHORS", "29232", 48.2660, -4.1024, 1, false, List.of("fr")),
                today.plusDays(1));
        dentist = withDay(fixture.professional("40", null, "DENTISTE", "29232", 47.9970, -4.1030, 1, false, List.of("fr")),
                today.plusDays(1));
    }

    private ProfessionalId withDay(ProfessionalId id, LocalDate day) {
        agendas.open(id);
        agendas.addOverride(id, day, LocalTime.of(9, 0), LocalTime.of(12, 0), 30);
        return id;
    }

    private List<ProfessionalId> ids(SearchCriteria c) {
        return directory.search(c, clock.instant()).hits().stream().map(h -> h.offer().professional()).toList();
    }

    private static SearchCriteria criteria(String specialty, String place, int radius, boolean sector1, boolean tele,
            String language, SearchCriteria.Order order) {
        return new SearchCriteria(null, specialty, place, radius, null, sector1, tele, false, false, false, language, order, 50);
    }

    @Test
    void aSpecialtyNearAPlaceListsThoseWithinTheRadiusNearestFirst() {
        List<ProfessionalId> found = ids(criteria("SM54", "Quimper", 10, false, false, null, SearchCriteria.Order.DISTANCE));
        assertThat(found).contains(nearLate, fartherEarly, sector2).doesNotContain(outside, dentist);
        assertThat(found.indexOf(sector2)).isLessThan(found.indexOf(nearLate));
        assertThat(found.indexOf(nearLate)).isLessThan(found.indexOf(fartherEarly));
    }

    @Test
    void aPostcodeFindsTheSamePlaceAsTheCommuneName() {
        assertThat(ids(criteria("SM54", "29000", 10, false, false, null, SearchCriteria.Order.DISTANCE)))
                .contains(nearLate, fartherEarly).doesNotContain(outside);
        assertThat(directory.resolvePlace("quimper")).get().extracting(Place::insee).isEqualTo("29232");
    }

    /** The gazetteer read once answers as the session-10 statements did, for every place and odd inputs. */
    @Test
    void thePlaceIsTheOneTheGazetteerStatementGives() {
        List<String> typed = new java.util.ArrayList<>(List.of("quimper", "Saint", "saint-", "st", "la", "l'", "LE ",
                "  lyon  ", "Lyon 8e", "%", "_", "a_b", "50%", "\\", "é", "Œ", "ß", "29000", "69008", "75001", "99999",
                "2A004", "zzz", "-", "'", "x"));
        List<java.util.Map<String, Object>> places = jdbc.sql("SELECT name, name_key, postcode FROM appointments.place")
                .query().listOfRows();
        assertThat(places).hasSizeGreaterThan(100);
        for (java.util.Map<String, Object> p : places) {
            String name = (String) p.get("name");
            String key = (String) p.get("name_key");
            typed.add(name);
            typed.add(name.toLowerCase(java.util.Locale.ROOT));
            typed.add(key.substring(0, Math.min(3, key.length())));
            typed.add(key.substring(0, Math.max(1, key.length() - 1)));
            typed.add((String) p.get("postcode"));
        }
        int found = 0;
        for (String t : typed) {
            java.util.Optional<Place> expected = statement(t);
            assertThat(directory.resolvePlace(t)).as(t).isEqualTo(expected);
            found += expected.isPresent() ? 1 : 0;
        }
        assertThat(found).isGreaterThan(500);
    }

    /** Session 10's resolution, one statement per search (without the offers' postcodes fallback). */
    private java.util.Optional<Place> statement(String typed) {
        String t = typed.strip();
        org.springframework.jdbc.core.RowMapper<Place> place = (rs, n) -> new Place(rs.getString("insee"), rs.getString("name"),
                rs.getString("postcode"), rs.getDouble("latitude"), rs.getDouble("longitude"));
        if (t.matches("[0-9]{5}")) {
            java.util.Optional<Place> p = jdbc.sql("SELECT insee, name, postcode, latitude, longitude FROM appointments.place"
                    + " WHERE postcode = :p ORDER BY insee LIMIT 1").param("p", t).query(place).optional();
            return p.isPresent() ? p : directory.resolvePlace(t); // not in the gazetteer: the offers' postcodes, unchanged
        }
        String key = fr.hygie.identity.InsTraits.searchKey(t).replace('-', ' ').replace('\'', ' ').replaceAll("\\s+", " ");
        return jdbc.sql("""
                SELECT insee, name, postcode, latitude, longitude FROM appointments.place
                WHERE name_key = :k OR name_key LIKE :k || '%'
                ORDER BY name_key = :k DESC, length(name_key), insee LIMIT 1""").param("k", key).query(place).optional();
    }

    @Test
    void aWiderRadiusReachesFartherProfessionals() {
        assertThat(ids(criteria("SM54", "Quimper", 50, false, false, null, SearchCriteria.Order.DISTANCE))).contains(outside);
    }

    @Test
    void orderingByEarliestSlotPutsTheSoonestAvailableFirst() {
        List<ProfessionalId> found = ids(criteria("SM54", "Quimper", 10, false, false, null, SearchCriteria.Order.EARLIEST));
        assertThat(found.indexOf(fartherEarly)).isLessThan(found.indexOf(sector2));
        assertThat(found.indexOf(sector2)).isLessThan(found.indexOf(nearLate));
    }

    @Test
    void filtersKeepOnlySector1TeleconsultationAndTheLanguageAsked() {
        assertThat(ids(criteria("SM54", "Quimper", 10, true, false, null, SearchCriteria.Order.DISTANCE)))
                .contains(nearLate, fartherEarly).doesNotContain(sector2);
        assertThat(ids(criteria("SM54", "Quimper", 10, false, true, null, SearchCriteria.Order.DISTANCE)))
                .contains(nearLate).doesNotContain(fartherEarly, sector2);
        assertThat(ids(criteria("SM54", "Quimper", 10, false, false, "vi", SearchCriteria.Order.DISTANCE)))
                .containsExactly(nearLate);
    }

    @Test
    void availableBeforeKeepsOnlyThoseWithASlotByThatDate() {
        var c = new SearchCriteria(null, "SM54", "Quimper", 10, agendas.today().plusDays(5), false, false, false, false,
                false, null, SearchCriteria.Order.DISTANCE, 50);
        assertThat(ids(c)).contains(fartherEarly, sector2).doesNotContain(nearLate);
    }

    @Test
    void resultsCarryTheNextFreeSlots() {
        var hit = directory.search(criteria("SM54", "Quimper", 10, false, false, "vi", SearchCriteria.Order.DISTANCE),
                clock.instant()).hits().get(0);
        assertThat(hit.nextSlots()).hasSize(3);
        assertThat(hit.nextSlots().get(0).startsAt().atZone(Directory.FRANCE).toLocalDate()).isEqualTo(agendas.today().plusDays(10));
    }

    @Test
    void anUnknownPlaceIsExplainedNotAnError() {
        var result = directory.search(criteria("SM54", "Atlantide", 10, false, false, null, SearchCriteria.Order.DISTANCE), clock.instant());
        assertThat(result.placeFound()).isFalse();
        assertThat(result.placeProblem()).contains("code postal");
    }

    @Test
    void theSearchPageAndPractitionerPageAreOpenWithoutLogin() {
        WebSession anonymous = new WebSession(port);
        var page = anonymous.get("/rendez-vous?quoi=S%3ASM54&lieu=Quimper&rayon=10&langue=vi");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Test Proche").contains("/rendez-vous/creneau/");
        var practitioner = anonymous.get("/rendez-vous/praticien/" + nearLate.value() + "?semaine=1");
        assertThat(practitioner.statusCode()).isEqualTo(200);
        assertThat(practitioner.body()).contains("Test Proche").contains("Conventionné secteur 1");
        var bookingForm = anonymous.get("/rendez-vous/creneau/" + java.util.UUID.randomUUID());
        assertThat(bookingForm.statusCode()).isEqualTo(302);
        assertThat(bookingForm.headers().firstValue("Location").orElse("")).contains("/login");
    }

    /**
     * The result cards are made in Java and inserted unescaped (issue 13, SearchCards): what a professional typed in
     * their entry must still reach the page escaped, and a card without slot must still offer the phone.
     */
    @Test
    void aCardEscapesWhatTheProfessionalTypedAndOffersThePhoneWithoutSlot() {
        ProfessionalId typed = fixture.professional("10", "SM54", "SIGNES", "29232", 48.0020, -4.1010, 1, false, List.of("lsf"));
        PractitionerOffer opened = agendas.open(typed);
        agendas.updateOffer(typed, new OfferUpdate("<script>alert('x')</script> & \"Cabinet\"", "29000", "Quimper",
                "02 98 00 00 00", 1, true, false, List.of("lsf"), true, true, null, null, true));
        var page = new WebSession(port).get("/rendez-vous?quoi=S%3ASM54&lieu=Quimper&rayon=10&langue=lsf");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(opened.displayName())
                .contains("<span>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Cabinet&quot;, 29000 Quimper</span> · <span>")
                .doesNotContain("<script>alert")
                .contains("<span>Conventionné secteur 1</span><span>· Tiers payant</span><span>· Accessible en fauteuil</span>"
                        + "<span>· Boucle magnétique</span> · Langues : <span>langue des signes française</span>")
                .contains("Pas de créneau en ligne pour le moment<span>: appelez le ")
                .contains("<option value=\"lsf\" selected=\"selected\">langue des signes française</option>")
                .contains("<option value=\"S:SM54\" selected=\"selected\">");
    }

    @Test
    void anUnknownPlaceOnThePageLinksTheErrorToTheField() {
        var page = new WebSession(port).get("/rendez-vous?lieu=Atlantide");
        assertThat(page.body()).contains("href=\"#lieu\"").contains("id=\"lieu\"");
    }
}
