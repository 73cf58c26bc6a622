package fr.hygie.territory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Territorial health indicators (« indicateurs de santé territoriaux »): computed from an {@link IndicatorSource}
 * per commune, summed up to départements, régions and France, passed through {@link SmallCounts}, and stored as
 * monthly snapshots in {@code territory.indicator_snapshot}. Pages read snapshots; a missing month is computed
 * on first use from the database source.
 */
@Service
public class TerritoryIndicators {

    static final ZoneId FRANCE_ZONE = ZoneId.of("Europe/Paris");

    private final JdbcClient jdbc;
    private final Geography geography;
    private final IndicatorSource database;
    private final Clock clock;

    private final NamedParameterJdbcTemplate batch;

    TerritoryIndicators(JdbcClient jdbc, NamedParameterJdbcTemplate batch, Geography geography, DatabaseIndicatorSource database,
            Clock clock) {
        this.batch = batch;
        this.jdbc = jdbc;
        this.geography = geography;
        this.database = database;
        this.clock = clock;
    }

    /** The current month (Paris time): indicators « as of today ». */
    public YearMonth currentPeriod() {
        return YearMonth.now(clock.withZone(FRANCE_ZONE));
    }

    /** Snapshots of one level, in COG order; computed from the database first if this month was never computed. */
    @Transactional
    public List<IndicatorSnapshot> snapshots(Indicator indicator, TerritoryLevel level, YearMonth period) {
        List<IndicatorSnapshot> stored = stored(indicator, level, period);
        if (stored.isEmpty() && (indicator.historical() || !period.isBefore(currentPeriod()))) {
            compute(database, indicator, period);
            stored = stored(indicator, level, period);
        }
        return stored;
    }

