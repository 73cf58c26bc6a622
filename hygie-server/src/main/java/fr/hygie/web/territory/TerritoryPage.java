package fr.hygie.web.territory;

import fr.hygie.territory.Crossing;
import fr.hygie.territory.EnvironmentData;
import fr.hygie.territory.EnvironmentVariable;
import fr.hygie.territory.Geography;
import fr.hygie.territory.Indicator;
import fr.hygie.territory.IndicatorSnapshot;
import fr.hygie.territory.SchematicMap;
import fr.hygie.territory.SmallCounts;
import fr.hygie.territory.Suppression;
import fr.hygie.territory.Territory;
import fr.hygie.territory.TerritoryIndicators;
import fr.hygie.territory.TerritoryLevel;
import fr.hygie.territory.Crossings;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Fills the model of the territory pages (public and regional agency): map, table, scatter, time series, summaries. */
@Component
class TerritoryPage {

    static final int SERIES_MONTHS = 12;

    /** One line of the data table next to the map. */
    record Row(String code, String name, String parent, String value, String numerator, String denominator, String status) {
    }

    /** One line of a time-series table. */
    record SeriesRow(String month, String value, String status) {
    }

    private final TerritoryIndicators indicators;
    private final Crossings crossings;
    private final EnvironmentData environment;
    private final Geography geography;
    private final SchematicMap map;
    private final TerritoryText t;

    TerritoryPage(TerritoryIndicators indicators, Crossings crossings, EnvironmentData environment, Geography geography, SchematicMap map,
            TerritoryText t) {
        this.indicators = indicators;
        this.crossings = crossings;
        this.environment = environment;
        this.geography = geography;
        this.map = map;
        this.t = t;
    }

    /**
     * Which territories a reader may see the agency-only indicators of: all (national operators) or those of one
     * région (regional health agency; {@code region} null = an agency account attached to no région: none).
     * Public indicators are whole-France for every reader.
     */
    record Perimeter(boolean national, String region) {

        static final Perimeter NATIONAL = new Perimeter(true, null);

        static Perimeter region(String code) {
            return new Perimeter(false, code);
        }
    }

    /** The cells of {@code cells} this perimeter may see for {@code indicator} (France is a national reference, always kept). */
    List<IndicatorSnapshot> within(Perimeter perimeter, Indicator indicator, List<IndicatorSnapshot> cells) {
        if (perimeter.national() || indicator.publicView()) {
            return cells;
        }
        return cells.stream().filter(c -> c.level() == TerritoryLevel.FRANCE || inRegion(perimeter, c.level(), c.code())).toList();
    }

    private boolean inRegion(Perimeter perimeter, TerritoryLevel level, String code) {
        if (perimeter.region() == null) {
            return false;
        }
        if (level == TerritoryLevel.REGION) {
            return perimeter.region().equals(code);
        }
        return geography.find(level, code).map(t -> perimeter.region().equals(t.parentCode())).orElse(false);
    }

    record Selection(Indicator indicator, TerritoryLevel level, EnvironmentVariable variable, YearMonth period) {
    }

    Selection select(boolean agency, String indicator, String level, String variable, String period) {
        Indicator i = Indicator.ofSlug(indicator).filter(x -> agency || x.publicView()).orElse(Indicator.DIABETES);
        TerritoryLevel l = TerritoryLevel.ofSlug(level).filter(x -> x != TerritoryLevel.FRANCE).orElse(TerritoryLevel.DEPARTEMENT);
        EnvironmentVariable v = EnvironmentVariable.ofCode(variable).orElse(EnvironmentVariable.PM25);
        YearMonth current = indicators.currentPeriod();
        YearMonth p = current;
        if (period != null && !period.isBlank()) {
            try {
                YearMonth asked = YearMonth.parse(period.strip());
                p = asked.isAfter(current) || asked.getYear() < 2000 ? current : asked;
            } catch (java.time.format.DateTimeParseException e) {
                p = current;
            }
        }
        return new Selection(i, l, v, p);
    }

