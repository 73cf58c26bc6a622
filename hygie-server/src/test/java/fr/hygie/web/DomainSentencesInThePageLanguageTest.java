package fr.hygie.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.hygie.access.Actor;
import fr.hygie.identity.PatientId;
import fr.hygie.journal.JournalChannel;
import fr.hygie.record.AddOutcome;
import fr.hygie.record.ChangeOutcome;
import fr.hygie.record.DocumentId;
import fr.hygie.record.Documents;
import fr.hygie.record.NewDocument;
import fr.hygie.record.RecordRefusal;
import fr.hygie.support.Cast;
import fr.hygie.support.HygieIntegrationTest;
import fr.hygie.territory.EnvironmentVariable;
import fr.hygie.territory.ImportReport;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Sentences that domain modules say as codes with arguments ({@link Codes#say}) are written in the page's language,
 * arguments included: numbers with the page's decimal mark and grouping, codes by their label, never a constant's
 * name (RGAA criterion 8.3: the page's {@code lang} matches its texts). The pages call {@code @codes.say} exactly so.
 */
@HygieIntegrationTest
class DomainSentencesInThePageLanguageTest {

    @Autowired Codes codes;
    @Autowired Documents documents;
    @Autowired Cast cast;

    @Test
    void theLimitsOfAPlausibleRangeAreNumbersWrittenInThePageLanguage() {
        // Limits with decimals and thousands: none of today's variables has them, the sentence must still read right.
        ImportReport.LineError error = new ImportReport.LineError(9, "valeur", "raison en français",
                ImportReport.Wording.VALUE_OUT_OF_RANGE, List.of("1300.5", "jours_chaleur", new BigDecimal("12.5"),
                        new BigDecimal("1234.5"), new ImportReport.Unit(EnvironmentVariable.HEAT_DAYS)));
        assertThat(in(Locale.ENGLISH, () -> codes.say(error.wording(), error.args(), error.reason())))
                .isEqualTo("the value 1300.5 is outside the plausible range for jours_chaleur (12.5 to 1,234.5 days).");
        assertThat(in(Locale.FRENCH, () -> codes.say(error.wording(), error.args(), error.reason())))
                .isEqualTo("la valeur 1300.5 est hors de l'intervalle plausible pour jours_chaleur (12,5 à 1234,5 jours).");
    }

    @Test
    void aReplacedDocumentIsRefusedWithItsStateInThePageLanguageAndTheApiKeepsTheFrenchSentence() {
        String login = cast.newPatient();
        PatientId person = cast.patient(login);
        Actor gp = cast.actor("medecin");
        DocumentId v1 = ((AddOutcome.Added) documents.add(gp, doc(person, "version 1"), JournalChannel.WEB)).document().id();
        assertThat(documents.supersede(gp, v1, doc(person, "version 2"), JournalChannel.WEB)).isInstanceOf(ChangeOutcome.Done.class);

        RecordRefusal refusal = catchThrowableOfType(RecordRefusal.class,
                () -> documents.supersede(gp, v1, doc(person, "version 3"), JournalChannel.WEB));

        assertThat(refusal.getMessage()).isEqualTo("Ce document a déjà été remplacé (état actuel : remplacé par une nouvelle version).");
        assertThat(in(Locale.ENGLISH, () -> codes.say(refusal.wording(), refusal.args(), refusal.getMessage())))
                .isEqualTo("This document has already been replaced (current state: replaced by a new version).");
        assertThat(in(Locale.FRENCH, () -> codes.say(refusal.wording(), refusal.args(), refusal.getMessage())))
                .isEqualTo("Ce document a déjà été remplacé (état actuel : remplacé par une nouvelle version).");
    }

    private static NewDocument doc(PatientId person, String text) {
        return new NewDocument(person, "11502-2", "Résultats", LocalDate.now(), Set.of(), null, text.getBytes(StandardCharsets.UTF_8));
    }

    /** What a page in {@code locale} would say (the request's locale, as {@code LocaleChangeInterceptor} sets it). */
    private static String in(Locale locale, Supplier<String> text) {
        Locale before = LocaleContextHolder.getLocale();
        LocaleContextHolder.setLocale(locale);
        try {
            return text.get();
        } finally {
            LocaleContextHolder.setLocale(before);
        }
    }
}
