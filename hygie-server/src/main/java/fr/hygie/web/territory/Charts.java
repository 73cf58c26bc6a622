package fr.hygie.web.territory;

import fr.hygie.territory.Crossing;
import fr.hygie.platform.web.Html;
import java.util.List;

/** Server-side SVG charts: the scatter of a {@link Crossing} and monthly time series. Text and tables come with them on the page. */
final class Charts {

    static final double W = 640;
    static final double H = 400;
    static final double LEFT = 70;
    static final double RIGHT = 20;
    static final double TOP = 20;
    static final double BOTTOM = 60;

    private Charts() {
    }

    /** One point of a time series; {@code value} null when hidden or unknown (the line is broken there). */
    record SeriesPoint(String label, Double value) {
    }

    static String scatter(Crossing c, String titleId, String descId, TerritoryText t) {
        String variable = t.variable(c.variable());
        String indicator = t.indicator(c.indicator());
        String xUnit = t.unit(c.variable());
        String yUnit = t.unit(c.indicator());
        StringBuilder s = open(titleId, descId, t.t("scatterTitle", variable, indicator));
        if (c.points().isEmpty()) {
            s.append("<text x=\"").append(Svg.n(W / 2)).append("\" y=\"").append(Svg.n(H / 2))
                    .append("\" text-anchor=\"middle\" font-size=\"14\" fill=\"#1b1b1b\">").append(Html.escape(t.t("scatterEmpty"))).append("</text>");
            return s.append("</svg>").toString();
        }
        double[] xr = range(c.points().stream().mapToDouble(Crossing.Point::x).toArray());
        double[] yr = range(c.points().stream().mapToDouble(Crossing.Point::y).toArray());
        axes(s, xr, yr, variable + " (" + xUnit + ")", indicator + " (" + yUnit + ")", null, t);
        if (c.pearson().isPresent() && c.points().size() >= 3) {
            double[] xs = c.points().stream().mapToDouble(Crossing.Point::x).toArray();
            double[] ys = c.points().stream().mapToDouble(Crossing.Point::y).toArray();
            double mx = java.util.Arrays.stream(xs).average().orElse(0);
            double my = java.util.Arrays.stream(ys).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < xs.length; i++) {
                sxy += (xs[i] - mx) * (ys[i] - my);
                sxx += (xs[i] - mx) * (xs[i] - mx);
            }
            double slope = sxy / sxx;
            double y0 = my + slope * (xr[0] - mx);
            double y1 = my + slope * (xr[1] - mx);
            s.append("<line x1=\"").append(Svg.n(px(xr[0], xr))).append("\" y1=\"").append(Svg.n(py(clamp(y0, yr), yr)))
                    .append("\" x2=\"").append(Svg.n(px(xr[1], xr))).append("\" y2=\"").append(Svg.n(py(clamp(y1, yr), yr)))
                    .append("\" stroke=\"#8a3b00\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>").append(Html.escape(t.t("regression"))).append("</title></line>");
        }
        for (Crossing.Point p : c.points()) {
            s.append("<circle cx=\"").append(Svg.n(px(p.x(), xr))).append("\" cy=\"").append(Svg.n(py(p.y(), yr)))
                    .append("\" r=\"5\" fill=\"#2171b5\" fill-opacity=\"0.75\" stroke=\"#08306b\" stroke-width=\"1\"><title>")
                    .append(Html.escape(t.t("scatterPoint", p.name() + " (" + p.code() + ")", t.number(p.x(), 1) + " " + xUnit,
                            t.number(p.y(), 1) + " " + yUnit)))
                    .append("</title></circle>");
        }
        return s.append("</svg>").toString();
    }

    static String series(List<SeriesPoint> points, String title, String yLabel, String unit, String titleId, String descId, TerritoryText t) {
        StringBuilder s = open(titleId, descId, title);
        double[] values = points.stream().filter(p -> p.value() != null).mapToDouble(SeriesPoint::value).toArray();
        if (values.length == 0) {
            s.append("<text x=\"").append(Svg.n(W / 2)).append("\" y=\"").append(Svg.n(H / 2))
                    .append("\" text-anchor=\"middle\" font-size=\"14\" fill=\"#1b1b1b\">").append(Html.escape(t.t("seriesEmpty"))).append("</text>");
            return s.append("</svg>").toString();
        }
        double[] yr = range(values);
        yr[0] = Math.min(0, yr[0]);
        double[] xr = {0, Math.max(1, points.size() - 1)};
        axes(s, xr, yr, t.t("month"), yLabel + " (" + unit + ")", points, t);
        StringBuilder line = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < points.size(); i++) {
            SeriesPoint p = points.get(i);
            if (p.value() == null) {
                pen = false;
                continue;
            }
            line.append(pen ? 'L' : 'M').append(Svg.n(px(i, xr))).append(' ').append(Svg.n(py(p.value(), yr)));
            pen = true;
        }
        s.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"#0b5c4a\" stroke-width=\"2.5\"/>");
        for (int i = 0; i < points.size(); i++) {
            SeriesPoint p = points.get(i);
            if (p.value() != null) {
                s.append("<rect x=\"").append(Svg.n(px(i, xr) - 4)).append("\" y=\"").append(Svg.n(py(p.value(), yr) - 4))
                        .append("\" width=\"8\" height=\"8\" fill=\"#0b5c4a\"><title>").append(Html.escape(t.t("seriesPoint", p.label(), t.number(p.value(), 1) + " " + unit)))
                        .append("</title></rect>");
            }
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String titleId, String descId, String title) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"territory-chart\" viewBox=\"0 0 ").append((int) W).append(' ').append((int) H)
                .append("\" role=\"img\" aria-labelledby=\"").append(titleId).append(' ').append(descId).append("\"><title id=\"")
                .append(titleId).append("\">").append(Html.escape(title)).append("</title>");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append((int) W).append("\" height=\"").append((int) H).append("\" fill=\"#ffffff\"/>");
        return s;
    }

    private static void axes(StringBuilder s, double[] xr, double[] yr, String xLabel, String yLabel, List<SeriesPoint> months, TerritoryText t) {
        double x0 = LEFT;
        double y0 = H - BOTTOM;
        s.append("<g font-size=\"12\" fill=\"#1b1b1b\">");
        double ys = Svg.step(yr[1] - yr[0], 5);
        for (double v = Math.ceil(yr[0] / ys) * ys; v <= yr[1] + 1e-9; v += ys) {
            double y = py(v, yr);
            s.append("<line x1=\"").append(Svg.n(x0)).append("\" y1=\"").append(Svg.n(y)).append("\" x2=\"").append(Svg.n(W - RIGHT))
                    .append("\" y2=\"").append(Svg.n(y)).append("\" stroke=\"#d9dedd\" stroke-width=\"1\"/>");
            s.append("<text x=\"").append(Svg.n(x0 - 6)).append("\" y=\"").append(Svg.n(y + 4)).append("\" text-anchor=\"end\">")
                    .append(t.number(v, ys < 1 ? 1 : 0)).append("</text>");
        }
        if (months == null) {
            double xs = Svg.step(xr[1] - xr[0], 6);
            for (double v = Math.ceil(xr[0] / xs) * xs; v <= xr[1] + 1e-9; v += xs) {
                double x = px(v, xr);
                s.append("<line x1=\"").append(Svg.n(x)).append("\" y1=\"").append(Svg.n(TOP)).append("\" x2=\"").append(Svg.n(x))
                        .append("\" y2=\"").append(Svg.n(y0)).append("\" stroke=\"#d9dedd\" stroke-width=\"1\"/>");
                s.append("<text x=\"").append(Svg.n(x)).append("\" y=\"").append(Svg.n(y0 + 16)).append("\" text-anchor=\"middle\">")
                        .append(t.number(v, xs < 1 ? 1 : 0)).append("</text>");
            }
        } else {
            for (int i = 0; i < months.size(); i++) {
                double x = px(i, xr);
                s.append("<text x=\"").append(Svg.n(x)).append("\" y=\"").append(Svg.n(y0 + 16)).append("\" text-anchor=\"middle\">")
                        .append(Html.escape(months.get(i).label().length() >= 7 ? months.get(i).label().substring(5) + "/" + months.get(i).label().substring(2, 4)
                                : months.get(i).label())).append("</text>");
            }
        }
        s.append("<line x1=\"").append(Svg.n(x0)).append("\" y1=\"").append(Svg.n(y0)).append("\" x2=\"").append(Svg.n(W - RIGHT))
                .append("\" y2=\"").append(Svg.n(y0)).append("\" stroke=\"#1b1b1b\" stroke-width=\"1.5\"/>");
        s.append("<line x1=\"").append(Svg.n(x0)).append("\" y1=\"").append(Svg.n(TOP)).append("\" x2=\"").append(Svg.n(x0))
                .append("\" y2=\"").append(Svg.n(y0)).append("\" stroke=\"#1b1b1b\" stroke-width=\"1.5\"/>");
        s.append("<text x=\"").append(Svg.n((x0 + W - RIGHT) / 2)).append("\" y=\"").append(Svg.n(H - 18)).append("\" text-anchor=\"middle\" font-size=\"13\">")
                .append(Html.escape(xLabel)).append("</text>");
        s.append("<text transform=\"rotate(-90)\" x=\"").append(Svg.n(-(TOP + y0) / 2)).append("\" y=\"16\" text-anchor=\"middle\" font-size=\"13\">")
                .append(Html.escape(yLabel)).append("</text>");
        s.append("</g>");
    }

    private static double[] range(double[] v) {
        double min = java.util.Arrays.stream(v).min().orElse(0);
        double max = java.util.Arrays.stream(v).max().orElse(1);
        if (max - min < 1e-9) {
            min -= 1;
            max += 1;
        }
        double pad = (max - min) * 0.08;
        return new double[] {min - pad, max + pad};
    }

    private static double clamp(double v, double[] r) {
        return Math.max(r[0], Math.min(r[1], v));
    }

    static double px(double v, double[] xr) {
        return LEFT + (v - xr[0]) / (xr[1] - xr[0]) * (W - LEFT - RIGHT);
    }

    static double py(double v, double[] yr) {
        return (H - BOTTOM) - (v - yr[0]) / (yr[1] - yr[0]) * (H - BOTTOM - TOP);
    }
}
