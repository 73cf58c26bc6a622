package fr.hygie.web.territory;

import fr.hygie.territory.Crossing;
import fr.hygie.territory.EnvironmentVariable;
import fr.hygie.territory.Indicator;
import fr.hygie.territory.IndicatorSnapshot;
import fr.hygie.territory.Numbers;
import fr.hygie.territory.SmallCounts;
import fr.hygie.territory.Suppression;
import fr.hygie.territory.TerritoryLevel;
import fr.hygie.web.Codes;
import fr.hygie.web.WebMessages;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Texts and numbers of the territory pages in the reader's language (RGAA criterion 8.3): indicator, level and
 * variable labels from the bundles ({@link Codes}), numbers with the language's decimal mark
 * ({@link Numbers#format}), months, the statuses of cells and the summaries read by screen readers with the
 * maps and charts. The territory module keeps its French texts for its CSV files and commands.
 */
@Component("territoryText")
class TerritoryText {

    private static final DateTimeFormatter MONTH_FR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRANCE);
    private static final DateTimeFormatter MONTH_EN = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    private final WebMessages texts;
    private final Codes codes;

    TerritoryText(WebMessages texts, Codes codes) {
        this.texts = texts;
        this.codes = codes;
    }

    Locale locale() {
        return texts.locale();
    }

    String t(String key, Object... args) {
        return texts.get("territory.text." + key, args);
    }

    public String number(double value, int decimals) {
        return Numbers.format(value, decimals, locale());
    }

    public String month(YearMonth month) {
        return ("en".equals(locale().getLanguage()) ? MONTH_EN : MONTH_FR).format(month);
    }

    public String indicator(Indicator i) {
        return codes.label(i);
    }

    public String unit(Indicator i) {
        return codes.text(i, "unit");
    }

    public String level(TerritoryLevel l) {
        return codes.label(l);
    }

    public String variable(EnvironmentVariable v) {
        return codes.label(v);
    }

    public String unit(EnvironmentVariable v) {
        return codes.text(v, "unit");
    }

    public String group(Indicator.Group g) {
        return codes.label(g);
    }

    /** A cell's value: the number, « moins de 11 » when hidden, « pas de donnée » when none ({@link IndicatorSnapshot#display()}). */
    public String display(IndicatorSnapshot c) {
        if (c.suppression() != Suppression.NONE) {
            return hiddenLabel();
        }
        if (c.value() == null) {
            return t("noData");
        }
        return number(c.value(), 1);
    }

    /** « moins de 11 » ({@link SmallCounts#HIDDEN_LABEL}). */
    String hiddenLabel() {
        return t("lessThan", String.valueOf(SmallCounts.THRESHOLD));
    }

    /** How strong a correlation is, in words ({@link Numbers#strength}: thresholds 0.1 / 0.3 / 0.5 / 0.7). */
    public String strength(double r) {
        double a = Math.abs(r);
        if (a < 0.1) {
            return t("strength.none");
        }
        String sign = t(r >= 0 ? "strength.positive" : "strength.negative");
        String level = a < 0.3 ? "weak" : a < 0.5 ? "moderate" : a < 0.7 ? "marked" : "strong";
        return t("strength." + level, sign);
    }

    /** The sentence read with the scatter chart ({@link Crossing#summary()} in French). */
    public String crossingSummary(Crossing c) {
        List<String> s = new ArrayList<>();
        int n = c.points().size();
        s.add(t(n > 1 ? "crossing.head.many" : "crossing.head.one", variable(c.variable()),
                c.environmentPeriod() == null ? t("crossing.noData") : c.environmentPeriod(), indicator(c.indicator()),
                String.valueOf(c.period()), String.valueOf(n)));
        if (c.pearson().isPresent()) {
            double r = c.pearson().getAsDouble();
            s.add(t("crossing.r", number(r, 2), strength(r)));
        } else {
            s.add(t("crossing.few"));
        }
        if (c.hidden() > 0) {
            s.add(t(c.hidden() > 1 ? "crossing.hidden.many" : "crossing.hidden.one", String.valueOf(c.hidden())));
        }
        s.add(t("crossing.tail"));
        return String.join(" ", s);
    }
}