    void fill(Model model, boolean agency, Selection s, Perimeter perimeter) {
        model.addAttribute("agency", agency);
        model.addAttribute("operator", agency && perimeter.national());
        model.addAttribute("regionName", perimeter.national() || perimeter.region() == null ? null
                : geography.find(TerritoryLevel.REGION, perimeter.region()).map(Territory::name).orElse(perimeter.region()));
        model.addAttribute("restricted", !perimeter.national() && !s.indicator().publicView());
        model.addAttribute("base", agency ? TerritoryController.AGENCY : TerritoryController.PUBLIC);
        model.addAttribute("groups", groups(agency));
        model.addAttribute("variables", EnvironmentVariable.values());
        model.addAttribute("levels", List.of(TerritoryLevel.DEPARTEMENT, TerritoryLevel.REGION));
        model.addAttribute("sel", s);
        model.addAttribute("periodLabel", t.month(s.period()));
        model.addAttribute("threshold", SmallCounts.THRESHOLD);

        List<IndicatorSnapshot> cells = within(perimeter, s.indicator(), indicators.snapshots(s.indicator(), s.level(), s.period()));
        Optional<IndicatorSnapshot> france = indicators.cell(s.indicator(), TerritoryLevel.FRANCE, Territory.FRANCE_CODE, s.period());
        Map<String, IndicatorSnapshot> byCode = new LinkedHashMap<>();
        cells.forEach(c -> byCode.put(c.code(), c));
        Map<String, String> names = new LinkedHashMap<>();
        geography.at(s.level()).forEach(t -> names.put(t.code(), t.name()));
        // outside the perimeter a territory is drawn without value, like a territory without data
        String unit = t.unit(s.indicator());
        Choropleth choropleth = Choropleth.render(map, s.level(), byCode, names,
                t.t("mapTitle", t.indicator(s.indicator()), t.level(s.level()), t.month(s.period())), unit, "carte-titre", "carte-resume", t);
        model.addAttribute("mapSvg", choropleth.svg());
        model.addAttribute("legend", choropleth.legend());
        model.addAttribute("rows", rows(s.level(), cells));
        model.addAttribute("france", france.map(f -> row(f, "France", "", t)).orElse(null));
        model.addAttribute("mapSummary", mapSummary(s, cells, france.orElse(null)));

        Crossing crossing = crossings.departements(s.indicator(), s.variable(), s.period());
        if (!perimeter.national() && !s.indicator().publicView()) {
            crossing = crossing.restrictedTo(crossing.points().stream().filter(p -> inRegion(perimeter, TerritoryLevel.DEPARTEMENT, p.code())).toList());
        }
        model.addAttribute("crossing", crossing);
        model.addAttribute("crossingSummary", t.crossingSummary(crossing));
        model.addAttribute("scatterSvg", Charts.scatter(crossing, "nuage-titre", "nuage-resume", t));
        model.addAttribute("scatterRows", crossing.points().stream().map(p -> new SeriesRow(p.name() + " (" + p.code() + ")",
                t.number(p.x(), 1), t.number(p.y(), 1))).toList());
        model.addAttribute("pearson", crossing.pearson().isPresent() ? t.number(crossing.pearson().getAsDouble(), 2) : null);

        List<IndicatorSnapshot> series = indicators.series(s.indicator(), TerritoryLevel.FRANCE, Territory.FRANCE_CODE, s.period(), SERIES_MONTHS);
        List<Charts.SeriesPoint> points = new ArrayList<>();
        List<SeriesRow> seriesRows = new ArrayList<>();
        for (IndicatorSnapshot c : series) {
            points.add(new Charts.SeriesPoint(c.period().toString(), c.shown() ? c.value() : null));
            seriesRows.add(new SeriesRow(t.month(c.period()), t.display(c) + (c.shown() ? " " + unit : ""), status(c, t)));
        }
        model.addAttribute("seriesSvg", Charts.series(points, t.t("seriesTitle", t.indicator(s.indicator())),
                t.indicator(s.indicator()), unit, "serie-titre", "serie-resume", t));
        model.addAttribute("seriesRows", seriesRows);
        model.addAttribute("seriesSummary", seriesSummary(s.indicator(), series, t));

        Map<String, Double> monthly = environment.monthlyMeans(s.variable());
        List<Charts.SeriesPoint> envPoints = new ArrayList<>();
        List<SeriesRow> envRows = new ArrayList<>();
        monthly.forEach((m, v) -> {
            envPoints.add(new Charts.SeriesPoint(m, v));
            envRows.add(new SeriesRow(t.month(YearMonth.parse(m)), t.number(v, 1) + " " + t.unit(s.variable()), t.t("status.envMean")));
        });
        model.addAttribute("envSeriesSvg", monthly.isEmpty() ? null : Charts.series(envPoints,
                t.t("envTitle", t.variable(s.variable())), t.variable(s.variable()), t.unit(s.variable()),
                "env-serie-titre", "env-serie-resume", t));
        model.addAttribute("envSeriesRows", envRows);
        model.addAttribute("envSeriesSummary", envSummary(s.variable(), monthly, t));
        if (agency) {
            String envPeriod = environment.latestAnnualPeriod(s.variable()).orElse(null);
            List<Row> envTable = new ArrayList<>();
            if (envPeriod != null) {
                Map<String, Double> values = environment.byDepartement(s.variable(), envPeriod);
                for (Territory d : geography.departements()) {
                    Double v = values.get(d.code());
                    envTable.add(new Row(d.code(), d.name(), geography.find(TerritoryLevel.REGION, d.parentCode()).map(Territory::name).orElse(""),
                            v == null ? t.t("noData") : t.number(v, 1) + " " + t.unit(s.variable()), "", "", ""));
                }
            }
            model.addAttribute("envPeriod", envPeriod);
            model.addAttribute("envTable", envTable);
        }
    }

