package fr.hygie.territory;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds {@link Crossing}s from published indicator snapshots and imported environment values. */
@Service
public class Crossings {

    private final TerritoryIndicators indicators;
    private final EnvironmentData environment;
    private final Geography geography;

    Crossings(TerritoryIndicators indicators, EnvironmentData environment, Geography geography) {
        this.indicators = indicators;
        this.environment = environment;
        this.geography = geography;
    }

    /** Indicator of {@code period} × latest annual value of {@code variable}, per département. */
    @Transactional
    public Crossing departements(Indicator indicator, EnvironmentVariable variable, YearMonth period) {
        String envPeriod = environment.latestAnnualPeriod(variable).orElse(null);
        Map<String, Double> env = envPeriod == null ? Map.of() : environment.byDepartement(variable, envPeriod);
        return cross(indicator, variable, envPeriod, period, indicators.snapshots(indicator, TerritoryLevel.DEPARTEMENT, period), env);
    }

    /** The crossing of given cells and values (pure: the numbers behind the chart). */
    public Crossing cross(Indicator indicator, EnvironmentVariable variable, String envPeriod, YearMonth period,
            List<IndicatorSnapshot> cells, Map<String, Double> env) {
        List<Crossing.Point> points = new ArrayList<>();
        int hidden = 0;
        for (IndicatorSnapshot s : cells) {
            Double x = env.get(s.code());
            if (x == null) {
                continue;
            }
            if (!s.shown()) {
                hidden++;
                continue;
            }
            String name = geography.find(s.level(), s.code()).map(Territory::name).orElse(s.code());
            points.add(new Crossing.Point(s.code(), name, x, s.value()));
        }
        double[] xs = points.stream().mapToDouble(Crossing.Point::x).toArray();
        double[] ys = points.stream().mapToDouble(Crossing.Point::y).toArray();
        OptionalDouble r = Numbers.pearson(xs, ys);
        return new Crossing(indicator, variable, envPeriod, period, points, r, hidden);
    }
}
