package fr.hygie.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.NumberParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.hygie.appointments.AppointmentStatus;
import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.Booking;
import fr.hygie.appointments.BookingId;
import fr.hygie.appointments.BookingOutcome;
import fr.hygie.appointments.BookingRequest;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.PractitionerOffer;
import fr.hygie.appointments.SlotId;
import fr.hygie.appointments.SlotSearch;
import fr.hygie.appointments.SlotStatus;
import fr.hygie.appointments.TransitionOutcome;
import fr.hygie.appointments.VisitReason;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professions;
import fr.hygie.identity.Role;
import fr.hygie.identity.Specialties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.springframework.stereotype.Component;

/**
 * Appointments (prise de rendez-vous) over FHIR R4, close to the IHE ITI Scheduling profile where it is
 * practical: {@code Schedule} (one per professional with a published agenda, id = the professional's),
 * {@code Slot} (the agenda's créneaux, search by service type, specialty, start, schedule, status and place),
 * {@code Appointment} (read and search by the person, their representative, the professional; book by
 * {@code create} on a free slot; cancel or mark by {@code update} of the status). Every write goes through
 * {@link Bookings}: the same rules, the same journal, the same single booking per slot as the pages.
 *
 * <p>Choices where the texts are silent:
 * <ul>
 * <li>Schedule and Slot are the public directory (/rendez-vous needs no login): they are read without login
 * and without scope, and show only published agendas. A slot search must be bounded by {@code schedule} or
 * {@code place} (commune or postcode, Hygie's own parameter with {@code radius} in km, as on the page).</li>
 * <li>A search of slots starts now unless {@code start} says otherwise.</li>
 * <li>The reason for visit (motif) is the professional's own list: {@code Schedule.serviceType} lists it
 * (system {@link #REASON_SYSTEM}, code = the reason's id); an Appointment names it in {@code reasonCode}.</li>
 * <li>Only the status changes by {@code update}; moving is cancel + create.</li>
 * </ul>
 */
public final class AppointmentResourceProviders {

    /** Hygie's reasons for visit (motifs de consultation), code = the reason's id. */
    static final String REASON_SYSTEM = "https://hygie.fr/fhir/CodeSystem/motif-consultation";
    /** The short reference read out on the phone (last 8 hex digits of the booking id). */
    static final String REFERENCE_SYSTEM = "https://hygie.fr/fhir/NamingSystem/reference-rendez-vous";

    private AppointmentResourceProviders() {
    }

    // ------------------------------------------------------------------ mapping

    static Schedule schedule(PractitionerOffer o, List<VisitReason> reasons, Instant now) {
        Schedule s = new Schedule();
        s.setId(o.professional().value().toString());
        s.setActive(o.published());
        s.addActor(new Reference("Practitioner/" + o.professional().value()).setDisplay(o.displayName()));
        s.addActor(new Reference("PractitionerRole/" + o.professional().value()).setDisplay(o.displayName()));
        serviceTypes(o).forEach(s::addServiceType);
        for (VisitReason r : reasons) {
            s.addServiceType(new CodeableConcept(new Coding(REASON_SYSTEM, r.id().toString(), r.label()))
                    .setText(r.label() + " (" + r.durationMinutes() + " min)"));
        }
        specialty(o).ifPresent(s::addSpecialty);
        s.setPlanningHorizon(new Period().setStart(Date.from(now)).setEnd(Date.from(now.plus(Duration.ofDays(56)))));
        String where = o.fullAddress();
        s.setComment((where.isEmpty() ? "" : where + " — ") + o.sectorLabel() + (o.teleconsultation() ? " — téléconsultation" : ""));
        return s;
    }

    static List<CodeableConcept> serviceTypes(PractitionerOffer o) {
        List<CodeableConcept> out = new ArrayList<>();
        Professions.bundled().find(o.professionCode()).ifPresent(
                p -> out.add(new CodeableConcept(new Coding(p.system(), p.code(), p.labelFr())).setText(p.labelFr())));
        return out;
    }

    static Optional<CodeableConcept> specialty(PractitionerOffer o) {
        return o.specialtyCode() == null ? Optional.empty() : Specialties.bundled().find(o.specialtyCode())
                .map(sp -> new CodeableConcept(new Coding(sp.system(), sp.code(), sp.labelFr())).setText(o.specialtyLabel()));
    }

