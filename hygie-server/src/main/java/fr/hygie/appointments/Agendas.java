package fr.hygie.appointments;

import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Structure;
import fr.hygie.identity.Structures;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.platform.Ids;
import fr.hygie.platform.web.InvalidInput;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Professionals' agendas: the directory entry, weekly schedule, date overrides, absences, reasons for
 * visit, and the slots materialised over a rolling horizon (regenerated on every change and daily).
 */
@Service
public class Agendas {

    private static final Logger log = LoggerFactory.getLogger(Agendas.class);
    private final SecureRandom random = new SecureRandom();

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;
    private final Professionals professionals;
    private final Structures structures;
    private final Journal journal;
    private final int horizonDays;

    Agendas(JdbcClient jdbc, JdbcTemplate template, Clock clock, Professionals professionals, Structures structures,
            Journal journal, @Value("${hygie.appointments.horizon-days:56}") int horizonDays) {
        this.journal = journal;
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
        this.professionals = professionals;
        this.structures = structures;
        this.horizonDays = horizonDays;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Directory.FRANCE));
    }

    public boolean exists(ProfessionalId pro) {
        return jdbc.sql("SELECT count(*) FROM appointments.practitioner_offer WHERE professional_id = :p")
                .param("p", pro.value()).query(Long.class).single() > 0;
    }

    /**
     * Opens the agenda of a professional: copies their directory entry from identity's API (profession,
     * specialty, structure, address, coordinates, sector, languages, teleconsultation). Idempotent.
     */
    @Transactional
    public PractitionerOffer open(ProfessionalId pro) {
        Professional p = professionals.byId(pro).orElseThrow(() -> new IllegalArgumentException("Unknown professional"));
        Optional<Structure> s = p.structure().flatMap(structures::byId);
        String commune = s.map(Structure::communeInsee).orElse(p.communeInsee());
        Optional<Place> place = commune == null ? Optional.empty() : jdbc.sql(
                "SELECT insee, name, postcode, latitude, longitude FROM appointments.place WHERE insee = :i")
                .param("i", commune).query((rs, n) -> new Place(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getDouble(4), rs.getDouble(5))).optional();
        Double lat = p.latitude() != null ? p.latitude() : s.map(Structure::latitude).orElse(null);
        Double lon = p.longitude() != null ? p.longitude() : s.map(Structure::longitude).orElse(null);
        jdbc.sql("""
                INSERT INTO appointments.practitioner_offer (professional_id, display_name, profession_code, specialty_code,
                    structure_name, address_line, postcode, commune_insee, commune_name, latitude, longitude, sector,
                    teleconsultation, languages, feed_token)
                VALUES (:id, :name, :profession, :specialty, :structure, :address, :postcode, :commune, :communeName,
                    :lat, :lon, :sector, :tele, :languages, :token)
                ON CONFLICT (professional_id) DO NOTHING""")
                .param("id", pro.value()).param("name", p.displayName()).param("profession", p.professionCode())
                .param("specialty", p.specialtyCode()).param("structure", s.map(Structure::name).orElse(null))
                .param("address", s.map(Structure::addressLine).orElse(null))
                .param("postcode", s.map(Structure::postcode).orElse(place.map(Place::postcode).orElse(null)))
                .param("commune", commune).param("communeName", place.map(Place::name).orElse(null))
                .param("lat", lat).param("lon", lon).param("sector", p.sector()).param("tele", p.teleconsultation())
                .param("languages", p.languages().isEmpty() ? new String[] {"fr"} : p.languages().toArray(String[]::new))
                .param("token", newToken()).update();
        return offer(pro);
    }

    private PractitionerOffer offer(ProfessionalId pro) {
        return jdbc.sql("SELECT " + Directory.OFFER_COLUMNS + " FROM appointments.practitioner_offer o WHERE o.professional_id = :id")
                .param("id", pro.value()).query((rs, n) -> Directory.offer(rs)).single();
    }

    @Transactional
    public PractitionerOffer updateOffer(ProfessionalId pro, OfferUpdate u) {
        if (u.sector() != null && (u.sector() < 0 || u.sector() > 2)) {
            throw new InvalidInput("SECTOR", "secteur", "Choisissez le secteur conventionnel.");
        }
        if (u.postcode() != null && !u.postcode().isBlank() && !u.postcode().strip().matches("[0-9]{5}")) {
            throw new InvalidInput("POSTCODE", "codePostal", "Le code postal compte 5 chiffres.");
        }
        if (u.phone() != null && !u.phone().isBlank() && Phones.normalise(u.phone()).isEmpty()) {
            throw new InvalidInput("PHONE", "telephone", "Le numéro de téléphone n'est pas valide (10 chiffres).");
        }
        List<String> languages = u.languages().stream().filter(Languages::known).distinct().toList();
        jdbc.sql("""
                UPDATE appointments.practitioner_offer SET address_line = :address, postcode = :postcode,
                    commune_name = :commune, phone = :phone, sector = :sector, tiers_payant = :tp, teleconsultation = :tele,
                    languages = :languages, wheelchair = :wheelchair, hearing_loop = :loop, services = :services,
                    opening_hours = :hours, published = :published
                WHERE professional_id = :id""")
                .param("address", blank(u.addressLine())).param("postcode", blank(u.postcode()))
                .param("commune", blank(u.communeName()))
                .param("phone", u.phone() == null ? null : Phones.normalise(u.phone()).orElse(null))
                .param("sector", u.sector()).param("tp", u.tiersPayant()).param("tele", u.teleconsultation())
                .param("languages", (languages.isEmpty() ? List.of("fr") : languages).toArray(String[]::new))
                .param("wheelchair", u.wheelchair()).param("loop", u.hearingLoop()).param("services", blank(u.services()))
                .param("hours", blank(u.openingHours())).param("published", u.published()).param("id", pro.value())
                .update();
        return offer(pro);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- weekly schedule, overrides, absences ----

    public List<WeeklyHours> weekly(ProfessionalId pro) {
        return jdbc.sql("""
                SELECT id, day_of_week, start_time, end_time, slot_minutes FROM appointments.weekly_schedule
                WHERE professional_id = :p ORDER BY day_of_week, start_time""")
                .param("p", pro.value())
                .query((rs, n) -> new WeeklyHours(rs.getObject(1, UUID.class), DayOfWeek.of(rs.getInt(2)),
                        rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class), rs.getInt(5))).list();
    }

    @Transactional
    public WeeklyHours addWeekly(ProfessionalId pro, DayOfWeek day, LocalTime start, LocalTime end, int slotMinutes) {
        checkPeriod(start, end, slotMinutes);
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO appointments.weekly_schedule (id, professional_id, day_of_week, start_time, end_time, slot_minutes)
                VALUES (:id, :p, :d, :s, :e, :m)""")
                .param("id", id).param("p", pro.value()).param("d", day.getValue()).param("s", start).param("e", end)
                .param("m", slotMinutes).update();
        regenerate(pro);
        return new WeeklyHours(id, day, start, end, slotMinutes);
    }

    /** Replaces the whole weekly schedule at once (one regeneration): imports and demo data. */
    @Transactional
    public void replaceWeekly(ProfessionalId pro, List<WeeklyHours> rows) {
        rows.forEach(r -> checkPeriod(r.start(), r.end(), r.slotMinutes()));
        jdbc.sql("DELETE FROM appointments.weekly_schedule WHERE professional_id = :p").param("p", pro.value()).update();
        template.batchUpdate("INSERT INTO appointments.weekly_schedule (id, professional_id, day_of_week, start_time, end_time,"
                + " slot_minutes) VALUES (?, ?, ?, ?, ?, ?)", rows.stream().map(r -> new Object[] {Ids.newId(), pro.value(),
                        r.day().getValue(), r.start(), r.end(), r.slotMinutes()}).toList());
        regenerate(pro);
    }

    @Transactional
    public void removeWeekly(ProfessionalId pro, UUID id) {
        jdbc.sql("DELETE FROM appointments.weekly_schedule WHERE id = :id AND professional_id = :p")
                .param("id", id).param("p", pro.value()).update();
        regenerate(pro);
    }

    public List<DateOverride> overrides(ProfessionalId pro) {
        return jdbc.sql("""
                SELECT id, day, start_time, end_time, slot_minutes FROM appointments.schedule_override
                WHERE professional_id = :p AND day >= :today ORDER BY day, start_time NULLS FIRST""")
                .param("p", pro.value()).param("today", today())
                .query((rs, n) -> new DateOverride(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class),
                        (Integer) rs.getObject(5))).list();
    }

    /** A date with its own hours ({@code start}/{@code end}) or closed (both null). */
    @Transactional
    public DateOverride addOverride(ProfessionalId pro, LocalDate day, LocalTime start, LocalTime end, Integer slotMinutes) {
        if (day == null) {
            throw new InvalidInput("DAY", "jour", "Indiquez la date.");
        }
        if (start != null || end != null) {
            if (start == null || end == null || slotMinutes == null) {
                throw new InvalidInput("PERIOD", "debut", "Indiquez l'heure de début, l'heure de fin et la durée des créneaux, ou laissez les heures vides pour fermer la journée.");
            }
            checkPeriod(start, end, slotMinutes);
        }
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO appointments.schedule_override (id, professional_id, day, start_time, end_time, slot_minutes)
                VALUES (:id, :p, :d, :s, :e, :m)""")
                .param("id", id).param("p", pro.value()).param("d", day).param("s", start).param("e", end)
                .param("m", start == null ? null : slotMinutes).update();
        regenerate(pro);
        return new DateOverride(id, day, start, end, start == null ? null : slotMinutes);
    }

    @Transactional
    public void removeOverride(ProfessionalId pro, UUID id) {
        jdbc.sql("DELETE FROM appointments.schedule_override WHERE id = :id AND professional_id = :p")
                .param("id", id).param("p", pro.value()).update();
        regenerate(pro);
    }

    public List<Absence> absences(ProfessionalId pro) {
        return jdbc.sql("""
                SELECT id, starts_at, ends_at, label FROM appointments.absence
                WHERE professional_id = :p AND ends_at > :now ORDER BY starts_at""")
                .param("p", pro.value()).param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Absence(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(), rs.getString(4))).list();
    }

    @Transactional
    public Absence addAbsence(ProfessionalId pro, Instant from, Instant to, String label) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidInput("ABSENCE_PERIOD", "debut", "La fin de l'absence doit être après son début.");
        }
        UUID id = Ids.newId();
        jdbc.sql("INSERT INTO appointments.absence (id, professional_id, starts_at, ends_at, label) VALUES (:id, :p, :s, :e, :l)")
                .param("id", id).param("p", pro.value()).param("s", Timestamp.from(from)).param("e", Timestamp.from(to))
                .param("l", blank(label)).update();
        regenerate(pro);
        return new Absence(id, from, to, blank(label));
    }

    @Transactional
    public void removeAbsence(ProfessionalId pro, UUID id) {
        jdbc.sql("DELETE FROM appointments.absence WHERE id = :id AND professional_id = :p")
                .param("id", id).param("p", pro.value()).update();
        regenerate(pro);
    }

    private static void checkPeriod(LocalTime start, LocalTime end, int slotMinutes) {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new InvalidInput("PERIOD", "fin", "L'heure de fin doit être après l'heure de début.");
        }
        if (slotMinutes < 5 || slotMinutes > 240) {
            throw new InvalidInput("SLOT_MINUTES", "duree", "La durée d'un créneau va de 5 à 240 minutes.");
        }
    }

    // ---- reasons for visit ----

    public List<VisitReason> reasons(ProfessionalId pro, boolean activeOnly) {
        return jdbc.sql("SELECT id, label, duration_minutes, instructions, active FROM appointments.visit_reason"
                        + " WHERE professional_id = :p" + (activeOnly ? " AND active" : "") + " ORDER BY label")
                .param("p", pro.value())
                .query((rs, n) -> new VisitReason(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getBoolean(5))).list();
    }

    @Transactional
    public VisitReason addReason(ProfessionalId pro, String label, int durationMinutes, String instructions) {
        if (label == null || label.isBlank()) {
            throw new InvalidInput("REASON_LABEL", "libelle", "Indiquez le motif.");
        }
        if (durationMinutes < 5 || durationMinutes > 240) {
            throw new InvalidInput("REASON_DURATION", "duree", "La durée va de 5 à 240 minutes.");
        }
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO appointments.visit_reason (id, professional_id, label, duration_minutes, instructions)
                VALUES (:id, :p, :l, :d, :i)""")
                .param("id", id).param("p", pro.value()).param("l", label.strip()).param("d", durationMinutes)
                .param("i", blank(instructions)).update();
        return new VisitReason(id, label.strip(), durationMinutes, blank(instructions), true);
    }

    @Transactional
    public void setReasonActive(ProfessionalId pro, UUID id, boolean active) {
        jdbc.sql("UPDATE appointments.visit_reason SET active = :a WHERE id = :id AND professional_id = :p")
                .param("a", active).param("id", id).param("p", pro.value()).update();
    }

    // ---- private iCalendar feed token ----

    public String feedToken(ProfessionalId pro) {
        return jdbc.sql("SELECT feed_token FROM appointments.practitioner_offer WHERE professional_id = :p")
                .param("p", pro.value()).query(String.class).single();
    }

    /** A new secret for the private feed: the previous address stops working at once. */
    @Transactional
    public String rotateFeedToken(ProfessionalId pro) {
        String token = newToken();
        jdbc.sql("UPDATE appointments.practitioner_offer SET feed_token = :t WHERE professional_id = :p")
                .param("t", token).param("p", pro.value()).update();
        return token;
    }

    public Optional<ProfessionalId> byFeedToken(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,64}")) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT professional_id FROM appointments.practitioner_offer WHERE feed_token = :t")
                .param("t", token).query((rs, n) -> new ProfessionalId(rs.getObject(1, UUID.class))).optional();
    }

    private String newToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    // ---- slots ----

    /** Brings the materialised slots from now to the horizon in line with schedule, overrides and absences. */
    @Transactional
    public int regenerate(ProfessionalId pro) {
        Instant now = clock.instant();
        LocalDate today = today();
        LocalDate until = today.plusDays(horizonDays);
        Instant untilInstant = until.atStartOfDay(Directory.FRANCE).toInstant();
        // Serialises regenerations of one agenda; NO KEY UPDATE does not block bookings' foreign-key checks.
        jdbc.sql("SELECT professional_id FROM appointments.practitioner_offer WHERE professional_id = :p FOR NO KEY UPDATE")
                .param("p", pro.value()).query(UUID.class).optional();
        List<SlotPlanner.Planned> planned = SlotPlanner.plan(weekly(pro), overridesFrom(pro, today), absencesAll(pro),
                today, until, Directory.FRANCE).stream().filter(p -> !p.startsAt().isBefore(now)).toList();
        record Existing(UUID id, Instant start, Instant end, SlotStatus status, boolean referenced) {
        }
        Map<Instant, Existing> existing = new HashMap<>();
        jdbc.sql("""
                SELECT s.id, s.starts_at, s.ends_at, s.status,
                       EXISTS (SELECT 1 FROM appointments.booking b WHERE b.slot_id = s.id) AS referenced
                FROM appointments.slot s WHERE s.professional_id = :p AND s.starts_at >= :now AND s.starts_at < :until""")
                .param("p", pro.value()).param("now", Timestamp.from(now)).param("until", Timestamp.from(untilInstant))
                .query(rs -> {
                    Instant start = rs.getTimestamp(2).toInstant();
                    existing.put(start, new Existing(rs.getObject(1, UUID.class), start, rs.getTimestamp(3).toInstant(),
                            SlotStatus.of(rs.getString(4)), rs.getBoolean(5)));
                });
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        Map<Instant, SlotPlanner.Planned> wanted = new HashMap<>();
        for (SlotPlanner.Planned p : planned) {
            wanted.put(p.startsAt(), p);
            Existing e = existing.get(p.startsAt());
            if (e == null) {
                inserts.add(new Object[] {Ids.newId(), pro.value(), Timestamp.from(p.startsAt()), Timestamp.from(p.endsAt()),
                        p.status().code()});
            } else if (e.status() != SlotStatus.BUSY && (e.status() != p.status() || !e.end().equals(p.endsAt()))) {
                updates.add(new Object[] {p.status().code(), Timestamp.from(p.endsAt()), e.id()});
            }
        }
        for (Existing e : existing.values()) {
            if (!wanted.containsKey(e.start()) && e.status() != SlotStatus.BUSY) {
                if (e.referenced()) {
                    updates.add(new Object[] {SlotStatus.BUSY_UNAVAILABLE.code(), Timestamp.from(e.end()), e.id()});
                } else {
                    deletes.add(new Object[] {e.id()});
                }
            }
        }
        if (!inserts.isEmpty()) {
            // One statement for all new slots (not a batch of one INSERT each): the slot table's statement-level
            // trigger then recomputes the offer's first free slot once (ADR 0004), not once per slot.
            jdbc.sql("""
                    INSERT INTO appointments.slot (id, professional_id, starts_at, ends_at, status)
                    SELECT i, :p, s, e, st FROM unnest(CAST(:ids AS uuid[]), CAST(:starts AS timestamptz[]),
                        CAST(:ends AS timestamptz[]), CAST(:statuses AS text[])) AS n(i, s, e, st)
                    ON CONFLICT (professional_id, starts_at) DO NOTHING""")
                    .param("p", pro.value())
                    .param("ids", inserts.stream().map(r -> (UUID) r[0]).toArray(UUID[]::new))
                    .param("starts", inserts.stream().map(r -> ((Timestamp) r[2]).toInstant().toString()).toArray(String[]::new))
                    .param("ends", inserts.stream().map(r -> ((Timestamp) r[3]).toInstant().toString()).toArray(String[]::new))
                    .param("statuses", inserts.stream().map(r -> (String) r[4]).toArray(String[]::new))
                    .update();
        }
        if (!updates.isEmpty()) {
            // The status is re-checked under the row lock: a slot booked meanwhile stays busy.
            template.batchUpdate("UPDATE appointments.slot SET status = ?, ends_at = ? WHERE id = ? AND status <> 'busy'", updates);
        }
        if (!deletes.isEmpty()) {
            template.batchUpdate("DELETE FROM appointments.slot s WHERE s.id = ? AND s.status <> 'busy'"
                    + " AND NOT EXISTS (SELECT 1 FROM appointments.booking b WHERE b.slot_id = s.id)", deletes);
        }
        return inserts.size();
    }

    private List<DateOverride> overridesFrom(ProfessionalId pro, LocalDate from) {
        return jdbc.sql("SELECT id, day, start_time, end_time, slot_minutes FROM appointments.schedule_override"
                        + " WHERE professional_id = :p AND day >= :d")
                .param("p", pro.value()).param("d", from)
                .query((rs, n) -> new DateOverride(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class), (Integer) rs.getObject(5)))
                .list();
    }

    private List<Absence> absencesAll(ProfessionalId pro) {
        return jdbc.sql("SELECT id, starts_at, ends_at, label FROM appointments.absence WHERE professional_id = :p AND ends_at > :now")
                .param("p", pro.value()).param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new Absence(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(), rs.getString(4))).list();
    }

    /** Daily: every agenda's slots reach the horizon again (the rolling window moves one day). */
    @Scheduled(cron = "${hygie.appointments.horizon-cron:0 20 3 * * *}", zone = "Europe/Paris")
    public void extendHorizons() {
        List<UUID> all = jdbc.sql("SELECT professional_id FROM appointments.practitioner_offer").query(UUID.class).list();
        int created = 0;
        for (UUID id : all) {
            created += regenerate(new ProfessionalId(id));
        }
        log.info("Agenda horizons extended: {} agendas, {} slots created", all.size(), created);
    }

    /**
     * One second after every minute (slots start on whole minutes): offers whose stored first free slot has
     * passed get it recomputed (ADR 0004). Only speed depends on it: until then the search probes their slots,
     * as it did before the stored value existed (on the bench home, 70 % of the offers' first slots pass at
     * the same half hour).
     */
    @Scheduled(cron = "${hygie.appointments.first-free-refresh-cron:1 * * * * *}")
    public int refreshFirstFreeSlots() {
        Integer n = jdbc.sql("SELECT appointments.offer_first_free_refresh_passed()").query(Integer.class).single();
        return n == null ? 0 : n;
    }

    // ---- operator: export and import of whole agendas (« réversibilité ») ----

    /** Journal object type of an agenda (FHIR Schedule: one per professional, id = the professional's). */
    public static final String OBJECT_TYPE = "Schedule";
    static final String IMPORTER = "Import de données (réversibilité)";

    /** Every professional who has an agenda here, in id order: the operator's export walks them. */
    public List<ProfessionalId> withAgenda() {
        return jdbc.sql("SELECT professional_id FROM appointments.practitioner_offer ORDER BY professional_id")
                .query((rs, n) -> new ProfessionalId(rs.getObject(1, UUID.class))).list();
    }

    /**
     * One agenda as the operator's export carries it: the offer, every weekly row, every override and
     * absence (past ones too: the export is a copy, not a view) and every reason, active or not.
     */
    public TransferredAgenda forExport(ProfessionalId pro) {
        List<DateOverride> overrides = jdbc.sql("""
                SELECT id, day, start_time, end_time, slot_minutes FROM appointments.schedule_override
                WHERE professional_id = :p ORDER BY day, start_time NULLS FIRST, id""")
                .param("p", pro.value())
                .query((rs, n) -> new DateOverride(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class), (Integer) rs.getObject(5))).list();
        List<Absence> absences = jdbc.sql("SELECT id, starts_at, ends_at, label FROM appointments.absence"
                        + " WHERE professional_id = :p ORDER BY starts_at, id")
                .param("p", pro.value())
                .query((rs, n) -> new Absence(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(), rs.getString(4))).list();
        List<VisitReason> reasons = jdbc.sql("SELECT id, label, duration_minutes, instructions, active FROM appointments.visit_reason"
                        + " WHERE professional_id = :p ORDER BY label, id")
                .param("p", pro.value())
                .query((rs, n) -> new VisitReason(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getBoolean(5))).list();
        return new TransferredAgenda(offer(pro), weekly(pro), overrides, absences, reasons);
    }

    /** Every slot of an agenda, past and future, free or not, in time order: the export carries them with their ids. */
    public List<Slot> slotsForExport(ProfessionalId pro) {
        return jdbc.sql("SELECT id, professional_id, starts_at, ends_at, status FROM appointments.slot"
                        + " WHERE professional_id = :p ORDER BY starts_at, id")
                .param("p", pro.value()).query((rs, n) -> Directory.slot(rs)).list();
    }

    /**
     * Opens, for an imported appointment or an agenda from another system that says nothing of its
     * hours, the agenda of a professional who has none here: a copy of the directory entry, unpublished
     * (the professional sets their hours and publishes it, as for any new agenda), marked as a placeholder
     * that the import of the agenda itself may fill in. True when opened now, false when it was there.
     * Refused (French reason) when the professional is not in the directory.
     */
    @Transactional
    public boolean openForImport(ProfessionalId pro) {
        if (exists(pro)) {
            return false;
        }
        try {
            open(pro);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("PROFESSIONAL", "actor", "Le professionnel de l'agenda est introuvable dans l'annuaire.");
        }
        jdbc.sql("UPDATE appointments.practitioner_offer SET published = FALSE, opened_by_import = TRUE WHERE professional_id = :p")
                .param("p", pro.value()).update();
        return true;
    }

    /**
     * Brings back a whole agenda from an operator's export, ids kept (weekly rows, overrides, absences,
     * reasons), journaled once as an IMPORT by the platform (an agenda is no one's record: no person's
     * chain). The same rules as the agenda page: hours that end after they start, slots of 5 to 240
     * minutes, an absence that ends after it starts, a reason with a label and a duration of 5 to 240
     * minutes, sector 0 to 2, a phone of 10 digits; a break of one of them refuses the whole agenda with
     * its French reason and stores nothing. The iCalendar feed gets a new secret (it never travels).
     *
     * <p>Idempotent: an agenda already here is kept as the professional set it (false), except the
     * placeholder an imported appointment opened ({@link #openForImport}), which is filled in completely.
     * The slots are not made here: {@link #importSlots} brings the exported ones with their ids, then
     * the agenda is brought to the horizon, so that no slot is made twice at one time with two ids.
     */
    @Transactional
    public boolean importAgenda(TransferredAgenda in) {
        PractitionerOffer o = in.offer();
        if (o == null || o.professional() == null) {
            throw new InvalidInput("PROFESSIONAL", "actor", "Agenda sans professionnel.");
        }
        if (professionals.byId(o.professional()).isEmpty()) {
            throw new InvalidInput("PROFESSIONAL", "actor", "Le professionnel de l'agenda est introuvable dans l'annuaire.");
        }
        checkImported(in);
        ProfessionalId pro = o.professional();
        Boolean placeholder = jdbc.sql("SELECT opened_by_import FROM appointments.practitioner_offer WHERE professional_id = :p")
                .param("p", pro.value()).query(Boolean.class).optional().orElse(null);
        if (Boolean.FALSE.equals(placeholder)) {
            return false;
        }
        List<String> languages = o.languages().stream().filter(Languages::known).distinct().toList();
        jdbc.sql("""
                INSERT INTO appointments.practitioner_offer (professional_id, display_name, profession_code, specialty_code,
                    structure_name, address_line, postcode, commune_insee, commune_name, latitude, longitude, phone, sector,
                    tiers_payant, teleconsultation, languages, wheelchair, hearing_loop, services, opening_hours, published,
                    feed_token, opened_by_import)
                VALUES (:id, :name, :profession, :specialty, :structure, :address, :postcode, :commune, :communeName,
                    :lat, :lon, :phone, :sector, :tp, :tele, :languages, :wheelchair, :loop, :services, :hours, :published,
                    :token, FALSE)
                ON CONFLICT (professional_id) DO UPDATE SET display_name = EXCLUDED.display_name,
                    profession_code = EXCLUDED.profession_code, specialty_code = EXCLUDED.specialty_code,
                    structure_name = EXCLUDED.structure_name, address_line = EXCLUDED.address_line,
                    postcode = EXCLUDED.postcode, commune_insee = EXCLUDED.commune_insee, commune_name = EXCLUDED.commune_name,
                    latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, phone = EXCLUDED.phone,
                    sector = EXCLUDED.sector, tiers_payant = EXCLUDED.tiers_payant,
                    teleconsultation = EXCLUDED.teleconsultation, languages = EXCLUDED.languages,
                    wheelchair = EXCLUDED.wheelchair, hearing_loop = EXCLUDED.hearing_loop, services = EXCLUDED.services,
                    opening_hours = EXCLUDED.opening_hours, published = EXCLUDED.published, opened_by_import = FALSE""")
                .param("id", pro.value()).param("name", o.displayName()).param("profession", o.professionCode())
                .param("specialty", o.specialtyCode()).param("structure", o.structureName())
                .param("address", o.addressLine()).param("postcode", o.postcode()).param("commune", o.communeInsee())
                .param("communeName", o.communeName()).param("lat", o.latitude()).param("lon", o.longitude())
                .param("phone", o.phone() == null ? null : Phones.normalise(o.phone()).orElse(null))
                .param("sector", o.sector()).param("tp", o.tiersPayant()).param("tele", o.teleconsultation())
                .param("languages", (languages.isEmpty() ? List.of("fr") : languages).toArray(String[]::new))
                .param("wheelchair", o.wheelchair()).param("loop", o.hearingLoop()).param("services", o.services())
                .param("hours", o.openingHours()).param("published", o.published()).param("token", newToken()).update();
        template.batchUpdate("INSERT INTO appointments.weekly_schedule (id, professional_id, day_of_week, start_time, end_time,"
                + " slot_minutes) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", in.weekly().stream()
                        .map(r -> new Object[] {r.id() == null ? Ids.newId() : r.id(), pro.value(), r.day().getValue(), r.start(),
                                r.end(), r.slotMinutes()}).toList());
        template.batchUpdate("INSERT INTO appointments.schedule_override (id, professional_id, day, start_time, end_time,"
                + " slot_minutes) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", in.overrides().stream()
                        .map(r -> new Object[] {r.id() == null ? Ids.newId() : r.id(), pro.value(), r.day(), r.start(), r.end(),
                                r.closed() ? null : r.slotMinutes()}).toList());
        template.batchUpdate("INSERT INTO appointments.absence (id, professional_id, starts_at, ends_at, label)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", in.absences().stream()
                        .map(a -> new Object[] {a.id() == null ? Ids.newId() : a.id(), pro.value(),
                                Timestamp.from(a.startsAt().truncatedTo(ChronoUnit.MICROS)),
                                Timestamp.from(a.endsAt().truncatedTo(ChronoUnit.MICROS)), blank(a.label())}).toList());
        // A reason an imported appointment created (inactive, its duration guessed) takes its exported form.
        template.batchUpdate("INSERT INTO appointments.visit_reason (id, professional_id, label, duration_minutes, instructions, active)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label,"
                + " duration_minutes = EXCLUDED.duration_minutes, instructions = EXCLUDED.instructions, active = EXCLUDED.active"
                + " WHERE appointments.visit_reason.professional_id = EXCLUDED.professional_id", in.reasons().stream()
                        .map(r -> new Object[] {r.id() == null ? Ids.newId() : r.id(), pro.value(), r.label().strip(),
                                r.durationMinutes(), blank(r.instructions()), r.active()}).toList());
        journal.append(new JournalEntryDraft(JournalActor.system(IMPORTER), null, null, JournalAction.IMPORT, OBJECT_TYPE,
                pro.value().toString(), JournalDecision.PERMIT, "PLATFORM_IMPORT", JournalChannel.SYSTEM, null));
        return true;
    }

    private static void checkImported(TransferredAgenda in) {
        PractitionerOffer o = in.offer();
        if (o.displayName() == null || o.displayName().isBlank() || o.professionCode() == null || o.professionCode().isBlank()) {
            throw new InvalidInput("OFFER", "actor", "Agenda sans nom ou sans profession du professionnel.");
        }
        if (o.sector() != null && (o.sector() < 0 || o.sector() > 2)) {
            throw new InvalidInput("SECTOR", "secteur", "Secteur conventionnel inconnu : " + o.sector() + " (0, 1 ou 2).");
        }
        if (o.phone() != null && !o.phone().isBlank() && Phones.normalise(o.phone()).isEmpty()) {
            throw new InvalidInput("PHONE", "telephone", "Le numéro de téléphone de l'agenda n'est pas valide (10 chiffres).");
        }
        for (WeeklyHours w : in.weekly()) {
            if (w.day() == null) {
                throw new InvalidInput("DAY", "jour", "Plage horaire hebdomadaire sans jour de la semaine.");
            }
            checkPeriod(w.start(), w.end(), w.slotMinutes());
        }
        for (DateOverride d : in.overrides()) {
            if (d.day() == null) {
                throw new InvalidInput("DAY", "jour", "Exception de date sans date.");
            }
            if (d.start() != null || d.end() != null) {
                if (d.start() == null || d.end() == null || d.slotMinutes() == null) {
                    throw new InvalidInput("PERIOD", "debut", "Une date aux horaires propres a un début, une fin et une durée de créneau.");
                }
                checkPeriod(d.start(), d.end(), d.slotMinutes());
            }
        }
        for (Absence a : in.absences()) {
            if (a.startsAt() == null || a.endsAt() == null || !a.endsAt().isAfter(a.startsAt())) {
                throw new InvalidInput("ABSENCE_PERIOD", "debut", "La fin de l'absence doit être après son début.");
            }
        }
        for (VisitReason r : in.reasons()) {
            if (r.label() == null || r.label().isBlank()) {
                throw new InvalidInput("REASON_LABEL", "libelle", "Motif de consultation sans libellé.");
            }
            if (r.durationMinutes() < 5 || r.durationMinutes() > 240) {
                throw new InvalidInput("REASON_DURATION", "duree", "La durée d'un motif va de 5 à 240 minutes (" + r.label().strip() + ").");
            }
        }
    }

    /**
     * Brings back the slots of an agenda already here with their ids and statuses (an appointment and
     * the reference read out on the phone name the slot), then brings the agenda to the horizon as the
     * daily job would ({@link #regenerate}): hours from the exported weekly rows, so the slots made are
     * those the old platform would have made, at times no imported slot holds. A slot already there by id,
     * or at the same start in that agenda, is not made twice; a slot that ends before it starts is refused.
     */
    @Transactional
    public SlotImport importSlots(ProfessionalId pro, List<Slot> slots) {
        if (!exists(pro)) {
            throw new InvalidInput("SCHEDULE", "schedule", "L'agenda de ces créneaux n'existe pas ici.");
        }
        int created = 0;
        int known = 0;
        List<SlotImport.Refused> refused = new ArrayList<>();
        List<Slot> valid = new ArrayList<>();
        for (Slot s : slots) {
            if (s.id() == null || s.startsAt() == null || s.endsAt() == null || s.status() == null) {
                refused.add(new SlotImport.Refused(s.id(), "créneau sans identifiant, début, fin ou statut"));
            } else if (!s.endsAt().isAfter(s.startsAt())) {
                refused.add(new SlotImport.Refused(s.id(), "la fin du créneau est avant son début"));
            } else {
                valid.add(s);
            }
        }
        // 500 per statement: the database answers for each row whether it was stored (RETURNING).
        for (int from = 0; from < valid.size(); from += 500) {
            List<Slot> part = valid.subList(from, Math.min(valid.size(), from + 500));
            StringBuilder values = new StringBuilder();
            Map<String, Object> params = new HashMap<>();
            for (int i = 0; i < part.size(); i++) {
                Slot s = part.get(i);
                values.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :p, :s").append(i).append(", :e").append(i)
                        .append(", :st").append(i).append(")");
                params.put("id" + i, s.id().value());
                params.put("s" + i, Timestamp.from(s.startsAt().truncatedTo(ChronoUnit.MICROS)));
                params.put("e" + i, Timestamp.from(s.endsAt().truncatedTo(ChronoUnit.MICROS)));
                params.put("st" + i, s.status().code());
            }
            params.put("p", pro.value());
            int stored = jdbc.sql("INSERT INTO appointments.slot (id, professional_id, starts_at, ends_at, status) VALUES " + values
                    + " ON CONFLICT DO NOTHING RETURNING id").params(params).query(UUID.class).list().size();
            created += stored;
            known += part.size() - stored;
        }
        regenerate(pro);
        return new SlotImport(created, known, refused);
    }
}
