package fr.hygie.web.territory;

import fr.hygie.territory.IndicatorSnapshot;
import fr.hygie.territory.SchematicMap;
import fr.hygie.territory.SmallCounts;
import fr.hygie.territory.TerritoryLevel;
import fr.hygie.platform.web.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A choropleth of the schematic map (« carte choroplèthe »): five classes of equal counts (quintiles of the
 * published values), each with a colour AND a pattern (dots, lines, cross-hatching) so that colour-blind
 * readers and black-and-white prints can tell them apart; hidden cells grey with crosses, no data white.
 */
record Choropleth(String svg, List<LegendItem> legend) {

    /** One legend line: the pattern id to show as swatch, and the text. */
    record LegendItem(String patternId, String label) {
    }

    static final String[] COLOURS = {"#eff3ff", "#bdd7e7", "#6baed6", "#2171b5", "#08306b"};
    static final String HIDDEN = "hidden";
    static final String NONE = "none";

    /** Quintile upper bounds of the published values (4 cut points); empty when no value is published. */
    static double[] breaks(List<Double> values) {
        if (values.isEmpty()) {
            return new double[0];
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] cuts = new double[4];
        for (int k = 1; k <= 4; k++) {
            cuts[k - 1] = v[Math.min(v.length - 1, (int) Math.ceil(k * v.length / 5.0) - 1)];
        }
        return cuts;
    }

    static int classOf(double value, double[] cuts) {
        for (int k = 0; k < cuts.length; k++) {
            if (value <= cuts[k]) {
                return k;
            }
        }
        return 4;
    }

    static Choropleth render(SchematicMap map, TerritoryLevel level, Map<String, IndicatorSnapshot> cells,
            Map<String, String> names, String title, String unit, String titleId, String descId, TerritoryText t) {
        List<Double> published = new ArrayList<>();
        cells.values().stream().filter(IndicatorSnapshot::shown).forEach(s -> published.add(s.value()));
        double[] cuts = breaks(published);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"territory-map\" viewBox=\"").append(map.viewBox())
                .append("\" role=\"img\" aria-labelledby=\"").append(titleId).append(' ').append(descId).append("\">");
        svg.append("<title id=\"").append(titleId).append("\">").append(Html.escape(title)).append("</title>");
        svg.append("<defs>").append(patterns()).append("</defs>");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append((int) SchematicMap.WIDTH).append("\" height=\"")
                .append((int) SchematicMap.HEIGHT).append("\" fill=\"#ffffff\"/>");
        for (SchematicMap.Inset inset : map.insets()) {
            svg.append("<rect x=\"").append(Svg.n(inset.x())).append("\" y=\"").append(Svg.n(inset.y())).append("\" width=\"")
                    .append(Svg.n(inset.width())).append("\" height=\"").append(Svg.n(inset.height()))
                    .append("\" fill=\"#ffffff\" stroke=\"#5c6b67\" stroke-width=\"1\"/>");
            svg.append("<text x=\"").append(Svg.n(inset.x() + inset.width() / 2)).append("\" y=\"").append(Svg.n(inset.y() + inset.height() + 13))
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1b1b1b\">").append(Html.escape(inset.name())).append("</text>");
        }
        for (SchematicMap.Area area : map.areas()) {
            String code = level == TerritoryLevel.REGION ? area.regionCode() : area.code();
            IndicatorSnapshot s = cells.get(code);
            String fill;
            String text;
            if (s == null || (s.suppression() == fr.hygie.territory.Suppression.NONE && s.value() == null)) {
                fill = "url(#" + NONE + ")";
                text = t.t("noData");
            } else if (!s.shown()) {
                fill = "url(#" + HIDDEN + ")";
                text = t.t("areaHidden", t.hiddenLabel());
            } else {
                fill = "url(#c" + classOf(s.value(), cuts) + ")";
                text = t.number(s.value(), 1) + " " + unit;
            }
            String label = t.t("areaLabel", level == TerritoryLevel.REGION ? names.getOrDefault(code, code) + " (" + area.name() + ")"
                    : area.name() + " (" + area.code() + ")", text);
            // région map: each cell is stroked with its own fill so that only région borders (drawn below) show
            String stroke = level == TerritoryLevel.REGION ? fill : "#3d3d3d";
            svg.append("<path d=\"").append(area.path()).append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
                    .append("\" stroke-width=\"0.6\" stroke-linejoin=\"round\"><title>").append(Html.escape(label))
                    .append("</title></path>");
        }
        if (level == TerritoryLevel.REGION) {
            map.regionBorders().values().forEach(d -> svg.append("<path d=\"").append(d)
                    .append("\" fill=\"none\" stroke=\"#1b1b1b\" stroke-width=\"1.4\" stroke-linecap=\"round\"/>"));
        }
        svg.append("</svg>");
        List<LegendItem> legend = new ArrayList<>();
        if (cuts.length > 0) {
            double min = published.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double lower = min;
            for (int k = 0; k < 5; k++) {
                double upper = k < 4 ? cuts[k] : published.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                if (k > 0 && upper <= cuts[k - 1]) {
                    continue;
                }
                legend.add(new LegendItem("c" + k, t.t(k == 0 ? "legendFirst" : "legendNext", t.number(lower, 1), t.number(upper, 1) + " " + unit)));
                lower = upper;
            }
        }
        legend.add(new LegendItem(HIDDEN, t.t("legendHidden", String.valueOf(SmallCounts.THRESHOLD))));
        legend.add(new LegendItem(NONE, t.t("noData")));
        return new Choropleth(svg.toString(), legend);
    }

    /** Colour + pattern per class, so that the classes differ by more than colour (WCAG 1.4.1). */
    static String patterns() {
        StringBuilder p = new StringBuilder();
        String[] marks = {
            "",
            "<circle cx=\"3\" cy=\"3\" r=\"1\" fill=\"#1b1b1b\"/>",
            "<path d=\"M0 6L6 0\" stroke=\"#1b1b1b\" stroke-width=\"0.8\"/>",
            "<path d=\"M0 6L6 0M0 0L6 6\" stroke=\"#ffffff\" stroke-width=\"0.8\"/>",
            "<path d=\"M0 3H6M3 0V6\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
        };
        for (int k = 0; k < 5; k++) {
            p.append("<pattern id=\"c").append(k).append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"")
                    .append(COLOURS[k]).append("\"/>").append(marks[k]).append("</pattern>");
        }
        p.append("<pattern id=\"").append(HIDDEN).append("\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#d4d4d4\"/>")
                .append("<path d=\"M1 1L7 7M7 1L1 7\" stroke=\"#5a5a5a\" stroke-width=\"1\"/></pattern>");
        p.append("<pattern id=\"").append(NONE).append("\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\"/></pattern>");
        return p.toString();
    }
}
