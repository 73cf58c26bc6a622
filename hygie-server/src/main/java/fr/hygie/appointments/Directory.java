package fr.hygie.appointments;

import fr.hygie.identity.InsTraits;
import fr.hygie.identity.ProfessionalId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public directory of the care offer (annuaire de l'offre de soins): search by profession or
 * specialty, place and radius, filters, ordered by distance or by earliest free slot.
 *
 * <p>Distance is haversine in SQL over a latitude/longitude bounding box served by a B-tree index (no
 * PostGIS); the next free slots come from a partial index on free slots, a few rows per professional.
 */
@Service
public class Directory {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    private static final double KM_PER_DEGREE = 111.2;

    private final JdbcClient jdbc;

    Directory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static final String OFFER_COLUMNS = """
            o.professional_id, o.display_name, o.profession_code, o.specialty_code, o.structure_name, o.address_line,
            o.postcode, o.commune_insee, o.commune_name, o.latitude, o.longitude, o.phone, o.sector, o.tiers_payant,
            o.teleconsultation, o.languages, o.wheelchair, o.hearing_loop, o.services, o.opening_hours, o.published""";

    static PractitionerOffer offer(ResultSet rs) throws SQLException {
        Object sector = rs.getObject("sector");
        Object lat = rs.getObject("latitude");
        Object lon = rs.getObject("longitude");
        return new PractitionerOffer(new ProfessionalId(rs.getObject("professional_id", UUID.class)),
                rs.getString("display_name"), rs.getString("profession_code"), rs.getString("specialty_code"),
                rs.getString("structure_name"), rs.getString("address_line"), rs.getString("postcode"),
                rs.getString("commune_insee"), rs.getString("commune_name"),
                lat == null ? null : ((Number) lat).doubleValue(), lon == null ? null : ((Number) lon).doubleValue(),
                rs.getString("phone"), sector == null ? null : ((Number) sector).intValue(), rs.getBoolean("tiers_payant"),
                rs.getBoolean("teleconsultation"),
                Arrays.stream((Object[]) rs.getArray("languages").getArray()).map(String::valueOf).toList(),
                rs.getBoolean("wheelchair"), rs.getBoolean("hearing_loop"), rs.getString("services"),
                rs.getString("opening_hours"), rs.getBoolean("published"));
    }

    static Slot slot(ResultSet rs) throws SQLException {
        return new Slot(new SlotId(rs.getObject("id", UUID.class)),
                new ProfessionalId(rs.getObject("professional_id", UUID.class)),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                SlotStatus.of(rs.getString("status")));
    }

    public Optional<PractitionerOffer> offer(ProfessionalId id) {
        return jdbc.sql("SELECT " + OFFER_COLUMNS + " FROM appointments.practitioner_offer o WHERE o.professional_id = :id")
                .param("id", id.value()).query((rs, n) -> offer(rs)).optional();
    }

    public Optional<Slot> slot(SlotId id) {
        return jdbc.sql("SELECT id, professional_id, starts_at, ends_at, status FROM appointments.slot WHERE id = :id")
                .param("id", id.value()).query((rs, n) -> slot(rs)).optional();
    }

    /** Free slots of one professional from {@code from} (inclusive) to {@code to} (exclusive), in time order. */
    public List<Slot> freeSlots(ProfessionalId professional, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                SELECT id, professional_id, starts_at, ends_at, status FROM appointments.slot
                WHERE professional_id = :p AND status = 'free' AND starts_at >= :from AND starts_at < :to
                ORDER BY starts_at LIMIT :limit""")
                .param("p", professional.value()).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("limit", limit).query((rs, n) -> slot(rs)).list();
    }

    /**
     * For each commune (INSEE code) of the published offer, the delay in days from {@code now} to the first
     * free slot of each practitioner who has one (« délai d'accès au premier créneau libre »), optionally for one
     * profession ({@code null} for all), sorted ascending: access-to-care indicators (median delay per
     * territory). Aggregates only, no person-level data: delays without names; practitioners with no free slot
     * in the agenda horizon are left out. Each first slot is the offer's stored one when it is exact for
     * {@code now} (ADR 0004), else a probe of its free slots, as in {@link SearchQuery}.
     */
    @Transactional(readOnly = true)
    public Map<String, List<Double>> firstFreeSlotDelaysByCommune(Instant now, String professionCode) {
        Map<String, List<Double>> delays = new java.util.TreeMap<>();
        jdbc.sql("""
                SELECT o.commune_insee, EXTRACT(EPOCH FROM (f.first_at - :now)) / 86400.0 AS days
                FROM appointments.practitioner_offer o
                CROSS JOIN LATERAL (SELECT CASE WHEN o.first_free_from <= :now
                        AND (o.first_free_at IS NULL OR o.first_free_at >= :now) THEN o.first_free_at
                    ELSE (SELECT min(s.starts_at) FROM appointments.slot s
                        WHERE s.professional_id = o.professional_id AND s.status = 'free' AND s.starts_at >= :now) END AS first_at) f
                WHERE o.published AND o.commune_insee IS NOT NULL AND f.first_at IS NOT NULL
                  AND (CAST(:profession AS text) IS NULL OR o.profession_code = :profession)
                ORDER BY o.commune_insee, days""")
                .param("now", Timestamp.from(now)).param("profession", professionCode)
                .query((rs, n) -> delays.computeIfAbsent(rs.getString(1), c -> new ArrayList<>()).add(rs.getDouble(2)))
                .list();
        return delays;
    }

    /** Published offers only: what the public directory (and the FHIR Schedule) shows. */
    public Optional<PractitionerOffer> publishedOffer(ProfessionalId id) {
        return offer(id).filter(PractitionerOffer::published);
    }

    /**
     * Slots of the published offer matching {@code q}, in time order, {@code limit} from {@code offset},
     * with the exact total. An unknown place gives no slot (empty page), like an unknown professional.
     */
    @Transactional(readOnly = true)
    public SlotSearch.Page findSlots(SlotSearch q, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("o.published");
        // Only fixed SQL fragments are appended; every value is a bound parameter.
        if (q.professional() != null) {
            where.append(" AND s.professional_id = :pro");
            params.put("pro", q.professional().value());
        }
        if (q.professionCode() != null) {
            where.append(" AND o.profession_code = :profession");
            params.put("profession", q.professionCode());
        }
        if (q.specialtyCode() != null) {
            where.append(" AND o.specialty_code = :specialty");
            params.put("specialty", q.specialtyCode());
        }
        if (q.from() != null) {
            where.append(" AND s.starts_at >= :from");
            params.put("from", Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND s.starts_at <= :to");
            params.put("to", Timestamp.from(q.to()));
        }
        if (!q.statuses().isEmpty()) {
            where.append(" AND s.status = ANY(CAST(:statuses AS text[]))");
            params.put("statuses", q.statuses().stream().map(SlotStatus::code).toArray(String[]::new));
        }
        if (q.place() != null) {
            Optional<Place> place = resolvePlace(q.place());
            if (place.isEmpty()) {
                return new SlotSearch.Page(List.of(), 0);
            }
            double lat = place.get().latitude();
            double lon = place.get().longitude();
            double dLat = q.radiusKm() / KM_PER_DEGREE;
            double dLon = q.radiusKm() / (KM_PER_DEGREE * Math.max(0.05, Math.cos(Math.toRadians(lat))));
            where.append(" AND o.latitude BETWEEN :minLat AND :maxLat AND o.longitude BETWEEN :minLon AND :maxLon")
                    .append(" AND 2 * 6371 * asin(sqrt(power(sin(radians(o.latitude - :lat) / 2), 2)")
                    .append(" + cos(radians(:lat)) * cos(radians(o.latitude)) * power(sin(radians(o.longitude - :lon) / 2), 2)))")
                    .append(" <= :radius");
            params.put("lat", lat);
            params.put("lon", lon);
            params.put("minLat", lat - dLat);
            params.put("maxLat", lat + dLat);
            params.put("minLon", lon - dLon);
            params.put("maxLon", lon + dLon);
            params.put("radius", (double) q.radiusKm());
        }
        String from = " FROM appointments.slot s JOIN appointments.practitioner_offer o ON o.professional_id = s.professional_id WHERE ";
        JdbcClient.StatementSpec count = jdbc.sql("SELECT count(*)" + from + where);
        JdbcClient.StatementSpec page = jdbc.sql("SELECT s.id, s.professional_id, s.starts_at, s.ends_at, s.status" + from + where
                + " ORDER BY s.starts_at, s.id LIMIT :limit OFFSET :offset");
        for (Map.Entry<String, Object> e : params.entrySet()) {
            count = count.param(e.getKey(), e.getValue());
            page = page.param(e.getKey(), e.getValue());
        }
        long total = count.query(Long.class).single();
        List<Slot> slots = limit <= 0 || offset >= total ? List.of()
                : page.param("limit", limit).param("offset", offset).query((rs, n) -> slot(rs)).list();
        return new SlotSearch.Page(slots, total);
    }

    private static final java.util.regex.Pattern POSTCODE = java.util.regex.Pattern.compile("[0-9]{5}");
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

    /** A place of the gazetteer with its search key. */
    private record GazetteerEntry(Place place, String nameKey) {
    }

    /**
     * The search gazetteer ({@code appointments.place}, written only by migrations, so before the server starts),
     * in the database's {@code insee} order: read once instead of one statement per search (session 11).
     */
    private volatile List<GazetteerEntry> gazetteer;

    private List<GazetteerEntry> gazetteer() {
        List<GazetteerEntry> g = gazetteer;
        if (g == null) {
            g = List.copyOf(jdbc.sql("SELECT insee, name, name_key, postcode, latitude, longitude FROM appointments.place"
                    + " ORDER BY insee").query((rs, n) -> new GazetteerEntry(place(rs, n), rs.getString("name_key"))).list());
            gazetteer = g;
        }
        return g;
    }

    /**
     * A commune name or a postcode, as typed, to a place of the gazetteer (or the offers' own postcodes). The
     * gazetteer's answer is the one of {@code WHERE postcode = :p ORDER BY insee LIMIT 1}, or of {@code WHERE
     * name_key = :k OR name_key LIKE :k || '%' ORDER BY name_key = :k DESC, length(name_key), insee LIMIT 1},
     * computed in memory (a key with a LIKE wildcard still asks the database).
     */
    public Optional<Place> resolvePlace(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String t = typed.strip();
        if (POSTCODE.matcher(t).matches()) {
            for (GazetteerEntry e : gazetteer()) {
                if (e.place().postcode().equals(t)) {
                    return Optional.of(e.place());
                }
            }
            return jdbc.sql("""
                    SELECT avg(latitude) AS lat, avg(longitude) AS lon, min(commune_name) AS name, count(*) AS n
                    FROM appointments.practitioner_offer WHERE postcode = :p AND latitude IS NOT NULL""")
                    .param("p", t).query((rs, n) -> rs.getLong("n") == 0 ? null
                            : new Place(null, rs.getString("name") == null ? t : rs.getString("name"), t,
                                    rs.getDouble("lat"), rs.getDouble("lon")))
                    .optional();
        }
        String key = BLANKS.matcher(InsTraits.searchKey(t).replace('-', ' ').replace('\'', ' ')).replaceAll(" ");
        if (key.indexOf('%') >= 0 || key.indexOf('_') >= 0 || key.indexOf('\\') >= 0) {
            return jdbc.sql("""
                    SELECT insee, name, postcode, latitude, longitude FROM appointments.place
                    WHERE name_key = :k OR name_key LIKE :k || '%'
                    ORDER BY name_key = :k DESC, length(name_key), insee LIMIT 1""")
                    .param("k", key).query(Directory::place).optional();
        }
        GazetteerEntry best = null;
        for (GazetteerEntry e : gazetteer()) {
            if (e.nameKey().startsWith(key) && (best == null || better(e, best, key))) {
                best = e;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.place());
    }

    /** Exact key first, then the shorter key; on a tie the one met first (insee order) stays. */
    private static boolean better(GazetteerEntry e, GazetteerEntry best, String key) {
        boolean exact = e.nameKey().equals(key);
        boolean bestExact = best.nameKey().equals(key);
        if (exact != bestExact) {
            return exact;
        }
        return e.nameKey().codePointCount(0, e.nameKey().length()) < best.nameKey().codePointCount(0, best.nameKey().length());
    }

    private static Place place(ResultSet rs, int n) throws SQLException {
        return new Place(rs.getString("insee"), rs.getString("name"), rs.getString("postcode"),
                rs.getDouble("latitude"), rs.getDouble("longitude"));
    }

    /** Runs a public search; an unknown place is an answer with a French explanation, not an error. */
    @Transactional(readOnly = true)
    public SearchResult search(SearchCriteria c, Instant now) {
        Optional<Place> place = resolvePlace(c.place());
        if (place.isEmpty()) {
            return new SearchResult(null, c.place().isBlank()
                    ? "Indiquez une commune ou un code postal."
                    : "Nous ne trouvons pas ce lieu. Essayez le code postal (5 chiffres) ou le nom de la commune.",
                    List.of());
        }
        Place p = place.get();
        SearchQuery q = SearchQuery.of(c, p.latitude(), p.longitude(), now);
        JdbcClient.StatementSpec spec = jdbc.sql(q.sql());
        for (Map.Entry<String, Object> e : q.params().entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        Map<UUID, SearchResult.Hit> hits = new LinkedHashMap<>();
        spec.query(rs -> {
            PractitionerOffer o = offer(rs);
            hits.put(o.professional().value(), new SearchResult.Hit(o, rs.getDouble("distance_km"), new ArrayList<>()));
        });
        if (!hits.isEmpty()) {
            jdbc.sql("""
                    SELECT s.id, s.professional_id, s.starts_at, s.ends_at, s.status
                    FROM unnest(CAST(:ids AS uuid[])) AS pid
                    CROSS JOIN LATERAL (SELECT id, professional_id, starts_at, ends_at, status FROM appointments.slot
                        WHERE professional_id = pid AND status = 'free' AND starts_at >= :now
                        ORDER BY starts_at LIMIT 3) s
                    ORDER BY s.professional_id, s.starts_at""")
                    .param("ids", hits.keySet().toArray(UUID[]::new)).param("now", Timestamp.from(now))
                    .query(rs -> {
                        Slot s = slot(rs);
                        hits.get(s.professional().value()).nextSlots().add(s);
                    });
        }
        List<SearchResult.Hit> list = hits.values().stream()
                .map(h -> new SearchResult.Hit(h.offer(), h.distanceKm(), List.copyOf(h.nextSlots()))).toList();
        return new SearchResult(p, null, list);
    }

    /** The SQL of a search and its parameters: visible for EXPLAIN ANALYZE in tests and the bench. */
    public record SearchQuery(String sql, Map<String, Object> params) {

        public static SearchQuery of(SearchCriteria c, double lat, double lon, Instant now) {
            double dLat = c.radiusKm() / KM_PER_DEGREE;
            double dLon = c.radiusKm() / (KM_PER_DEGREE * Math.max(0.05, Math.cos(Math.toRadians(lat))));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("lat", lat);
            params.put("lon", lon);
            params.put("minLat", lat - dLat);
            params.put("maxLat", lat + dLat);
            params.put("minLon", lon - dLon);
            params.put("maxLon", lon + dLon);
            params.put("radius", (double) c.radiusKm());
            params.put("now", Timestamp.from(now));
            params.put("limit", c.limit());
            StringBuilder where = new StringBuilder();
            // Only fixed SQL fragments are appended; every value is a bound parameter.
            if (c.professionCode() != null) {
                where.append(" AND o.profession_code = :profession");
                params.put("profession", c.professionCode());
            }
            if (c.specialtyCode() != null) {
                where.append(" AND o.specialty_code = :specialty");
                params.put("specialty", c.specialtyCode());
            }
            if (c.sector1Only()) {
                where.append(" AND o.sector = 1");
            }
            if (c.teleconsultation()) {
                where.append(" AND o.teleconsultation");
            }
            if (c.wheelchair()) {
                where.append(" AND o.wheelchair");
            }
            if (c.hearingLoop()) {
                where.append(" AND o.hearing_loop");
            }
            if (c.tiersPayant()) {
                where.append(" AND o.tiers_payant");
            }
            if (c.language() != null) {
                where.append(" AND :language = ANY(o.languages)");
                params.put("language", c.language());
            }
            String firstFilter = "";
            if (c.availableBefore() != null) {
                LocalDate day = c.availableBefore().plusDays(1);
                params.put("before", Timestamp.from(day.atStartOfDay(FRANCE).toInstant()));
                firstFilter = " AND f.first_at < :before";
            }
            boolean needFirst = c.order() == SearchCriteria.Order.EARLIEST || c.availableBefore() != null;
            // The offer's stored first free slot (ADR 0004) when it answers exactly for :now, else the probe.
            String first = needFirst ? """
                    CROSS JOIN LATERAL (SELECT CASE WHEN o.first_free_from <= :now
                            AND (o.first_free_at IS NULL OR o.first_free_at >= :now) THEN o.first_free_at
                        ELSE (SELECT s.starts_at FROM appointments.slot s
                            WHERE s.professional_id = o.professional_id AND s.status = 'free' AND s.starts_at >= :now
                            ORDER BY s.starts_at LIMIT 1) END AS first_at) f""" : "";
            String order = c.order() == SearchCriteria.Order.EARLIEST
                    ? "f.first_at NULLS LAST, d.distance_km, o.professional_id"
                    : "d.distance_km, o.professional_id";
            String pageOrder = c.order() == SearchCriteria.Order.EARLIEST
                    ? "t.first_at NULLS LAST, t.distance_km, t.professional_id"
                    : "t.distance_km, t.professional_id";
            // Ranked on narrow rows (id, distance, first slot), then the page's offers read by key: the sort no
            // longer copies every column of every offer in the circle, only of the `limit` kept (session 11).
            String sql = "SELECT " + OFFER_COLUMNS + ", t.distance_km\n"
                    + "FROM (SELECT o.professional_id, d.distance_km" + (needFirst ? ", f.first_at" : "") + "\n"
                    + "FROM appointments.practitioner_offer o\n"
                    + "CROSS JOIN LATERAL (SELECT 2 * 6371 * asin(sqrt(power(sin(radians(o.latitude - :lat) / 2), 2)"
                    + " + cos(radians(:lat)) * cos(radians(o.latitude)) * power(sin(radians(o.longitude - :lon) / 2), 2)))"
                    + " AS distance_km) d\n"
                    + first + "\n"
                    + "WHERE o.published AND o.latitude BETWEEN :minLat AND :maxLat"
                    + " AND o.longitude BETWEEN :minLon AND :maxLon AND d.distance_km <= :radius"
                    + where + firstFilter + "\n"
                    + "ORDER BY " + order + "\nLIMIT :limit) t\n"
                    + "JOIN appointments.practitioner_offer o ON o.professional_id = t.professional_id\n"
                    + "ORDER BY " + pageOrder;
            return new SearchQuery(sql, params);
        }
    }
}
