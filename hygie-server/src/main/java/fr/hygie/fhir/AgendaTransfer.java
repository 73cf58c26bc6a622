package fr.hygie.fhir;

import fr.hygie.appointments.Absence;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.DateOverride;
import fr.hygie.appointments.PractitionerOffer;
import fr.hygie.appointments.SlotId;
import fr.hygie.appointments.SlotImport;
import fr.hygie.appointments.SlotStatus;
import fr.hygie.appointments.TransferredAgenda;
import fr.hygie.appointments.VisitReason;
import fr.hygie.appointments.WeeklyHours;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/**
 * Professionals' agendas (« agendas ») in the operator's export and import (« réversibilité »): one
 * {@code Schedule} per agenda, as the API shows it, plus, in the operator's copy only, an extension
 * {@link #TRANSFER_EXTENSION} with what FHIR R4 has no element for and a move must keep — the directory
 * entry the professional keeps (published flag, phone, address, coordinates, sector, tiers payant,
 * teleconsultation, languages, accessibility, services, opening hours), the weekly hours, the date
 * overrides, the absences and every reason for visit (inactive ones too) with their ids; and one
 * {@code Slot} per slot, past and future, free or not, with its id and status (an appointment and the
 * reference read out on the phone name their slot). The iCalendar feed's secret never travels: the new
 * platform draws a new one.
 *
 * <p>Import, before the appointments (which then attach to the imported slot): each Schedule through
 * {@link Agendas#importAgenda}, then its Slots through {@link Agendas#importSlots}, which brings the agenda
 * to the horizon from its weekly hours. A Schedule from another system (without the extension) names a
 * professional but says nothing of hours: it opens their agenda unpublished ({@link Agendas#openForImport}),
 * for them to set up; its Slots are refused with that reason, since here slots are made from the agenda's
 * hours (an imported Appointment still brings its own slot).
 */
@Component
class AgendaTransfer {

    static final String TRANSFER_EXTENSION = "https://hygie.fr/fhir/StructureDefinition/schedule-transfer";

    /** Why a foreign slot is not imported (French, for the operator's summary). */
    static final String FOREIGN_SLOT = "créneau d'un autre système : ici les créneaux se calculent à partir des horaires de "
            + "l'agenda, que le professionnel saisit (un rendez-vous importé apporte son propre créneau)";

    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private final Agendas agendas;
    private final Professionals professionals;

    AgendaTransfer(Agendas agendas, Professionals professionals) {
        this.agendas = agendas;
        this.professionals = professionals;
    }

    // ------------------------------------------------------------------ export

    /** Every agenda of the platform: its Schedule, then its Slots. */
    void export(Set<String> types, FhirExporter.Sink sink) {
        if (!types.contains("Schedule") && !types.contains("Slot")) {
            return;
        }
        for (ProfessionalId pro : agendas.withAgenda()) {
            export(pro, types, sink);
        }
    }

    /** One professional's agenda (nothing when they have none here). */
    void export(ProfessionalId pro, Set<String> types, FhirExporter.Sink sink) {
        if (!agendas.exists(pro)) {
            return;
        }
        TransferredAgenda agenda = agendas.forExport(pro);
        List<fr.hygie.appointments.Slot> slots = agendas.slotsForExport(pro);
        if (types.contains("Schedule")) {
            Schedule s = operatorCopy(agenda, slots);
            // The RPPS on the actor too: an import of the agendas alone (the directory imported before) finds the professional.
            professionals.byId(pro).map(Professional::rpps).ifPresent(rpps -> s.getActor().stream()
                    .filter(a -> a.getReference() != null && a.getReference().startsWith("Practitioner/"))
                    .forEach(a -> a.setIdentifier(new Identifier().setSystem(FhirMapper.RPPS_SYSTEM).setValue(rpps))));
            sink.accept("Schedule", s);
        }
        if (types.contains("Slot")) {
            slots.forEach(s -> sink.accept("Slot", AppointmentResourceProviders.slot(s, agenda.offer())));
        }
    }

