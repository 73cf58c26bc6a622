package fr.hygie.web.record;

import static org.assertj.core.api.Assertions.assertThat;

import fr.hygie.access.ConfidentialityLabel;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.record.ContactPerson;
import fr.hygie.record.ContentType;
import fr.hygie.record.DocumentId;
import fr.hygie.record.DocumentSource;
import fr.hygie.record.DocumentStatus;
import fr.hygie.record.DocumentSummary;
import fr.hygie.record.OrganDonation;
import fr.hygie.record.ProfileItem;
import fr.hygie.record.ProfileSectionKind;
import fr.hygie.record.ProfileView;
import fr.hygie.support.HygieIntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

/** The record's lines formatted once in Java read as the templates wrote them, in the page's language (issue 13). */
@HygieIntegrationTest
class RecordLinesTest {

    private static final PatientId PATIENT = new PatientId(UUID.fromString("01a229be-4e5d-778a-aafe-616b1fa7f88c"));

    @Autowired
    RecordLines lines;

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aMeasurementWithItsUnitReadsValueUnitAndWhoEnteredItWhen() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        RecordLines.Line line = lines.line(item(ProfileSectionKind.MEASUREMENTS, "Poids", new BigDecimal("64.5"), "kg",
                LocalDate.of(2026, 3, 7), null, "Dr Paul Leroy"));
        assertThat(line.display()).isEqualTo("Poids");
        assertThat(line.value()).isEqualTo("64.5");
        assertThat(line.unit()).isEqualTo("kg");
        assertThat(line.hint()).isEqualTo("(07/03/2026, saisi par Dr Paul Leroy)");
        assertThat(line.note()).isNull();
    }

    @Test
    void aLineWithoutValueHasNoValueAndItsHintFollowsThePageLanguage() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        RecordLines.Line line = lines.line(item(ProfileSectionKind.ALLERGIES, "Allergie à la pénicilline", null, null,
                LocalDate.of(2019, 12, 31), "urticaire", "Marie Durand"));
        assertThat(line.value()).isNull();
        assertThat(line.hint()).isEqualTo("(31/12/2019, entered by Marie Durand)");
        assertThat(line.note()).isEqualTo("urticaire");
    }

    @Test
    void aDocumentWithoutDateHasAnEmptyDateCellAndItsRowLinksToItsPage() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        DocumentSummary bundled = document("11502-2", "Compte rendu de biologie (stocké)", LocalDate.of(2026, 1, 15),
                Set.of(ConfidentialityLabel.MASQUE_PS));
        DocumentSummary undated = document("ZZZ-IMPORT", "Type d'un autre système", null, Set.of());
        RecordLines.DocumentTable table = lines.documents(List.of(bundled, undated), "/dossier/documents/");
        assertThat(table.empty()).isFalse();
        assertThat(table.caption()).isEqualTo("Documents (2)");
        RecordLines.DocumentRow first = table.rows().get(0);
        assertThat(first.href()).isEqualTo("/dossier/documents/" + bundled.id());
        assertThat(first.date()).isEqualTo("15/01/2026");
        assertThat(first.type()).isEqualTo("Compte rendu d'examens de biologie");
        assertThat(first.masked()).isTrue();
        RecordLines.DocumentRow second = table.rows().get(1);
        assertThat(second.date()).isNull();
        assertThat(second.type()).isEqualTo("Type d'un autre système");
        assertThat(second.masked()).isFalse();
        assertThat(lines.documents(List.of(), "/x/").empty()).isTrue();
    }

    @Test
    void sectionsKeepTheViewsOrderAndWishesAndContactsAreSaidInWords() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        Map<ProfileSectionKind, List<ProfileItem>> sections = new LinkedHashMap<>();
        sections.put(ProfileSectionKind.TREATMENTS, List.of());
        sections.put(ProfileSectionKind.ALLERGIES, List.of(item(ProfileSectionKind.ALLERGIES, "Pollen", null, null,
                LocalDate.of(2020, 1, 1), null, "Dr X")));
        ProfileView view = new ProfileView(PATIENT, sections, Optional.of("Pas d'acharnement."),
                Optional.of(OrganDonation.ACCEPTE), true, Optional.of(List.of(
                        new ContactPerson(UUID.randomUUID(), "PERSONNE_DE_CONFIANCE", "Luc Petit", null, "frère"),
                        new ContactPerson(UUID.randomUUID(), "A_PREVENIR", "Ana Petit", "0600000000", null))));
        RecordLines.ProfileLines profile = lines.profile(view);
        assertThat(profile.sections()).extracting(RecordLines.Section::heading)
                .containsExactly("Traitements en cours", "Allergies et intolérances");
        assertThat(profile.sections().get(0).lines()).isEmpty();
        assertThat(profile.organDonation()).isEqualTo("J'accepte le don de mes organes");
        assertThat(profile.advanceDirectives()).isEqualTo("Pas d'acharnement.");
        assertThat(profile.contacts()).extracting(RecordLines.Contact::role)
                .containsExactly("personne de confiance", "à prévenir");

        ProfileView hidden = new ProfileView(PATIENT, Map.of(), Optional.of("secret"), Optional.of(OrganDonation.REFUSE),
                false, Optional.empty());
        RecordLines.ProfileLines none = lines.profile(hidden);
        assertThat(none.wishesVisible()).isFalse();
        assertThat(none.organDonation()).isNull();
        assertThat(none.advanceDirectives()).isNull();
        assertThat(none.contacts()).isEmpty();
    }

    @Test
    void theFilterOffersEachClassOnceWithItsLabelAndOnlyTheChosenOneSelected() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        List<RecordLines.ClassOption> options = lines.classOptions("RESULTATS");
        assertThat(options).extracting(RecordLines.ClassOption::value).doesNotHaveDuplicates().contains("RESULTATS", "ORDONNANCES");
        assertThat(options).filteredOn(RecordLines.ClassOption::selected).extracting(RecordLines.ClassOption::label)
                .containsExactly("Résultats d'examens");
        assertThat(lines.classOptions(null)).noneMatch(RecordLines.ClassOption::selected);
    }

    private static ProfileItem item(ProfileSectionKind section, String display, BigDecimal value, String unit, LocalDate date,
            String note, String enteredBy) {
        return new ProfileItem(UUID.randomUUID(), PATIENT, section, null, null, display, value, unit, date, note, enteredBy,
                Instant.parse("2026-03-07T10:00:00Z"));
    }

    private static DocumentSummary document(String typeCode, String typeLabel, LocalDate date, Set<ConfidentialityLabel> labels) {
        return new DocumentSummary(DocumentId.of(UUID.randomUUID().toString()), PATIENT, typeCode, typeLabel, "Titre", date,
                new ProfessionalId(UUID.randomUUID()), "Dr Paul Leroy", DocumentSource.PROFESSIONAL, labels,
                DocumentStatus.CURRENT, ContentType.TEXT, 10, null, Instant.parse("2026-03-07T10:00:00Z"));
    }
}