    static Slot slot(fr.hygie.appointments.Slot s, PractitionerOffer o) {
        Slot r = new Slot();
        r.setId(s.id().value().toString());
        r.setSchedule(new Reference("Schedule/" + s.professional().value()));
        r.setStatus(Slot.SlotStatus.fromCode(s.status().code()));
        r.setStart(Date.from(s.startsAt()));
        r.setEnd(Date.from(s.endsAt()));
        if (o != null) {
            serviceTypes(o).forEach(r::addServiceType);
            specialty(o).ifPresent(r::addSpecialty);
        }
        return r;
    }

    static Appointment appointment(Booking b, String personName) {
        Appointment a = new Appointment();
        a.setId(b.id().value().toString());
        a.addIdentifier().setSystem(REFERENCE_SYSTEM).setValue(b.reference());
        a.setStatus(Appointment.AppointmentStatus.fromCode(b.status().fhir()));
        a.addSlot(new Reference("Slot/" + b.slot().value()));
        a.setStart(Date.from(b.startsAt()));
        a.setEnd(Date.from(b.endsAt()));
        a.setMinutesDuration((int) Duration.between(b.startsAt(), b.endsAt()).toMinutes());
        a.setCreated(Date.from(b.createdAt()));
        if (b.reasonId() != null) {
            a.addReasonCode(new CodeableConcept(new Coding(REASON_SYSTEM, b.reasonId().toString(), b.reasonLabel()))
                    .setText(b.reasonLabel()));
        }
        if (b.reasonInstructions() != null && !b.reasonInstructions().isBlank()) {
            a.setPatientInstruction(b.reasonInstructions());
        }
        Appointment.AppointmentParticipantComponent person = a.addParticipant()
                .setRequired(Appointment.ParticipantRequired.REQUIRED).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        if (b.registered()) {
            person.setActor(new Reference("Patient/" + b.patient().value()).setDisplay(personName));
        } else {
            // Someone booked at a counter without a digital space: a name, no resource to point to.
            person.setActor(new Reference().setDisplay(personName));
        }
        a.addParticipant().setRequired(Appointment.ParticipantRequired.REQUIRED).setStatus(Appointment.ParticipationStatus.ACCEPTED)
                .setActor(new Reference("Practitioner/" + b.professional().value()).setDisplay(b.practitionerName()));
        return a;
    }