    static Schedule operatorCopy(TransferredAgenda agenda, List<fr.hygie.appointments.Slot> slots) {
        PractitionerOffer o = agenda.offer();
        Schedule s = AppointmentResourceProviders.schedule(o, agenda.reasons().stream().filter(VisitReason::active).toList(),
                Instant.EPOCH);
        // The copy is the same whenever it is made: the horizon is the slots' span, not "from now".
        if (slots.isEmpty()) {
            s.setPlanningHorizon(null);
        } else {
            s.setPlanningHorizon(new Period().setStart(Date.from(slots.get(0).startsAt()))
                    .setEnd(Date.from(slots.stream().map(fr.hygie.appointments.Slot::endsAt).max(Instant::compareTo).orElseThrow())));
        }
        Extension x = new Extension(TRANSFER_EXTENSION);
        x.addExtension("published", new BooleanType(o.published()));
        string(x, "displayName", o.displayName());
        code(x, "professionCode", o.professionCode());
        code(x, "specialtyCode", o.specialtyCode());
        string(x, "structureName", o.structureName());
        string(x, "addressLine", o.addressLine());
        string(x, "postcode", o.postcode());
        code(x, "communeInsee", o.communeInsee());
        string(x, "communeName", o.communeName());
        if (o.latitude() != null && o.longitude() != null) {
            x.addExtension("latitude", new DecimalType(BigDecimal.valueOf(o.latitude())));
            x.addExtension("longitude", new DecimalType(BigDecimal.valueOf(o.longitude())));
        }
        string(x, "phone", o.phone());
        if (o.sector() != null) {
            x.addExtension("sector", new IntegerType(o.sector()));
        }
        x.addExtension("tiersPayant", new BooleanType(o.tiersPayant()));
        x.addExtension("teleconsultation", new BooleanType(o.teleconsultation()));
        o.languages().forEach(l -> code(x, "language", l));
        x.addExtension("wheelchair", new BooleanType(o.wheelchair()));
        x.addExtension("hearingLoop", new BooleanType(o.hearingLoop()));
        string(x, "services", o.services());
        string(x, "openingHours", o.openingHours());
        for (WeeklyHours w : agenda.weekly()) {
            Extension e = x.addExtension().setUrl("weeklyHours");
            e.addExtension("id", new StringType(w.id().toString()));
            e.addExtension("day", new CodeType(DAYS[w.day().getValue() - 1]));
            e.addExtension("start", new TimeType(time(w.start())));
            e.addExtension("end", new TimeType(time(w.end())));
            e.addExtension("slotMinutes", new IntegerType(w.slotMinutes()));
        }
        for (DateOverride d : agenda.overrides()) {
            Extension e = x.addExtension().setUrl("dateOverride");
            e.addExtension("id", new StringType(d.id().toString()));
            e.addExtension("date", new DateType(d.day().toString()));
            if (!d.closed()) {
                e.addExtension("start", new TimeType(time(d.start())));
                e.addExtension("end", new TimeType(time(d.end())));
                e.addExtension("slotMinutes", new IntegerType(d.slotMinutes()));
            }
        }
        for (Absence a : agenda.absences()) {
            Extension e = x.addExtension().setUrl("absence");
            e.addExtension("id", new StringType(a.id().toString()));
            e.addExtension("start", new InstantType(a.startsAt().toString()));
            e.addExtension("end", new InstantType(a.endsAt().toString()));
            string(e, "label", a.label());
        }
        for (VisitReason r : agenda.reasons()) {
            Extension e = x.addExtension().setUrl("reason");
            e.addExtension("id", new StringType(r.id().toString()));
            e.addExtension("label", new StringType(r.label()));
            e.addExtension("minutes", new IntegerType(r.durationMinutes()));
            string(e, "instructions", r.instructions());
            e.addExtension("active", new BooleanType(r.active()));
        }
        s.addExtension(x);
        return s;
    }