    private static Map<Indicator.Group, List<Indicator>> groups(boolean agency) {
        Map<Indicator.Group, List<Indicator>> groups = new LinkedHashMap<>();
        for (Indicator i : Indicator.catalogue(agency)) {
            groups.computeIfAbsent(i.group(), g -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    private List<Row> rows(TerritoryLevel level, List<IndicatorSnapshot> cells) {
        List<Row> rows = new ArrayList<>();
        for (IndicatorSnapshot c : cells) {
            Territory t = geography.find(level, c.code()).orElse(null);
            String parent = level == TerritoryLevel.DEPARTEMENT && t != null
                    ? geography.find(TerritoryLevel.REGION, t.parentCode()).map(Territory::name).orElse("") : "";
            rows.add(row(c, t == null ? c.code() : t.name(), parent, this.t));
        }
        return rows;
    }

    static Row row(IndicatorSnapshot c, String name, String parent, TerritoryText t) {
        boolean median = c.indicator().kind() == Indicator.Kind.MEDIAN;
        return new Row(c.code(), name, parent, t.display(c) + (c.shown() ? " " + t.unit(c.indicator()) : ""),
                c.shown() ? String.valueOf(c.numerator()) : "—", c.shown() && !median ? String.valueOf(c.denominator()) : "—", status(c, t));
    }

    /** A cell's status on the pages, in the reader's language. */
    static String status(IndicatorSnapshot c, TerritoryText t) {
        if (c.suppression() == Suppression.PRIMARY) {
            return t.t("status.primary", String.valueOf(SmallCounts.THRESHOLD));
        }
        if (c.suppression() == Suppression.SECONDARY) {
            return t.t("status.secondary");
        }
        return c.value() == null ? t.t("noData") : t.t("status.published");
    }

    /** A cell's status in the CSV file (French, like its other columns). */
    static String status(IndicatorSnapshot c) {
        if (c.suppression() == Suppression.PRIMARY) {
            return "masqué : moins de " + SmallCounts.THRESHOLD + " personnes";
        }
        if (c.suppression() == Suppression.SECONDARY) {
            return "masqué pour protéger une autre cellule";
        }
        return c.value() == null ? "pas de donnée" : "publié";
    }

    String mapSummary(Selection s, List<IndicatorSnapshot> cells, IndicatorSnapshot france) {
        String unit = t.unit(s.indicator());
        List<String> b = new ArrayList<>();
        b.add(t.t("mapSummary.head", t.indicator(s.indicator()), t.level(s.level()), t.month(s.period())));
        if (france != null) {
            b.add(t.t("mapSummary.france", t.display(france) + (france.shown() ? " " + unit : "")));
        }
        List<IndicatorSnapshot> shown = cells.stream().filter(IndicatorSnapshot::shown).sorted(Comparator.comparing(IndicatorSnapshot::value)).toList();
        long hidden = cells.stream().filter(c -> c.suppression() != Suppression.NONE).count();
        if (shown.isEmpty()) {
            b.add(t.t("mapSummary.none", String.valueOf(SmallCounts.THRESHOLD)));
        } else {
            IndicatorSnapshot low = shown.get(0);
            IndicatorSnapshot high = shown.get(shown.size() - 1);
            b.add(t.t("mapSummary.range", String.valueOf(shown.size()), name(s.level(), high.code()), t.display(high) + " " + unit,
                    name(s.level(), low.code()), t.display(low) + " " + unit));
        }
        if (hidden > 0) {
            b.add(t.t("mapSummary.hidden", String.valueOf(hidden)));
        }
        b.add(t.t("mapSummary.tail"));
        return String.join(" ", b);
    }

    private String name(TerritoryLevel level, String code) {
        return geography.find(level, code).map(Territory::name).orElse(code);
    }

    static String seriesSummary(Indicator indicator, List<IndicatorSnapshot> series, TerritoryText t) {
        List<IndicatorSnapshot> shown = series.stream().filter(IndicatorSnapshot::shown).toList();
        if (shown.isEmpty()) {
            return t.t("seriesSummary.none", String.valueOf(series.size()));
        }
        IndicatorSnapshot first = shown.get(0);
        IndicatorSnapshot last = shown.get(shown.size() - 1);
        String unit = t.unit(indicator);
        return t.t("seriesSummary", t.indicator(indicator).toLowerCase(t.locale()), t.display(first) + " " + unit, t.month(first.period()),
                t.display(last) + " " + unit, t.month(last.period()), String.valueOf(shown.size()), String.valueOf(series.size()));
    }

    static String envSummary(EnvironmentVariable variable, Map<String, Double> monthly, TerritoryText t) {
        if (monthly.isEmpty()) {
            return t.t("envSummary.none", t.variable(variable));
        }
        var max = monthly.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        var min = monthly.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
        String unit = t.unit(variable);
        return t.t("envSummary", t.variable(variable), String.valueOf(monthly.size()), t.month(YearMonth.parse(max.getKey())),
                t.number(max.getValue(), 1) + " " + unit, t.month(YearMonth.parse(min.getKey())), t.number(min.getValue(), 1) + " " + unit);
    }
}
