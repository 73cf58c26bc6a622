package fr.hygie.territory;

import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.platform.Ids;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Environment and living-conditions datasets (« données environnementales et conditions de vie »): CSV import
 * per commune or département, validated line by line with French messages and stored all-or-nothing, and the
 * values per département that the pages cross with health indicators. Schema: {@code docs/territory-datasets.md}.
 */
@Service
public class EnvironmentData {

    static final List<String> HEADER = List.of("niveau", "code", "periode", "variable", "valeur");
    static final int MAX_ERRORS = 200;
    private static final Pattern PERIOD = Pattern.compile("(19|20)\\d{2}(-(0[1-9]|1[0-2]))?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final JdbcClient jdbc;
    private final Geography geography;
    private final Clock clock;

    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batchJdbc;

    EnvironmentData(JdbcClient jdbc, org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batchJdbc,
            Geography geography, Clock clock) {
        this.batchJdbc = batchJdbc;
        this.jdbc = jdbc;
        this.geography = geography;
        this.clock = clock;
    }

    private record Row(String level, String code, String period, String variable, double value) {
    }

    /** Validates and, when every line is valid, stores the file (a value already known is replaced). */
    @Transactional
    public ImportReport importCsv(String fileName, Reader reader, String importedBy) {
        List<ImportReport.LineError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int dataLines = parse(reader, rows, errors);
        if (!errors.isEmpty() || rows.isEmpty()) {
            if (errors.isEmpty()) {
                errors.add(ImportReport.LineError.of(1, "niveau", ImportReport.Wording.NO_DATA_LINES));
            }
            return new ImportReport(false, dataLines, 0, errors);
        }
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO territory.environment_import (id, file_name, lines, value_count, imported_by, imported_at)
                VALUES (:id, :f, :l, :v, :by, :at)""")
                .param("id", id).param("f", fileName == null ? "" : fileName).param("l", dataLines).param("v", rows.size())
                .param("by", importedBy).param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).update();
        org.springframework.jdbc.core.namedparam.MapSqlParameterSource[] batch = rows.stream()
                .map(r -> new org.springframework.jdbc.core.namedparam.MapSqlParameterSource().addValue("l", r.level())
                        .addValue("c", r.code()).addValue("p", r.period()).addValue("v", r.variable())
                        .addValue("x", r.value()).addValue("id", id))
                .toArray(org.springframework.jdbc.core.namedparam.MapSqlParameterSource[]::new);
        batchJdbc.batchUpdate("""
                INSERT INTO territory.environment_value (level, code, period, variable, value, import_id)
                VALUES (:l, :c, :p, :v, :x, :id)
                ON CONFLICT (variable, period, level, code) DO UPDATE SET value = EXCLUDED.value, import_id = EXCLUDED.import_id""", batch);
        return new ImportReport(true, dataLines, rows.size(), List.of());
    }

    private int parse(Reader reader, List<Row> rows, List<ImportReport.LineError> errors) {
        BufferedReader in = new BufferedReader(reader);
        int lineNo = 0;
        int dataLines = 0;
        boolean headerSeen = false;
        Set<String> seen = new HashSet<>();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    headerSeen = true;
                    List<String> header = List.of(line.strip().toLowerCase(Locale.ROOT).split("\\s*[,;]\\s*", -1));
                    if (!header.equals(HEADER)) {
                        errors.add(ImportReport.LineError.of(lineNo, "en-tête",
                                ImportReport.Wording.HEADER_WRONG, String.join(",", HEADER), line.strip()));
                        return 0;
                    }
                    continue;
                }
                dataLines++;
                if (errors.size() >= MAX_ERRORS) {
                    continue;
                }
                validate(lineNo, line, rows, errors, seen);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!headerSeen) {
            errors.add(ImportReport.LineError.of(1, "en-tête", ImportReport.Wording.EMPTY_FILE, String.join(",", HEADER)));
        }
        return dataLines;
    }

    private void validate(int lineNo, String line, List<Row> rows, List<ImportReport.LineError> errors, Set<String> seen) {
        String[] f = line.split(",", -1);
        if (f.length != HEADER.size()) {
            errors.add(ImportReport.LineError.of(lineNo, "niveau", ImportReport.Wording.COLUMN_COUNT, String.valueOf(f.length)));
            return;
        }
        int before = errors.size();
        String level = f[0].strip().toLowerCase(Locale.ROOT);
        String code = f[1].strip().toUpperCase(Locale.ROOT);
        String period = f[2].strip();
        String variable = f[3].strip().toLowerCase(Locale.ROOT);
        String rawValue = f[4].strip();
        if (!level.equals("commune") && !level.equals("departement")) {
            errors.add(ImportReport.LineError.of(lineNo, "niveau", ImportReport.Wording.LEVEL, f[0].strip()));
        } else if (level.equals("commune") && InseeCommuneCode.check(code).isPresent()) {
            errors.add(ImportReport.LineError.of(lineNo, "code", ImportReport.Wording.COMMUNE_CODE, code));
        } else if (level.equals("commune") && geography.departementOfCommune(code).isEmpty()) {
            errors.add(ImportReport.LineError.of(lineNo, "code", ImportReport.Wording.COMMUNE_WITHOUT_DEPARTEMENT, code));
        } else if (level.equals("departement") && geography.find(TerritoryLevel.DEPARTEMENT, code).isEmpty()) {
            errors.add(ImportReport.LineError.of(lineNo, "code", ImportReport.Wording.DEPARTEMENT_CODE, code));
        }
        if (!PERIOD.matcher(period).matches()) {
            errors.add(ImportReport.LineError.of(lineNo, "periode", ImportReport.Wording.PERIOD, period));
        }
        Optional<EnvironmentVariable> v = EnvironmentVariable.ofCode(variable);
        if (v.isEmpty()) {
            errors.add(ImportReport.LineError.of(lineNo, "variable", ImportReport.Wording.VARIABLE, f[3].strip(),
                    String.join(", ", java.util.Arrays.stream(EnvironmentVariable.values()).map(EnvironmentVariable::code).toList())));
        }
        double value = Double.NaN;
        if (!NUMBER.matcher(rawValue).matches()) {
            errors.add(rawValue.isEmpty() ? ImportReport.LineError.of(lineNo, "valeur", ImportReport.Wording.VALUE_EMPTY)
                    : ImportReport.LineError.of(lineNo, "valeur", ImportReport.Wording.VALUE_NOT_A_NUMBER, rawValue));
        } else {
            value = Double.parseDouble(rawValue);
            if (v.isPresent() && (value < v.get().min() || value > v.get().max())) {
                errors.add(ImportReport.LineError.of(lineNo, "valeur", ImportReport.Wording.VALUE_OUT_OF_RANGE, rawValue,
                        v.get().code(), limit(v.get().min()), limit(v.get().max()), new ImportReport.Unit(v.get())));
            }
        }
        if (errors.size() == before) {
            String key = level + "|" + code + "|" + period + "|" + variable;
            if (!seen.add(key)) {
                errors.add(ImportReport.LineError.of(lineNo, "code", ImportReport.Wording.DUPLICATE, variable, code, period));
                return;
            }
            rows.add(new Row(level.equals("commune") ? "COMMUNE" : "DEPARTEMENT", code, period, variable, value));
        }
    }

    /**
     * A limit of a plausible range as a number with exactly the decimals it has (0, 366, 12.5), so that pages write
     * it in the reader's language ({@link ImportReport.LineError}); never a French text.
     */
    private static BigDecimal limit(double value) {
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0) : exact;
    }

    /** Periods with values of a variable, latest first. */
    public List<String> periods(EnvironmentVariable variable) {
        return jdbc.sql("SELECT DISTINCT period FROM territory.environment_value WHERE variable = :v ORDER BY period DESC")
                .param("v", variable.code()).query(String.class).list();
    }

    /** The latest annual period (YYYY) of a variable, if any. */
    public Optional<String> latestAnnualPeriod(EnvironmentVariable variable) {
        return periods(variable).stream().filter(p -> p.length() == 4).findFirst();
    }

    /**
     * Values per département for one period: a département-level value when imported, otherwise the mean of its
     * communes' values (unweighted: the bundled commune list is a sample, see the documentation).
     */
    public Map<String, Double> byDepartement(EnvironmentVariable variable, String period) {
        Map<String, Double> direct = new TreeMap<>();
        Map<String, double[]> communes = new LinkedHashMap<>();
        jdbc.sql("SELECT level, code, value FROM territory.environment_value WHERE variable = :v AND period = :p")
                .param("v", variable.code()).param("p", period).query((rs, n) -> {
                    String code = rs.getString(2);
                    double value = rs.getDouble(3);
                    if ("DEPARTEMENT".equals(rs.getString(1))) {
                        direct.put(code, value);
                    } else {
                        geography.departementOfCommune(code).ifPresent(d -> {
                            double[] acc = communes.computeIfAbsent(d.code(), k -> new double[2]);
                            acc[0] += value;
                            acc[1]++;
                        });
                    }
                    return code;
                }).list();
        Map<String, Double> result = new TreeMap<>(direct);
        communes.forEach((d, acc) -> result.putIfAbsent(d, acc[0] / acc[1]));
        return result;
    }

    /** Values per région: the mean of its départements' values. */
    public Map<String, Double> byRegion(EnvironmentVariable variable, String period) {
        Map<String, Double> deps = byDepartement(variable, period);
        Map<String, double[]> acc = new TreeMap<>();
        deps.forEach((d, v) -> geography.find(TerritoryLevel.DEPARTEMENT, d).ifPresent(t -> {
            double[] a = acc.computeIfAbsent(t.parentCode(), k -> new double[2]);
            a[0] += v;
            a[1]++;
        }));
        Map<String, Double> result = new TreeMap<>();
        acc.forEach((r, a) -> result.put(r, a[0] / a[1]));
        return result;
    }

    /** Monthly series (YYYY-MM periods) of a variable: the mean over départements with a value, per month. */
    public Map<String, Double> monthlyMeans(EnvironmentVariable variable) {
        Map<String, Double> result = new TreeMap<>();
        for (String p : periods(variable)) {
            if (p.length() == 7) {
                Map<String, Double> deps = byDepartement(variable, p);
                deps.values().stream().mapToDouble(Double::doubleValue).average().ifPresent(m -> result.put(p, m));
            }
        }
        return result;
    }

    public boolean isEmpty() {
        return jdbc.sql("SELECT count(*) FROM territory.environment_value").query(Long.class).single() == 0;
    }
}