    /** hh:mm:ss, as FHIR's time type wants it (LocalTime prints 08:30 without seconds). */
    private static String time(LocalTime t) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    }

    private static void string(Extension x, String url, String value) {
        if (value != null && !value.isBlank()) {
            x.addExtension(url, new StringType(value));
        }
    }

    private static void code(Extension x, String url, String value) {
        if (value != null && !value.isBlank()) {
            x.addExtension(url, new CodeType(value));
        }
    }

    // ------------------------------------------------------------------ import

    /** What became of a Schedule of the data: the agenda it is here, or why it is not. */
    private record Imported(ProfessionalId professional, boolean foreign, String refusal) {
    }

    /**
     * Schedules first, then each agenda's Slots; every refusal is listed with its French reason. Streamed: a Slot
     * is kept only as the appointments module's small record until its agenda's slots are stored together (an
     * agenda's slots are stored at once, then the agenda regenerated). Returns how many Schedules and Slots it read.
     */
    long importAll(ImportSource source, PrescriptionTransfer.Resolver resolver, Map<String, Long> created,
            Map<String, Long> known, List<String> rejected) {
        Map<String, Imported> schedules = new HashMap<>();
        long[] read = {0};
        source.forEach("Schedule"::equals, rejected, e -> {
            read[0]++;
            Schedule s = (Schedule) e.resource();
            Imported result = importSchedule(s, resolver, created, known);
            if (result.refusal() != null) {
                rejected.add(FhirImporter.label(s) + " : " + result.refusal());
            }
            if (s.getIdElement().hasIdPart()) {
                schedules.put("Schedule/" + s.getIdElement().getIdPart(), result);
            }
            if (e.fullUrl() != null) {
                schedules.put(e.fullUrl(), result);
            }
        });
        Map<ProfessionalId, List<fr.hygie.appointments.Slot>> slots = new LinkedHashMap<>();
        schedules.values().stream().filter(i -> i.refusal() == null && !i.foreign())
                .forEach(i -> slots.putIfAbsent(i.professional(), new ArrayList<>()));
        source.forEach("Slot"::equals, rejected, e -> {
            read[0]++;
            Slot s = (Slot) e.resource();
            String reference = s.getSchedule().getReference();
            Imported agenda = reference == null ? null : schedules.get(reference);
            Optional<String> refusal = agenda == null
                    ? Optional.of("l'agenda de ce créneau (" + (reference == null ? "schedule absent" : reference)
                            + ") n'est pas dans les données importées")
                    : agenda.refusal() != null ? Optional.of("l'agenda de ce créneau a été refusé")
                    : agenda.foreign() ? Optional.of(FOREIGN_SLOT)
                    : Optional.empty();
            if (refusal.isEmpty()) {
                refusal = slot(s, agenda.professional()).map(slot -> {
                    slots.get(agenda.professional()).add(slot);
                    return Optional.<String>empty();
                }).orElseGet(() -> Optional.of(slotProblem(s)));
            }
            refusal.ifPresent(r -> rejected.add(FhirImporter.label(s) + " : " + r));
        });
        for (Map.Entry<ProfessionalId, List<fr.hygie.appointments.Slot>> agenda : slots.entrySet()) {
            try {
                SlotImport done = agendas.importSlots(agenda.getKey(), agenda.getValue());
                if (done.created() > 0) {
                    created.merge("Slot", (long) done.created(), Long::sum);
                }
                if (done.alreadyThere() > 0) {
                    known.merge("Slot", (long) done.alreadyThere(), Long::sum);
                }
                done.refused().forEach(r -> rejected.add("Slot/" + (r.slot() == null ? "?" : r.slot().value()) + " : " + r.reason()));
            } catch (RuntimeException ex) {
                agenda.getValue().forEach(s -> rejected.add("Slot/" + s.id().value() + " : " + FhirImporter.reason(ex)));
            }
        }
        return read[0];
    }

    private Imported importSchedule(Schedule s, PrescriptionTransfer.Resolver resolver, Map<String, Long> created,
            Map<String, Long> known) {
        ProfessionalId pro = null;
        for (Reference actor : s.getActor()) {
            String ref = actor.getReference() == null ? "" : actor.getReference();
            String system = actor.hasIdentifier() ? actor.getIdentifier().getSystem() : null;
            boolean practitioner = ref.startsWith("Practitioner/") || ref.contains("/Practitioner/") || "Practitioner".equals(actor.getType())
                    || FhirMapper.RPPS_SYSTEM.equals(system) || FhirMapper.IDNAT_PS_SYSTEM.equals(system);
            if (practitioner) {
                pro = resolver.professional(actor).orElse(null);
                if (pro != null) {
                    break;
                }
            }
        }
        if (pro == null) {
            return new Imported(null, false, "le professionnel de l'agenda (actor Practitioner) est introuvable dans l'annuaire");
        }
        Extension x = s.getExtensionByUrl(TRANSFER_EXTENSION);
        try {
            boolean added = x == null ? agendas.openForImport(pro) : agendas.importAgenda(agenda(pro, s, x));
            (added ? created : known).merge("Schedule", 1L, Long::sum);
            return new Imported(pro, x == null, null);
        } catch (RuntimeException ex) {
            return new Imported(pro, x == null, FhirImporter.reason(ex));
        }
    }

    /** The agenda an operator's Schedule carries; a value that cannot be read is refused with its French reason. */
    private static TransferredAgenda agenda(ProfessionalId pro, Schedule s, Extension x) {
        List<String> languages = x.getExtensionsByUrl("language").stream().map(e -> value(e)).filter(v -> v != null).toList();
        PractitionerOffer offer = new PractitionerOffer(pro, sub(x, "displayName"), sub(x, "professionCode"),
                sub(x, "specialtyCode"), sub(x, "structureName"), sub(x, "addressLine"), sub(x, "postcode"), sub(x, "communeInsee"),
                sub(x, "communeName"), decimal(x, "latitude"), decimal(x, "longitude"), sub(x, "phone"), integer(x, "sector"),
                bool(x, "tiersPayant"), bool(x, "teleconsultation"), languages, bool(x, "wheelchair"), bool(x, "hearingLoop"),
                sub(x, "services"), sub(x, "openingHours"), x.getExtensionByUrl("published") == null ? s.getActive() : bool(x, "published"));
        List<WeeklyHours> weekly = new ArrayList<>();
        for (Extension e : x.getExtensionsByUrl("weeklyHours")) {
            weekly.add(new WeeklyHours(id(e), day(sub(e, "day")), localTime(e, "start"), localTime(e, "end"), minutes(e, "slotMinutes")));
        }
        List<DateOverride> overrides = new ArrayList<>();
        for (Extension e : x.getExtensionsByUrl("dateOverride")) {
            String day = sub(e, "date");
            overrides.add(new DateOverride(id(e), day == null ? null : parse("date", day, LocalDate::parse), localTime(e, "start"),
                    localTime(e, "end"), integer(e, "slotMinutes")));
        }
        List<Absence> absences = new ArrayList<>();
        for (Extension e : x.getExtensionsByUrl("absence")) {
            absences.add(new Absence(id(e), instant(e, "start"), instant(e, "end"), sub(e, "label")));
        }
        List<VisitReason> reasons = new ArrayList<>();
        for (Extension e : x.getExtensionsByUrl("reason")) {
            reasons.add(new VisitReason(id(e), sub(e, "label"), minutes(e, "minutes"), sub(e, "instructions"),
                    e.getExtensionByUrl("active") == null || bool(e, "active")));
        }
        return new TransferredAgenda(offer, weekly, overrides, absences, reasons);
    }

    /** A Slot of the data as the appointments module holds it, or empty when it cannot be (see {@link #slotProblem}). */
    private static Optional<fr.hygie.appointments.Slot> slot(Slot s, ProfessionalId pro) {
        Optional<UUID> id = DirectoryResourceProviders.uuid(s.getIdElement().getIdPart());
        SlotStatus status = status(s);
        if (id.isEmpty() || status == null || !s.hasStart() || !s.hasEnd()) {
            return Optional.empty();
        }
        return Optional.of(new fr.hygie.appointments.Slot(new SlotId(id.get()), pro, s.getStart().toInstant(), s.getEnd().toInstant(),
                status));
    }

    private static String slotProblem(Slot s) {
        if (DirectoryResourceProviders.uuid(s.getIdElement().getIdPart()).isEmpty()) {
            return "identifiant de créneau illisible (un créneau d'Hygie a un UUID pour identifiant)";
        }
        if (status(s) == null) {
            return "statut de créneau non géré : " + (s.getStatus() == null ? "absent" : s.getStatus().toCode())
                    + " (free, busy ou busy-unavailable)";
        }
        return "créneau sans début ou sans fin (start, end)";
    }

    private static SlotStatus status(Slot s) {
        if (s.getStatus() == null || s.getStatus() == Slot.SlotStatus.NULL) {
            return null;
        }
        try {
            return SlotStatus.of(s.getStatus().toCode());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ reading sub-extensions

    private static String value(Extension e) {
        Type v = e == null ? null : e.getValue();
        return v == null ? null : v.primitiveValue();
    }

    private static String sub(Extension x, String url) {
        return value(x.getExtensionByUrl(url));
    }

    private static boolean bool(Extension x, String url) {
        return Boolean.parseBoolean(sub(x, url));
    }

    private static Integer integer(Extension x, String url) {
        String v = sub(x, url);
        return v == null ? null : parse(url, v, Integer::valueOf);
    }

    private static int minutes(Extension x, String url) {
        Integer v = integer(x, url);
        return v == null ? 0 : v;
    }

    private static Double decimal(Extension x, String url) {
        String v = sub(x, url);
        return v == null ? null : parse(url, v, Double::valueOf);
    }

    private static UUID id(Extension e) {
        String v = sub(e, "id");
        return v == null ? null : parse("id", v, UUID::fromString);
    }

    private static LocalTime localTime(Extension e, String url) {
        String v = sub(e, url);
        return v == null ? null : parse(url, v, LocalTime::parse);
    }

    private static Instant instant(Extension e, String url) {
        String v = sub(e, url);
        return v == null ? null : parse(url, v, t -> OffsetDateTime.parse(t).toInstant());
    }

    private static DayOfWeek day(String code) {
        for (int i = 0; i < DAYS.length; i++) {
            if (DAYS[i].equals(code == null ? null : code.toLowerCase(Locale.ROOT))) {
                return DayOfWeek.of(i + 1);
            }
        }
        return null;
    }

    private static <T> T parse(String what, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new fr.hygie.platform.web.InvalidInput("TRANSFER", what, "Valeur illisible dans l'extension de l'agenda ("
                    + what + ") : " + value);
        }
    }
}