    static UnprocessableEntityException unprocessable(String code, String expression, String message) {
        OperationOutcome oo = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.INVALID).setDiagnostics(message).setDetails(new CodeableConcept().setText(message));
        issue.getDetails().addCoding().setSystem(Outcomes.REFUSAL_SYSTEM).setCode(code);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return new UnprocessableEntityException(message, oo);
    }

    static Optional<UUID> idOf(Reference ref, String type) {
        if (ref == null || !ref.hasReference()) {
            return Optional.empty();
        }
        IdType id = new IdType(ref.getReference());
        if (!type.equals(id.getResourceType())) {
            return Optional.empty();
        }
        return DirectoryResourceProviders.uuid(id.getIdPart());
    }

    static Optional<ProfessionalId> professionalOf(ReferenceParam ref) {
        if (ref == null) {
            return Optional.empty();
        }
        String type = ref.getResourceType();
        if (type != null && !Set.of("Practitioner", "PractitionerRole", "Schedule").contains(type)) {
            return Optional.empty();
        }
        return DirectoryResourceProviders.uuid(ref.getIdPart()).map(ProfessionalId::new);
    }

    // ------------------------------------------------------------------ Schedule

    /** {@code Schedule}: one per published agenda; public (no login, no scope), as the search page. */
    @Component
    public static class ScheduleProvider implements IResourceProvider {
        private final Directory directory;
        private final Agendas agendas;
        private final Clock clock;

        ScheduleProvider(Directory directory, Agendas agendas, Clock clock) {
            this.directory = directory;
            this.agendas = agendas;
            this.clock = clock;
        }

        @Override
        public Class<Schedule> getResourceType() {
            return Schedule.class;
        }

        @Read
        public Schedule read(@IdParam IdType id) {
            return DirectoryResourceProviders.uuid(id.getIdPart()).map(ProfessionalId::new).flatMap(directory::publishedOffer)
                    .map(this::map).orElseThrow(() -> new ResourceNotFoundException(new IdType("Schedule", id.getIdPart())));
        }

        /** By the professional: {@code actor=Practitioner/…} or {@code actor=PractitionerRole/…}. */
        @Search
        public IBundleProvider search(@RequiredParam(name = Schedule.SP_ACTOR) ReferenceParam actor,
                @Offset Integer offset, @Count Integer count) {
            List<PractitionerOffer> found = professionalOf(actor).flatMap(directory::publishedOffer).map(List::of).orElse(List.of());
            return Pages.of(found, offset, count, this::map);
        }

        private Schedule map(PractitionerOffer o) {
            return schedule(o, agendas.reasons(o.professional(), true), clock.instant());
        }
    }

    // ------------------------------------------------------------------ Slot

    /** {@code Slot}: the créneaux of published agendas; public (no login, no scope), as the search page. */
    @Component
    public static class SlotProvider implements IResourceProvider {
        private final Directory directory;
        private final Clock clock;

        SlotProvider(Directory directory, Clock clock) {
            this.directory = directory;
            this.clock = clock;
        }

        @Override
        public Class<Slot> getResourceType() {
            return Slot.class;
        }

        @Read
        public Slot read(@IdParam IdType id) {
            Optional<fr.hygie.appointments.Slot> s = DirectoryResourceProviders.uuid(id.getIdPart()).map(SlotId::new)
                    .flatMap(directory::slot);
            Optional<PractitionerOffer> offer = s.flatMap(x -> directory.publishedOffer(x.professional()));
            if (s.isEmpty() || offer.isEmpty()) {
                throw new ResourceNotFoundException(new IdType("Slot", id.getIdPart()));
            }
            return slot(s.get(), offer.get());
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = Slot.SP_SCHEDULE) ReferenceParam schedule,
                @OptionalParam(name = Slot.SP_SERVICE_TYPE) TokenParam serviceType,
                @OptionalParam(name = Slot.SP_SPECIALTY) TokenParam specialty,
                @OptionalParam(name = Slot.SP_START) DateRangeParam start,
                @OptionalParam(name = Slot.SP_STATUS) TokenOrListParam status,
                @OptionalParam(name = "place") StringParam place,
                @OptionalParam(name = "radius") NumberParam radius,
                @Offset Integer offset, @Count Integer count) {
            if (schedule == null && (place == null || place.getValue() == null || place.getValue().isBlank())) {
                throw new InvalidRequestException("Recherche de créneaux : précisez schedule (Schedule/…) ou place (commune ou code "
                        + "postal, avec radius en km).");
            }
            Optional<ProfessionalId> pro = professionalOf(schedule);
            if (schedule != null && pro.isEmpty()) {
                return Pages.of(List.of(), 0, Pages.offset(offset), Pages.size(count));
            }
            Set<SlotStatus> statuses = EnumSet.noneOf(SlotStatus.class);
            if (status != null) {
                for (TokenParam t : status.getValuesAsQueryTokens()) {
                    try {
                        statuses.add(SlotStatus.of(t.getValue()));
                    } catch (IllegalArgumentException e) {
                        // busy-tentative, entered-in-error: never used by Hygie's agendas, so nothing matches them
                    }
                }
                if (statuses.isEmpty()) {
                    return Pages.of(List.of(), 0, Pages.offset(offset), Pages.size(count));
                }
            }
            Instant from = start != null && start.getLowerBoundAsInstant() != null ? start.getLowerBoundAsInstant().toInstant()
                    : clock.instant();
            Instant to = start != null && start.getUpperBoundAsInstant() != null ? start.getUpperBoundAsInstant().toInstant() : null;
            int km = radius == null || radius.getValue() == null ? 0 : radius.getValue().intValue();
            SlotSearch q = new SlotSearch(pro.orElse(null), code(serviceType), code(specialty), from, to, statuses,
                    place == null ? null : place.getValue(), km);
            int first = Pages.offset(offset);
            int size = Pages.size(count);
            SlotSearch.Page page = directory.findSlots(q, first, size);
            Map<ProfessionalId, Optional<PractitionerOffer>> offers = new HashMap<>();
            List<Slot> resources = page.slots().stream()
                    .map(s -> slot(s, offers.computeIfAbsent(s.professional(), directory::publishedOffer).orElse(null)))
                    .toList();
            return Pages.of(resources, page.total(), first, size);
        }

        /** The code of a token, whatever its system (profession TRE_G15 / specialty TRE_R38 codes do not collide). */
        private static String code(TokenParam t) {
            return t == null || t.getValue() == null || t.getValue().isBlank() ? null : t.getValue().trim();
        }
    }

    // ------------------------------------------------------------------ Appointment

    /**
     * {@code Appointment}: the person (or an app with their patient context), their representative within
     * a « gérer les rendez-vous » mandate, the professional of the agenda and the counter agent who booked
     * see it; everyone else gets the same 404 or an empty, exactly counted search.
     */
    @Component
    public static class AppointmentProvider implements IResourceProvider {

        static final String TYPE = "Appointment";

        private final Bookings bookings;
        private final Directory directory;
        private final FhirValidation validation;
        private final FhirContext fhir;
        private final Clock clock;

        AppointmentProvider(Bookings bookings, Directory directory, FhirValidation validation, FhirContext fhir, Clock clock) {
            this.bookings = bookings;
            this.directory = directory;
            this.validation = validation;
            this.fhir = fhir;
            this.clock = clock;
        }

        @Override
        public Class<Appointment> getResourceType() {
            return Appointment.class;
        }

        @Read
        public Appointment read(@IdParam IdType id) {
            FhirCaller caller = FhirCaller.current();
            caller.require(TYPE, Interaction.READ);
            return visible(caller, id.getIdPart(), Interaction.READ).map(this::map).orElseThrow(() -> notFound(id.getIdPart()));
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = Appointment.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = Appointment.SP_ACTOR) ReferenceParam actor,
                @OptionalParam(name = Appointment.SP_PRACTITIONER) ReferenceParam practitioner,
                @OptionalParam(name = Appointment.SP_DATE) DateRangeParam date,
                @OptionalParam(name = Appointment.SP_STATUS) TokenOrListParam status,
                @Offset Integer offset, @Count Integer count) {
            FhirCaller caller = FhirCaller.current();
            caller.require(TYPE, Interaction.SEARCH);
            Optional<PatientId> wantedPatient = patient == null ? Optional.empty()
                    : DirectoryResourceProviders.uuid(patient.getIdPart()).map(PatientId::new);
            if (patient != null && wantedPatient.isEmpty()) {
                return Pages.of(List.of(), offset, count, Function.<Appointment>identity());
            }
            Optional<PatientId> actorPatient = Optional.empty();
            Optional<ProfessionalId> wantedPro = professionalOf(practitioner);
            if (practitioner != null && wantedPro.isEmpty()) {
                return Pages.of(List.of(), offset, count, Function.<Appointment>identity());
            }
            if (actor != null) {
                if ("Patient".equals(actor.getResourceType())) {
                    actorPatient = DirectoryResourceProviders.uuid(actor.getIdPart()).map(PatientId::new);
                } else {
                    Optional<ProfessionalId> p = professionalOf(actor);
                    if (p.isEmpty() || wantedPro.isPresent() && !wantedPro.get().equals(p.get())) {
                        return Pages.of(List.of(), offset, count, Function.<Appointment>identity());
                    }
                    wantedPro = p;
                }
                if ("Patient".equals(actor.getResourceType()) && actorPatient.isEmpty()) {
                    return Pages.of(List.of(), offset, count, Function.<Appointment>identity());
                }
            }
            Instant from = date != null && date.getLowerBoundAsInstant() != null ? date.getLowerBoundAsInstant().toInstant() : null;
            Instant to = date != null && date.getUpperBoundAsInstant() != null ? date.getUpperBoundAsInstant().toInstant() : null;
            Set<String> statuses = new java.util.HashSet<>();
            if (status != null) {
                status.getValuesAsQueryTokens().forEach(t -> statuses.add(t.getValue()));
            }
            final Optional<PatientId> p1 = wantedPatient;
            final Optional<PatientId> p2 = actorPatient;
            final Optional<ProfessionalId> pro = wantedPro;
            List<Booking> found = candidates(caller, from, to).stream()
                    .filter(b -> caller.mayReach(TYPE, Interaction.SEARCH, b.patient()))
                    .filter(b -> p1.map(p -> p.equals(b.patient())).orElse(true))
                    .filter(b -> p2.map(p -> p.equals(b.patient())).orElse(true))
                    .filter(b -> pro.map(p -> p.equals(b.professional())).orElse(true))
                    .filter(b -> from == null || !b.startsAt().isBefore(from))
                    .filter(b -> to == null || !b.startsAt().isAfter(to))
                    .filter(b -> statuses.isEmpty() || statuses.contains(b.status().fhir()))
                    .sorted(Comparator.comparing(Booking::startsAt).thenComparing(b -> b.id().value()))
                    .toList();
            return Pages.of(found, offset, count, this::map);
        }

        /** Every booking the caller may manage, before the search's own filters. */
        private List<Booking> candidates(FhirCaller caller, Instant from, Instant to) {
            HygieUser user = caller.user();
            List<Booking> all = new ArrayList<>();
            switch (user.role()) {
                case PATIENT:
                case REPRESENTATIVE:
                    // Themself and everyone whose « gérer les rendez-vous » mandate they hold today.
                    bookings.bookableFor(user).forEach(p -> all.addAll(bookings.ofPerson(p.id())));
                    break;
                case PROFESSIONAL:
                    Instant now = clock.instant();
                    user.professionalId().ifPresent(p -> all.addAll(bookings.ofProfessional(p,
                            from == null ? Instant.EPOCH : from, to == null ? now.plus(Duration.ofDays(3660)) : to.plusMillis(1))));
                    break;
                case COUNTER_AGENT:
                    all.addAll(bookings.bookedBy(user.accountId(), 500));
                    break;
                default:
                    break;
            }
            return all.stream().filter(b -> bookings.mayManage(user, b)).toList();
        }

        /**
         * Books the free slot named in {@code slot} for the person in {@code participant} (Patient/…), with
         * the reason in {@code reasonCode} when the professional asks for one. Status must be booked.
         */
        @Create
        public MethodOutcome create(@ResourceParam Appointment resource) {
            FhirCaller caller = FhirCaller.current();
            caller.require(TYPE, Interaction.CREATE);
            DocumentReferenceResourceProvider.requireValid(validation, fhir, resource);
            if (resource.getStatus() != Appointment.AppointmentStatus.BOOKED) {
                throw unprocessable("STATUS", "Appointment.status",
                        "Un rendez-vous se prend avec le statut « booked » (les autres statuts suivent : annulation, présence…).");
            }
            if (resource.getSlot().size() != 1) {
                throw unprocessable("SLOT", "Appointment.slot", "Indiquez un seul créneau libre (slot: Slot/…).");
            }
            Optional<SlotId> slotId = idOf(resource.getSlotFirstRep(), "Slot").map(SlotId::new);
            Optional<fr.hygie.appointments.Slot> slot = slotId.flatMap(directory::slot);
            if (slot.isEmpty() || directory.publishedOffer(slot.get().professional()).isEmpty()) {
                throw unprocessable("SLOT_UNKNOWN", "Appointment.slot", "Ce créneau n'existe pas.");
            }
            List<PatientId> persons = resource.getParticipant().stream().map(p -> idOf(p.getActor(), "Patient"))
                    .flatMap(Optional::stream).map(PatientId::new).toList();
            if (persons.size() != 1) {
                throw unprocessable("PERSON", "Appointment.participant",
                        "Indiquez la personne qui vient au rendez-vous : un seul participant Patient/….");
            }
            for (Appointment.AppointmentParticipantComponent p : resource.getParticipant()) {
                Optional<UUID> pro = idOf(p.getActor(), "Practitioner").or(() -> idOf(p.getActor(), "PractitionerRole"));
                if (pro.isPresent() && !pro.get().equals(slot.get().professional().value())) {
                    throw unprocessable("PRACTITIONER", "Appointment.participant",
                            "Le professionnel indiqué n'est pas celui de ce créneau.");
                }
            }
            if (resource.hasStart() && !resource.getStart().toInstant().equals(slot.get().startsAt())
                    || resource.hasEnd() && !resource.getEnd().toInstant().equals(slot.get().endsAt())) {
                throw unprocessable("TIMES", "Appointment.start", "Le début et la fin doivent être ceux du créneau (ou absents).");
            }
            UUID reason = null;
            for (CodeableConcept c : resource.getReasonCode()) {
                for (Coding coding : c.getCoding()) {
                    if (REASON_SYSTEM.equals(coding.getSystem())) {
                        reason = DirectoryResourceProviders.uuid(coding.getCode()).orElseThrow(() -> unprocessable("REASON",
                                "Appointment.reasonCode", "Choisissez un motif dans la liste du professionnel (Schedule.serviceType)."));
                    }
                }
            }
            PatientId person = persons.get(0);
            caller.requireReach(TYPE, Interaction.CREATE, person);
            BookingOutcome outcome = bookings.book(caller.user(),
                    new BookingRequest(slotId.get(), reason, new BookedFor.Registered(person), null, null));
            if (outcome instanceof BookingOutcome.Booked booked) {
                Booking b = booked.booking();
                return new MethodOutcome(new IdType(TYPE, b.id().value().toString()), true).setResource(map(b));
            }
            if (outcome instanceof BookingOutcome.SlotTaken taken) {
                throw conflict("SLOT_TAKEN", taken.message());
            }
            BookingOutcome.Refused refused = (BookingOutcome.Refused) outcome;
            if ("ROLE".equals(refused.code()) || "NO_MANDATE".equals(refused.code())) {
                throw new ForbiddenOperationException(refused.message());
            }
            String expression = refused.code().startsWith("REASON") ? "Appointment.reasonCode"
                    : refused.code().startsWith("SLOT") ? "Appointment.slot" : null;
            throw unprocessable(refused.code(), expression, refused.message());
        }

        /**
         * Changes the status only: {@code cancelled} (the person, their representative, the professional,
         * the agent who booked) or a professional's mark ({@code arrived}, {@code checked-in},
         * {@code fulfilled}, {@code noshow} once the start time has passed, {@code entered-in-error}).
         */
        @Update
        public MethodOutcome update(@IdParam IdType id, @ResourceParam Appointment resource) {
            FhirCaller caller = FhirCaller.current();
            caller.require(TYPE, Interaction.UPDATE);
            Booking b = visible(caller, id.getIdPart(), Interaction.UPDATE).orElseThrow(() -> notFound(id.getIdPart()));
            DocumentReferenceResourceProvider.requireValid(validation, fhir, resource);
            Optional<UUID> slot = resource.getSlot().size() == 1 ? idOf(resource.getSlotFirstRep(), "Slot") : Optional.empty();
            if (slot.isEmpty() || !slot.get().equals(b.slot().value())
                    || resource.hasStart() && !resource.getStart().toInstant().equals(b.startsAt())) {
                throw unprocessable("ONLY_STATUS", "Appointment.slot", "Seul le statut change par une mise à jour. Pour déplacer "
                        + "un rendez-vous : annulez-le (status cancelled) puis réservez un autre créneau (create).");
            }
            AppointmentStatus target = AppointmentStatus.ofFhir(resource.getStatus().toCode());
            if (target == b.status()) {
                return new MethodOutcome(new IdType(TYPE, b.id().value().toString())).setResource(map(b));
            }
            TransitionOutcome outcome;
            if (target == AppointmentStatus.CANCELLED) {
                outcome = bookings.cancel(caller.user(), b.id());
            } else if (caller.user().role() != Role.PROFESSIONAL) {
                throw new ForbiddenOperationException("Seul le professionnel du rendez-vous indique la présence, l'absence ou "
                        + "l'erreur de saisie ; vous pouvez l'annuler (status cancelled).");
            } else {
                outcome = bookings.mark(caller.user(), b.id(), target);
            }
            if (outcome instanceof TransitionOutcome.Done done) {
                return new MethodOutcome(new IdType(TYPE, b.id().value().toString())).setResource(map(done.booking()));
            }
            if (outcome instanceof TransitionOutcome.Illegal illegal) {
                throw conflict("STATUS_TRANSITION", illegal.message());
            }
            if (outcome instanceof TransitionOutcome.NotYet notYet) {
                UnprocessableEntityException e = unprocessable("NOT_STARTED", "Appointment.status", notYet.message());
                ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().setCode(IssueType.BUSINESSRULE);
                throw e;
            }
            throw notFound(id.getIdPart());
        }

        private Optional<Booking> visible(FhirCaller caller, String id, Interaction interaction) {
            return DirectoryResourceProviders.uuid(id).map(BookingId::new).flatMap(bookings::byId)
                    .filter(b -> bookings.mayManage(caller.user(), b))
                    .filter(b -> caller.mayReach(TYPE, interaction, b.patient()));
        }

        /** The person's appointments as {@code caller} may see them (Patient-level $export, GDPR portability). */
        List<Appointment> ofPerson(FhirCaller caller, PatientId patient) {
            return bookings.ofPerson(patient).stream().filter(b -> bookings.mayManage(caller.user(), b))
                    .sorted(Comparator.comparing(Booking::startsAt)).map(this::map).toList();
        }

        Appointment map(Booking b) {
            return appointment(b, bookings.personName(b));
        }

        private static ResourceVersionConflictException conflict(String code, String message) {
            OperationOutcome oo = new OperationOutcome();
            OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.CONFLICT).setDiagnostics(message).setDetails(new CodeableConcept().setText(message));
            issue.getDetails().addCoding().setSystem(Outcomes.REFUSAL_SYSTEM).setCode(code);
            return new ResourceVersionConflictException(message, oo);
        }

        private static ResourceNotFoundException notFound(String id) {
            return new ResourceNotFoundException(new IdType(TYPE, id));
        }
    }
}