    /** One cell (e.g. France) of a month. */
    @Transactional
    public Optional<IndicatorSnapshot> cell(Indicator indicator, TerritoryLevel level, String code, YearMonth period) {
        return snapshots(indicator, level, period).stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /**
     * The monthly series of one territory over {@code months} months ending at {@code to}: historical indicators
     * are computed for missing months; the others only have the months already snapshotted.
     */
    @Transactional
    public List<IndicatorSnapshot> series(Indicator indicator, TerritoryLevel level, String code, YearMonth to, int months) {
        List<IndicatorSnapshot> result = new ArrayList<>();
        for (int i = months - 1; i >= 0; i--) {
            YearMonth m = to.minusMonths(i);
            List<IndicatorSnapshot> cells = indicator.historical() || !m.isBefore(currentPeriod())
                    ? snapshots(indicator, level, m) : stored(indicator, level, m);
            cells.stream().filter(s -> s.code().equals(code)).findFirst().ifPresent(result::add);
        }
        return result;
    }

    /** Recomputes every indicator of a month from the database (regional-agency action and CLI). */
    @Transactional
    public int refresh(YearMonth period) {
        int cells = 0;
        for (Indicator i : Indicator.values()) {
            cells += compute(database, i, period).size();
        }
        return cells;
    }

    /**
     * Computes one indicator for one month from {@code source}: every département, région and France, with
     * small-count suppression; replaces the stored snapshots of that month and returns them.
     */
    @Transactional
    public List<IndicatorSnapshot> compute(IndicatorSource source, Indicator indicator, YearMonth period) {
        List<SmallCounts.RawCell> raw = indicator.kind() == Indicator.Kind.RATE
                ? rates(source.counts(indicator, period), indicator)
                : medians(source.observations(indicator, period));
        List<Suppression> decisions = SmallCounts.apply(raw, indicator.additive());
        List<IndicatorSnapshot> snapshots = new ArrayList<>(raw.size());
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("DELETE FROM territory.indicator_snapshot WHERE indicator = :i AND period = :p")
                .param("i", indicator.name()).param("p", period.toString()).update();
        List<MapSqlParameterSource> rows = new ArrayList<>(raw.size());
        for (int k = 0; k < raw.size(); k++) {
            SmallCounts.RawCell c = raw.get(k);
            IndicatorSnapshot s = new IndicatorSnapshot(indicator, c.level(), c.code(), period, c.numerator(),
                    c.denominator(), c.value(), decisions.get(k));
            snapshots.add(s);
            rows.add(new MapSqlParameterSource().addValue("i", indicator.name()).addValue("l", c.level().name())
                    .addValue("c", c.code()).addValue("p", period.toString()).addValue("n", c.numerator())
                    .addValue("d", c.denominator()).addValue("v", c.value()).addValue("s", s.suppression().name())
                    .addValue("src", source.name()).addValue("at", now));
        }
        batch.batchUpdate("""
                INSERT INTO territory.indicator_snapshot (indicator, level, code, period, numerator, denominator, value,
                    suppression, source, computed_at)
                VALUES (:i, :l, :c, :p, :n, :d, :v, :s, :src, :at)
                ON CONFLICT (indicator, period, level, code) DO UPDATE SET numerator = EXCLUDED.numerator,
                    denominator = EXCLUDED.denominator, value = EXCLUDED.value, suppression = EXCLUDED.suppression,
                    source = EXCLUDED.source, computed_at = EXCLUDED.computed_at""", rows.toArray(MapSqlParameterSource[]::new));
        return snapshots;
    }

    private List<SmallCounts.RawCell> rates(Map<String, IndicatorSource.Counts> byCommune, Indicator indicator) {
        Map<String, IndicatorSource.Counts> deps = new LinkedHashMap<>();
        geography.departements().forEach(d -> deps.put(d.code(), IndicatorSource.Counts.ZERO));
        byCommune.forEach((commune, counts) -> geography.departementOfCommune(commune)
                .ifPresent(d -> deps.merge(d.code(), counts, IndicatorSource.Counts::plus)));
        Map<String, IndicatorSource.Counts> regs = new LinkedHashMap<>();
        geography.regions().forEach(r -> regs.put(r.code(), IndicatorSource.Counts.ZERO));
        geography.departements().forEach(d -> regs.merge(d.parentCode(), deps.get(d.code()), IndicatorSource.Counts::plus));
        IndicatorSource.Counts france = regs.values().stream().reduce(IndicatorSource.Counts.ZERO, IndicatorSource.Counts::plus);
        List<SmallCounts.RawCell> cells = new ArrayList<>();
        geography.departements().forEach(d -> cells.add(rate(TerritoryLevel.DEPARTEMENT, d.code(), d.parentCode(), deps.get(d.code()), indicator)));
        geography.regions().forEach(r -> cells.add(rate(TerritoryLevel.REGION, r.code(), Territory.FRANCE_CODE, regs.get(r.code()), indicator)));
        cells.add(rate(TerritoryLevel.FRANCE, Territory.FRANCE_CODE, null, france, indicator));
        return cells;
    }

    private static SmallCounts.RawCell rate(TerritoryLevel level, String code, String parent, IndicatorSource.Counts c, Indicator indicator) {
        Double value = c.denominator() == 0 ? null : (double) c.numerator() * indicator.scale() / c.denominator();
        return new SmallCounts.RawCell(level, code, parent, c.numerator(), c.denominator(), value);
    }

    private List<SmallCounts.RawCell> medians(Map<String, List<Double>> byCommune) {
        Map<String, List<Double>> deps = new LinkedHashMap<>();
        geography.departements().forEach(d -> deps.put(d.code(), new ArrayList<>()));
        byCommune.forEach((commune, values) -> geography.departementOfCommune(commune)
                .ifPresent(d -> deps.get(d.code()).addAll(values)));
        Map<String, List<Double>> regs = new LinkedHashMap<>();
        geography.regions().forEach(r -> regs.put(r.code(), new ArrayList<>()));
        geography.departements().forEach(d -> regs.get(d.parentCode()).addAll(deps.get(d.code())));
        List<Double> france = new ArrayList<>();
        regs.values().forEach(france::addAll);
        List<SmallCounts.RawCell> cells = new ArrayList<>();
        geography.departements().forEach(d -> cells.add(median(TerritoryLevel.DEPARTEMENT, d.code(), d.parentCode(), deps.get(d.code()))));
        geography.regions().forEach(r -> cells.add(median(TerritoryLevel.REGION, r.code(), Territory.FRANCE_CODE, regs.get(r.code()))));
        cells.add(median(TerritoryLevel.FRANCE, Territory.FRANCE_CODE, null, france));
        return cells;
    }

    private static SmallCounts.RawCell median(TerritoryLevel level, String code, String parent, List<Double> values) {
        OptionalDouble m = Numbers.median(values);
        return new SmallCounts.RawCell(level, code, parent, values.size(), values.size(), m.isPresent() ? m.getAsDouble() : null);
    }

    private List<IndicatorSnapshot> stored(Indicator indicator, TerritoryLevel level, YearMonth period) {
        Map<String, IndicatorSnapshot> byCode = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT code, numerator, denominator, value, suppression FROM territory.indicator_snapshot
                 WHERE indicator = :i AND level = :l AND period = :p""")
                .param("i", indicator.name()).param("l", level.name()).param("p", period.toString())
                .query((rs, n) -> {
                    Object v = rs.getObject(4);
                    return byCode.put(rs.getString(1), new IndicatorSnapshot(indicator, level, rs.getString(1), period,
                            rs.getLong(2), rs.getLong(3), v == null ? null : ((Number) v).doubleValue(),
                            Suppression.valueOf(rs.getString(5))));
                }).list();
        List<IndicatorSnapshot> ordered = new ArrayList<>();
        for (Territory t : geography.at(level)) {
            IndicatorSnapshot s = byCode.get(t.code());
            if (s != null) {
                ordered.add(s);
            }
        }
        return ordered;
    }
}
