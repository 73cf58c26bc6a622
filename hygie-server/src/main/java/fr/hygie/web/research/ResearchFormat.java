package fr.hygie.web.research;

import fr.hygie.research.ObjectionScope;
import fr.hygie.research.OrganisationKind;
import fr.hygie.research.Purpose;
import fr.hygie.research.engine.EngineRun;
import fr.hygie.web.Codes;
import fr.hygie.web.WebMessages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and texts of the research pages, in French time, in the page's language ({@code @researchFormat.date(instant)}
 * in templates): objection scopes and the engine's runs, which the research module describes in French.
 */
@Component("researchFormat")
class ResearchFormat {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter DAY_EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter ISO_DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final WebMessages texts;
    private final Codes codes;

    ResearchFormat(WebMessages texts, Codes codes) {
        this.texts = texts;
        this.codes = codes;
    }

    /** What an objection covers: everything, one purpose, one kind of organisation, or a place restriction. */
    public String scope(ObjectionScope scope) {
        switch (scope.kind()) {
            case GLOBAL:
                return texts.get("research.scope.GLOBAL");
            case PURPOSE:
                return texts.get("research.scope.PURPOSE", codes.label(Purpose.valueOf(scope.value())));
            case ORG_KIND:
                return texts.get("research.scope.ORG_KIND", codes.label(OrganisationKind.valueOf(scope.value())));
            default:
                return texts.get("research.scope.PLACE", codes.label(ObjectionScope.PlaceRestriction.valueOf(scope.value())));
        }
    }

    public String runHeading(EngineRun r) {
        return texts.get("research.run.heading", date(r.startedAt()), codes.label(r.status()));
    }

    /** The job a running stage belongs to: the warehouse snapshot, then the extraction ({@link EngineRun#stageLabel()}). */
    public String stage(EngineRun r) {
        String stage = r.stage();
        if (stage == null) {
            return texts.get("research.run.stage.start");
        }
        if (stage.startsWith("warehouse.")) {
            return texts.get("research.run.stage.warehouse", stage.substring("warehouse.".length()));
        }
        if (stage.startsWith("extract.")) {
            return texts.get("research.run.stage.extract", stage.substring("extract.".length()));
        }
        return stage;
    }

    public String progress(EngineRun r) {
        return texts.get("research.run.progress", String.valueOf(r.done()), String.valueOf(r.total()), String.valueOf(r.percent()));
    }

    public String failure(EngineRun r) {
        return texts.get("research.run.failed", String.valueOf(r.failure()));
    }

    public String counts(EngineRun r) {
        return texts.get("research.run.counts", String.valueOf(r.included()), String.valueOf(r.excluded()), date(r.snapshot()));
    }

    public String files(EngineRun r) {
        return texts.get("research.run.files", String.valueOf(r.files().size()));
    }

    public String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        return ("en".equals(LocaleContextHolder.getLocale().getLanguage()) ? DAY_EN : DAY).format(instant.atZone(FRANCE));
    }

    public String isoDate(Instant instant) {
        return instant == null ? "" : ISO_DAY.format(instant.atZone(FRANCE));
    }
}
