package fr.hygie.appointments;

import fr.hygie.identity.AccountId;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.MandateScope;
import fr.hygie.identity.Mandates;
import fr.hygie.identity.Patient;
import fr.hygie.identity.PatientId;
import fr.hygie.identity.Patients;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Role;
import fr.hygie.journal.Journal;
import fr.hygie.journal.JournalAction;
import fr.hygie.journal.JournalActor;
import fr.hygie.journal.JournalChannel;
import fr.hygie.journal.JournalDecision;
import fr.hygie.journal.JournalEntryDraft;
import fr.hygie.notifications.Outbox;
import fr.hygie.notifications.OutboxChannel;
import fr.hygie.notifications.OutboxMessage;
import fr.hygie.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking, moving and cancelling appointments through every channel, and the professional's status
 * marks (arrived, fulfilled, no-show). Every booking and status change is journaled (objectType
 * "Appointment") in the same transaction; refusals and lost races are values, not exceptions.
 */
@Service
public class Bookings {

    public static final String OBJECT_TYPE = "Appointment";
    static final Duration REMINDER_BEFORE = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Directory directory;
    private final Agendas agendas;
    private final Outbox outbox;
    private final Journal journal;
    private final Mandates mandates;
    private final Patients patients;
    private final Accounts accounts;
    private final String counterPhone;

    Bookings(JdbcClient jdbc, TransactionTemplate tx, Clock clock, Directory directory, Agendas agendas, Outbox outbox,
            Journal journal, Mandates mandates, Patients patients, Accounts accounts,
            @Value("${hygie.contact.phone:3646}") String counterPhone) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.directory = directory;
        this.agendas = agendas;
        this.outbox = outbox;
        this.journal = journal;
        this.mandates = mandates;
        this.patients = patients;
        this.accounts = accounts;
        this.counterPhone = counterPhone;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- who may book for whom ----

    /**
     * The persons this user may book for: themself (a patient) and everyone who gave them a mandate with
     * MANAGE_APPOINTMENTS that is active today (a parent for their child, a caregiver).
     */
    public List<Patient> bookableFor(HygieUser user) {
        List<Patient> result = new ArrayList<>();
        user.patientId().flatMap(patients::byId).ifPresent(result::add);
        mandates.activeFor(user.accountId()).stream().filter(m -> m.allows(MandateScope.MANAGE_APPOINTMENTS))
                .map(m -> m.patient()).distinct().forEach(p -> patients.byId(p).ifPresent(result::add));
        return result;
    }

    private boolean mayActFor(HygieUser user, PatientId person) {
        if (person.equals(user.patientId().orElse(null))) {
            return true;
        }
        return mandates.active(user.accountId(), person).map(m -> m.allows(MandateScope.MANAGE_APPOINTMENTS)).orElse(false);
    }

    /** Whether this user may see and manage this booking (the person, their representative, the professional, the agent who booked). */
    public boolean mayManage(HygieUser user, Booking b) {
        switch (user.role()) {
            case PATIENT:
            case REPRESENTATIVE:
                return b.patient() != null && mayActFor(user, b.patient());
            case PROFESSIONAL:
                return b.professional().equals(user.professionalId().orElse(null));
            case COUNTER_AGENT:
                return user.accountId().equals(b.bookedBy());
            default:
                return false;
        }
    }

    // ---- booking ----

    public BookingOutcome book(HygieUser user, BookingRequest r) {
        Instant now = now();
        BookingChannel channel;
        PatientId patient = null;
        BookedFor.Unregistered unregistered = null;
        if (r.person() instanceof BookedFor.Registered reg) {
            patient = reg.patient();
            if (user.role() == Role.COUNTER_AGENT) {
                channel = BookingChannel.COUNTER;
            } else if (user.role() == Role.PATIENT || user.role() == Role.REPRESENTATIVE) {
                if (!mayActFor(user, patient)) {
                    return new BookingOutcome.Refused("NO_MANDATE", "pour", AppointmentWording.NO_MANDATE);
                }
                channel = patient.equals(user.patientId().orElse(null)) ? BookingChannel.ONLINE : BookingChannel.REPRESENTATIVE;
            } else {
                return new BookingOutcome.Refused("ROLE", null, AppointmentWording.ROLE_CANNOT_BOOK);
            }
            if (patients.byId(patient).isEmpty()) {
                // A counter agent names the person by id (FHIR Appointment.participant): an id that is nobody's would be
                // stored as a booking of no one (session 6, found by reading the counter agent's write paths; seed of
                // security.FhirWriteFuzzTest).
                return new BookingOutcome.Refused("PERSON", "pour", AppointmentWording.PERSON);
            }
        } else if (r.person() instanceof BookedFor.Unregistered u) {
            if (user.role() != Role.COUNTER_AGENT) {
                return new BookingOutcome.Refused("ROLE", null, AppointmentWording.COUNTER_ONLY);
            }
            unregistered = u;
            channel = BookingChannel.COUNTER;
        } else {
            return new BookingOutcome.Refused("PERSON", "pour", AppointmentWording.PERSON);
        }
        Optional<Slot> slot = directory.slot(r.slot());
        if (slot.isEmpty()) {
            return new BookingOutcome.Refused("SLOT_UNKNOWN", null, AppointmentWording.SLOT_UNKNOWN);
        }
        Slot s = slot.get();
        if (!s.startsAt().isAfter(now)) {
            return new BookingOutcome.Refused("SLOT_PAST", null, AppointmentWording.SLOT_PAST);
        }
        List<VisitReason> reasons = agendas.reasons(s.professional(), true);
        VisitReason reason = null;
        if (r.reasonId() != null) {
            reason = reasons.stream().filter(x -> x.id().equals(r.reasonId())).findFirst().orElse(null);
            if (reason == null) {
                return new BookingOutcome.Refused("REASON", "motif", AppointmentWording.REASON_NOT_IN_LIST);
            }
            if (reason.durationMinutes() > s.minutes()) {
                return new BookingOutcome.Refused("REASON_TOO_LONG", "motif",
                        AppointmentWording.REASON_TOO_LONG, String.valueOf(reason.durationMinutes()));
            }
        } else if (!reasons.isEmpty()) {
            return new BookingOutcome.Refused("REASON", "motif", AppointmentWording.REASON_MISSING);
        }
        String phone = unregistered != null ? unregistered.phone() : null;
        if (r.contactPhone() != null && !r.contactPhone().isBlank()) {
            Optional<String> p = Phones.normalise(r.contactPhone());
            if (p.isEmpty()) {
                return new BookingOutcome.Refused("PHONE", "telephone", AppointmentWording.PHONE);
            }
            phone = p.get();
        }
        String typedEmail = r.contactEmail() == null || r.contactEmail().isBlank() ? null : r.contactEmail().strip();
        String email = typedEmail;
        // No control character and no longer than an address can be (RFC 5321: 254): the web forms refuse NUL before any
        // controller, not the other control characters nor the length; on import, see importBooking. Session 6, by reading.
        if (email != null && !plainEmail(email)) {
            return new BookingOutcome.Refused("EMAIL", "courriel", AppointmentWording.EMAIL);
        }
        if (patient != null && phone == null && email == null) {
            // Nothing typed: the confirmation and reminder go where the person's space says they can be reached.
            Patients.Contact contact = patients.contact(patient);
            phone = contact.phone() == null ? null : Phones.normalise(contact.phone()).orElse(null);
            email = contact.email();
        }
        final PatientId person = patient;
        final BookedFor.Unregistered other = unregistered;
        final VisitReason why = reason;
        final String contactPhone = phone;
        final String contactEmail = email;
        final BookingChannel via = channel;
        try {
            return tx.execute(status -> {
                lockOffer(s.professional());
                if (!takeSlot(s.id(), now)) {
                    status.setRollbackOnly();
                    return new BookingOutcome.SlotTaken();
                }
                BookingId id = insert(s, why, person, other, contactPhone, contactEmail, via, user, null, now);
                Booking b = byId(id).orElseThrow();
                journal(user, b, JournalAction.CREATE, "BOOKED_" + via.name());
                notifyBooked(b, now);
                return new BookingOutcome.Booked(b);
            });
        } catch (DuplicateKeyException e) {
            // The partial unique index caught a second live booking for the slot: same answer as the race.
            return new BookingOutcome.SlotTaken();
        }
    }

    /** An e-mail address as a booking keeps it: one {@code @}, a dot after it, no space or control character, 254 characters at most. */
    static boolean plainEmail(String email) {
        return email.length() <= 254 && email.matches("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    }

    /**
     * Locks the professional's offer row before any of its slots. The slot table's first-free trigger locks it after
     * the slot, and {@code Agendas#regenerate} locks it before writing slots: without this, a booking holding slot X
     * and waiting for the offer would deadlock with a regeneration holding the offer and writing X (ADR 0004). Taking
     * the offer first keeps one order: the second transaction waits, then finds the slot taken, as before the trigger.
     */
    private void lockOffer(ProfessionalId pro) {
        jdbc.sql("SELECT professional_id FROM appointments.practitioner_offer WHERE professional_id = :p FOR NO KEY UPDATE")
                .param("p", pro.value()).query(UUID.class).list();
    }

    /** Flips the slot from free to busy; false when another transaction got it first. */
    private boolean takeSlot(SlotId slot, Instant now) {
        return jdbc.sql("UPDATE appointments.slot SET status = 'busy' WHERE id = :id AND status = 'free' AND starts_at > :now")
                .param("id", slot.value()).param("now", Timestamp.from(now)).update() == 1;
    }

    private void releaseSlot(Booking b, Instant now) {
        if (!b.startsAt().isAfter(now)) {
            return;
        }
        lockOffer(b.professional());
        jdbc.sql("""
                UPDATE appointments.slot s SET status = CASE WHEN EXISTS (SELECT 1 FROM appointments.absence a
                        WHERE a.professional_id = s.professional_id AND a.starts_at < s.ends_at AND a.ends_at > s.starts_at)
                    THEN 'busy-unavailable' ELSE 'free' END
                WHERE s.id = :id AND s.status = 'busy'""").param("id", b.slot().value()).update();
    }

    private BookingId insert(Slot s, VisitReason reason, PatientId patient, BookedFor.Unregistered other, String phone,
            String email, BookingChannel channel, HygieUser user, BookingId replaces, Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO appointments.booking (id, slot_id, professional_id, starts_at, ends_at, reason_id, status,
                    patient_id, person_family_name, person_given_name, person_birth_date, contact_phone, contact_email,
                    channel, booked_by_account_id, booked_by_name, booked_by_role, acting_for_patient, replaces_booking_id,
                    created_at, updated_at)
                VALUES (:id, :slot, :pro, :start, :end, :reason, 'booked', :patient, :family, :given, :birth, :phone, :email,
                    :channel, :by, :byName, :byRole, :actingFor, :replaces, :now, :now)""")
                .param("id", id).param("slot", s.id().value()).param("pro", s.professional().value())
                .param("start", Timestamp.from(s.startsAt())).param("end", Timestamp.from(s.endsAt()))
                .param("reason", reason == null ? null : reason.id())
                .param("patient", patient == null ? null : patient.value())
                .param("family", other == null ? null : other.familyName())
                .param("given", other == null ? null : other.givenName())
                .param("birth", other == null ? null : other.birthDate())
                .param("phone", phone).param("email", email).param("channel", channel.name())
                .param("by", user.accountId().value()).param("byName", user.displayName()).param("byRole", user.role().name())
                .param("actingFor", patient != null && !patient.equals(user.patientId().orElse(null)))
                .param("replaces", replaces == null ? null : replaces.value())
                .param("now", Timestamp.from(now)).update();
        return new BookingId(id);
    }

    /** E-mail subject of every appointment message: says nothing of the care (no health data). */
    static final String SUBJECT = "Votre rendez-vous Hygie";

    /**
     * Queues a message about this booking in the notifications module's outbox, in the booking's
     * transaction (a rolled-back booking sends nothing); the texts come from {@link NotificationTexts}
     * only, which never name a specialty or a reason.
     */
    private void queue(Booking b, String kind, OutboxChannel channel, String recipient, String text, Instant dueAt) {
        outbox.enqueueAbout(b.id().value(), kind, channel, b.patient() == null ? null : b.patient().value(), recipient,
                channel == OutboxChannel.EMAIL ? SUBJECT : null, text, dueAt);
    }

    /** Every message about a booking (confirmation, reminder, cancellation…), oldest first: confirmation pages, support. */
    public List<OutboxMessage> messages(BookingId id) {
        return outbox.about(id.value());
    }

    private void notifyBooked(Booking b, Instant now) {
        String confirmation = NotificationTexts.confirmation(b, counterPhone);
        if (b.contactPhone() != null && Phones.mobile(b.contactPhone())) {
            queue(b, "CONFIRMATION", OutboxChannel.SMS, b.contactPhone(), confirmation, now);
        }
        if (b.contactEmail() != null) {
            queue(b, "CONFIRMATION", OutboxChannel.EMAIL, b.contactEmail(), confirmation, now);
        }
        queueReminders(b, now);
    }

    /** The reminders of a booking (SMS to a mobile, e-mail), due {@link #REMINDER_BEFORE} before it, when that is still to come. */
    private void queueReminders(Booking b, Instant now) {
        String reminder = NotificationTexts.reminder(b, counterPhone);
        Instant remindAt = b.startsAt().minus(REMINDER_BEFORE);
        if (!remindAt.isAfter(now)) {
            return;
        }
        if (b.contactPhone() != null && Phones.mobile(b.contactPhone())) {
            queue(b, "REMINDER", OutboxChannel.SMS, b.contactPhone(), reminder, remindAt);
        }
        if (b.contactEmail() != null) {
            queue(b, "REMINDER", OutboxChannel.EMAIL, b.contactEmail(), reminder, remindAt);
        }
    }

    // ---- cancel, move, status marks ----

    /** Cancels an appointment to come; the slot is free again and the first person waiting is told. */
    public TransitionOutcome cancel(HygieUser user, BookingId id) {
        return tx.execute(status -> {
            Optional<Booking> found = lock(id);
            if (found.isEmpty() || !mayManage(user, found.get())) {
                return new TransitionOutcome.NotAllowed(AppointmentWording.APPOINTMENT_NOT_FOUND);
            }
            Booking b = found.get();
            if (!b.status().canBecome(AppointmentStatus.CANCELLED)) {
                return TransitionOutcome.Illegal.of(b.status(), AppointmentStatus.CANCELLED);
            }
            Instant now = now();
            Booking done = setStatus(b, AppointmentStatus.CANCELLED, now);
            releaseSlot(b, now);
            outbox.cancelPending(b.id().value(), "REMINDER");
            if (b.contactPhone() != null && Phones.mobile(b.contactPhone())) {
                queue(b, "CANCELLATION", OutboxChannel.SMS, b.contactPhone(),
                        NotificationTexts.cancellation(b), now);
            }
            journal(user, done, JournalAction.UPDATE, "CANCELLED");
            offerToWaitingList(b, now);
            return new TransitionOutcome.Done(done);
        });
    }

    /**
     * Moves an appointment to another free slot of the same professional: a new booking (status booked)
     * replaces the old one (cancelled), in one transaction.
     */
    public MoveOutcome move(HygieUser user, BookingId id, SlotId to) {
        return tx.execute(status -> {
            Optional<Booking> found = lock(id);
            if (found.isEmpty() || !mayManage(user, found.get())) {
                return new MoveOutcome(new TransitionOutcome.NotAllowed(AppointmentWording.APPOINTMENT_NOT_FOUND), null);
            }
            Booking b = found.get();
            if (!b.status().canBecome(AppointmentStatus.CANCELLED) || !b.status().active()) {
                return new MoveOutcome(TransitionOutcome.Illegal.of(b.status(), AppointmentStatus.BOOKED), null);
            }
            Optional<Slot> target = directory.slot(to);
            if (target.isEmpty() || !target.get().professional().equals(b.professional())) {
                return new MoveOutcome(new TransitionOutcome.NotAllowed(AppointmentWording.SLOT_NOT_FOUND), null);
            }
            Instant now = now();
            lockOffer(b.professional());
            if (!takeSlot(to, now)) {
                status.setRollbackOnly();
                return new MoveOutcome(null, new BookingOutcome.SlotTaken());
            }
            VisitReason reason = b.reasonId() == null ? null : agendas.reasons(b.professional(), false).stream()
                    .filter(r -> r.id().equals(b.reasonId()) && r.durationMinutes() <= target.get().minutes())
                    .findFirst().orElse(null);
            BookedFor.Unregistered other = b.registered() ? null
                    : new BookedFor.Unregistered(b.personFamilyName(), b.personGivenName(), b.personBirthDate(), b.contactPhone());
            BookingId newId = insertMoved(target.get(), reason, b, other, user, now);
            Booking cancelled = setStatus(b, AppointmentStatus.CANCELLED, now);
            releaseSlot(b, now);
            outbox.cancelPending(b.id().value(), "REMINDER");
            Booking moved = byId(newId).orElseThrow();
            journal(user, cancelled, JournalAction.UPDATE, "MOVED");
            journal(user, moved, JournalAction.CREATE, "MOVED_FROM_" + b.id().value());
            notifyBooked(moved, now);
            offerToWaitingList(b, now);
            return new MoveOutcome(new TransitionOutcome.Done(moved), null);
        });
    }

    private BookingId insertMoved(Slot s, VisitReason reason, Booking old, BookedFor.Unregistered other, HygieUser user,
            Instant now) {
        BookingId id = insert(s, reason, old.patient(), other, old.contactPhone(), old.contactEmail(), old.channel(), user,
                old.id(), now);
        return id;
    }

    /** Result of a move: the transition, or the new slot was taken meanwhile. */
    public record MoveOutcome(TransitionOutcome transition, BookingOutcome.SlotTaken taken) {
    }

    /** The professional marks what happened: arrived, checked-in, fulfilled, no-show, entered-in-error, cancelled. */
    public TransitionOutcome mark(HygieUser user, BookingId id, AppointmentStatus target) {
        if (target == AppointmentStatus.CANCELLED) {
            return cancel(user, id);
        }
        return tx.execute(status -> {
            Optional<Booking> found = lock(id);
            if (found.isEmpty() || user.role() != Role.PROFESSIONAL || !mayManage(user, found.get())) {
                return new TransitionOutcome.NotAllowed(AppointmentWording.APPOINTMENT_NOT_FOUND);
            }
            Booking b = found.get();
            if (!b.status().canBecome(target)) {
                return TransitionOutcome.Illegal.of(b.status(), target);
            }
            Instant now = now();
            if (target == AppointmentStatus.NOSHOW && !started(b, now)) {
                return TransitionOutcome.NotYet.of(target, b.startsAt());
            }
            Booking done = setStatus(b, target, now);
            if (target == AppointmentStatus.ENTERED_IN_ERROR) {
                releaseSlot(b, now);
                outbox.cancelPending(b.id().value(), "REMINDER");
            }
            journal(user, done, JournalAction.UPDATE, "STATUS_" + target.name());
            return new TransitionOutcome.Done(done);
        });
    }

    private static boolean started(Booking b, Instant now) {
        return !now.isBefore(b.startsAt());
    }

    /** The marks the professional may set now: the next statuses, without « absent » before the start time. */
    public java.util.Set<AppointmentStatus> marksNow(Booking b) {
        java.util.Set<AppointmentStatus> marks = b.status().next();
        if (!started(b, now())) {
            marks.remove(AppointmentStatus.NOSHOW);
        }
        return marks;
    }

    private Booking setStatus(Booking b, AppointmentStatus s, Instant now) {
        jdbc.sql("UPDATE appointments.booking SET status = :s, updated_at = :now WHERE id = :id")
                .param("s", s.fhir()).param("now", Timestamp.from(now)).param("id", b.id().value()).update();
        return byId(b.id()).orElseThrow();
    }

    // ---- waiting list ----

    /** Asks to be told when an earlier slot frees up with the same professional (liste d'attente). */
    public TransitionOutcome joinWaitingList(HygieUser user, BookingId id) {
        return tx.execute(status -> {
            Optional<Booking> b = byId(id);
            if (b.isEmpty() || !mayManage(user, b.get())) {
                return new TransitionOutcome.NotAllowed(AppointmentWording.APPOINTMENT_NOT_FOUND);
            }
            if (b.get().status() != AppointmentStatus.BOOKED) {
                return TransitionOutcome.Illegal.of(b.get().status(), AppointmentStatus.WAITLIST);
            }
            jdbc.sql("""
                    INSERT INTO appointments.waiting_list (id, booking_id, professional_id, created_at)
                    VALUES (:id, :b, :p, :now) ON CONFLICT (booking_id) DO NOTHING""")
                    .param("id", Ids.newId()).param("b", id.value()).param("p", b.get().professional().value())
                    .param("now", Timestamp.from(now())).update();
            return new TransitionOutcome.Done(b.get());
        });
    }

    public boolean waiting(BookingId id) {
        return jdbc.sql("SELECT count(*) FROM appointments.waiting_list WHERE booking_id = :b AND notified_at IS NULL")
                .param("b", id.value()).query(Long.class).single() > 0;
    }

    private void offerToWaitingList(Booking freed, Instant now) {
        if (!freed.startsAt().isAfter(now)) {
            return;
        }
        jdbc.sql("""
                SELECT w.id, w.booking_id FROM appointments.waiting_list w
                JOIN appointments.booking b ON b.id = w.booking_id
                WHERE w.professional_id = :p AND w.notified_at IS NULL AND b.status = 'booked' AND b.starts_at > :freed
                ORDER BY w.created_at LIMIT 1 FOR UPDATE OF w SKIP LOCKED""")
                .param("p", freed.professional().value()).param("freed", Timestamp.from(freed.startsAt()))
                .query(rs -> {
                    UUID entry = rs.getObject(1, UUID.class);
                    Booking waiting = byId(new BookingId(rs.getObject(2, UUID.class))).orElseThrow();
                    String text = NotificationTexts.earlierSlot(waiting, counterPhone);
                    if (waiting.contactPhone() != null && Phones.mobile(waiting.contactPhone())) {
                        queue(waiting, "EARLIER_SLOT", OutboxChannel.SMS, waiting.contactPhone(), text, now);
                    }
                    if (waiting.contactEmail() != null) {
                        queue(waiting, "EARLIER_SLOT", OutboxChannel.EMAIL, waiting.contactEmail(), text, now);
                    }
                    jdbc.sql("UPDATE appointments.waiting_list SET notified_at = :now WHERE id = :id")
                            .param("now", Timestamp.from(now)).param("id", entry).update();
                });
    }

    // ---- operator: export and import (« réversibilité ») ----

    /** Every appointment of a person, in time order, for an export its caller has decided and journaled. */
    public List<Booking> forExport(PatientId patient) {
        return jdbc.sql(SELECT + " WHERE b.patient_id = :p ORDER BY b.starts_at, b.id").param("p", patient.value())
                .query(Bookings::map).list();
    }

    /** Every appointment of someone without a digital space (booked at a counter), in time order, for the same export. */
    public List<Booking> unregisteredForExport() {
        return jdbc.sql(SELECT + " WHERE b.patient_id IS NULL ORDER BY b.starts_at, b.id").query(Bookings::map).list();
    }

    static final String IMPORTER = "Import de données (réversibilité)";

    /**
     * Brings in an appointment from an export with its id, status and dates: no per-item decision (the
     * operator's import is journaled once by its caller), no confirmation sent (the person was told by the old
     * platform, whose pending messages do not travel) but, for a booked appointment to come, its reminders
     * queued as for a booking made here; journaled on the person's chain as an IMPORT by the platform. The
     * professional's agenda, when it is not here (yet), is opened unpublished as a placeholder that the
     * import of the agenda itself fills in ({@link Agendas#openForImport}); the slot is
     * found again by professional and start or created; a reason for visit the professional does not have is
     * created inactive. Idempotent by id (false: already there). Refused with its French reason, storing
     * nothing, when the data break a rule: no professional, no person, end before start, or a slot that
     * another live appointment holds (never two bookings for one slot).
     */
    public boolean importBooking(ImportedBooking in) {
        if (in.id() == null || in.status() == null || in.professional() == null) {
            throw new fr.hygie.platform.web.InvalidInput("BOOKING", null, "Rendez-vous sans identifiant, statut ou professionnel.");
        }
        if (byId(in.id()).isPresent()) {
            return false;
        }
        if (in.startsAt() == null || in.endsAt() == null || !in.startsAt().isBefore(in.endsAt())) {
            throw new fr.hygie.platform.web.InvalidInput("PERIOD", "start", "Un rendez-vous s'importe avec son début et sa fin (après le début).");
        }
        if (in.patient() == null && in.unregistered() == null) {
            throw new fr.hygie.platform.web.InvalidInput("PERSON", "participant", "Rendez-vous sans personne.");
        }
        if (in.patient() != null && patients.byId(in.patient()).isEmpty()) {
            throw new fr.hygie.platform.web.InvalidInput("PERSON", "participant", "La personne du rendez-vous est introuvable.");
        }
        if (in.contactEmail() != null && !plainEmail(in.contactEmail())) {
            // The address rule of a booking (book), on import too (PostgreSQL refuses a NUL in any text).
            throw new fr.hygie.platform.web.InvalidInput("EMAIL", "contactEmail", AppointmentWording.EMAIL.label());
        }
        Instant start = in.startsAt().truncatedTo(ChronoUnit.MICROS);
        Instant end = in.endsAt().truncatedTo(ChronoUnit.MICROS);
        Instant created = (in.createdAt() == null ? start : in.createdAt()).truncatedTo(ChronoUnit.MICROS);
        Boolean done = tx.execute(status -> {
            if (!agendas.exists(in.professional())) {
                try {
                    agendas.openForImport(in.professional());
                } catch (IllegalArgumentException e) {
                    throw new fr.hygie.platform.web.InvalidInput("PROFESSIONAL", "participant", "Le professionnel du rendez-vous est introuvable dans l'annuaire.");
                }
            }
            lockOffer(in.professional());
            UUID slot = jdbc.sql("SELECT id FROM appointments.slot WHERE professional_id = :p AND starts_at = :s")
                    .param("p", in.professional().value()).param("s", Timestamp.from(start)).query(UUID.class).optional()
                    .orElse(null);
            if (slot == null) {
                UUID wanted = in.slot() == null ? Ids.newId() : in.slot().value();
                boolean taken = jdbc.sql("SELECT count(*) FROM appointments.slot WHERE id = :id").param("id", wanted)
                        .query(Long.class).single() > 0;
                slot = taken ? Ids.newId() : wanted;
                jdbc.sql("INSERT INTO appointments.slot (id, professional_id, starts_at, ends_at, status) VALUES (:id, :p, :s, :e, :st)")
                        .param("id", slot).param("p", in.professional().value()).param("s", Timestamp.from(start))
                        .param("e", Timestamp.from(end)).param("st", in.status().holdsSlot() ? "busy" : "free").update();
            } else if (in.status().holdsSlot()) {
                boolean held = jdbc.sql("""
                        SELECT count(*) FROM appointments.booking WHERE slot_id = :s
                        AND status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled', 'noshow')""")
                        .param("s", slot).query(Long.class).single() > 0;
                if (held) {
                    throw new fr.hygie.platform.web.InvalidInput("SLOT_TAKEN", "slot", "Ce créneau est déjà pris par un autre rendez-vous.");
                }
                jdbc.sql("UPDATE appointments.slot SET status = 'busy' WHERE id = :id").param("id", slot).update();
            }
            UUID reason = null;
            if (in.reasonId() != null) {
                UUID owner = jdbc.sql("SELECT professional_id FROM appointments.visit_reason WHERE id = :id").param("id", in.reasonId())
                        .query(UUID.class).optional().orElse(null);
                if (owner == null && in.reasonLabel() != null && !in.reasonLabel().isBlank()) {
                    int minutes = (int) Math.max(5, Math.min(240, Duration.between(start, end).toMinutes()));
                    jdbc.sql("""
                            INSERT INTO appointments.visit_reason (id, professional_id, label, duration_minutes, instructions, active)
                            VALUES (:id, :p, :l, :d, :i, FALSE)""")
                            .param("id", in.reasonId()).param("p", in.professional().value()).param("l", in.reasonLabel().strip())
                            .param("d", minutes).param("i", in.reasonInstructions() == null || in.reasonInstructions().isBlank() ? null
                                    : in.reasonInstructions()).update();
                    reason = in.reasonId();
                } else if (in.professional().value().equals(owner)) {
                    reason = in.reasonId();
                }
            }
            BookedFor.Unregistered other = in.patient() == null ? in.unregistered() : null;
            jdbc.sql("""
                    INSERT INTO appointments.booking (id, slot_id, professional_id, starts_at, ends_at, reason_id, status,
                        patient_id, person_family_name, person_given_name, person_birth_date, contact_phone, contact_email,
                        channel, booked_by_account_id, booked_by_name, booked_by_role, acting_for_patient, replaces_booking_id,
                        created_at, updated_at)
                    VALUES (:id, :slot, :pro, :start, :end, :reason, :status, :patient, :family, :given, :birth, :phone, :email,
                        :channel, NULL, :byName, :byRole, :actingFor, NULL, :created, :created)""")
                    .param("id", in.id().value()).param("slot", slot).param("pro", in.professional().value())
                    .param("start", Timestamp.from(start)).param("end", Timestamp.from(end)).param("reason", reason)
                    .param("status", in.status().fhir()).param("patient", in.patient() == null ? null : in.patient().value())
                    .param("family", other == null ? null : other.familyName())
                    .param("given", other == null ? null : other.givenName())
                    .param("birth", other == null ? null : other.birthDate())
                    .param("phone", in.contactPhone() != null ? Phones.normalise(in.contactPhone()).orElse(null)
                            : other == null ? null : other.phone())
                    .param("email", in.contactEmail())
                    .param("channel", (in.channel() == null ? other != null ? BookingChannel.COUNTER : BookingChannel.ONLINE
                            : in.channel()).name())
                    .param("byName", in.bookedByName() == null || in.bookedByName().isBlank() ? IMPORTER : in.bookedByName())
                    .param("byRole", in.bookedByRole() == null || in.bookedByRole().isBlank() ? "SYSTEM" : in.bookedByRole())
                    .param("actingFor", in.actingFor()).param("created", Timestamp.from(created)).update();
            journal.append(new JournalEntryDraft(JournalActor.system(IMPORTER), null, in.patient() == null ? null : in.patient().value(),
                    JournalAction.IMPORT, OBJECT_TYPE, in.id().value().toString(), JournalDecision.PERMIT, "PLATFORM_IMPORT",
                    fr.hygie.journal.JournalChannel.SYSTEM, null));
            // The reminders of an appointment to come, as for a booking made here; no confirmation (the old platform sent it).
            byId(in.id()).filter(b -> b.status() == AppointmentStatus.BOOKED).ifPresent(b -> queueReminders(b, now()));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    // ---- reading ----

    static final String SELECT = """
            SELECT b.id, b.slot_id, b.professional_id, o.display_name, b.starts_at, b.ends_at, b.reason_id, r.label AS reason_label,
                   r.instructions, b.status, b.patient_id, b.person_family_name, b.person_given_name, b.person_birth_date,
                   b.contact_phone, b.contact_email, b.channel, b.booked_by_account_id, b.booked_by_name, b.booked_by_role,
                   b.acting_for_patient, b.replaces_booking_id, b.created_at,
                   concat_ws(', ', o.address_line, nullif(trim(concat_ws(' ', o.postcode, o.commune_name)), '')) AS address
            FROM appointments.booking b
            JOIN appointments.practitioner_offer o ON o.professional_id = b.professional_id
            LEFT JOIN appointments.visit_reason r ON r.id = b.reason_id""";

    static Booking map(ResultSet rs, int n) throws SQLException {
        UUID patient = rs.getObject("patient_id", UUID.class);
        UUID by = rs.getObject("booked_by_account_id", UUID.class);
        UUID replaces = rs.getObject("replaces_booking_id", UUID.class);
        java.sql.Date birth = rs.getDate("person_birth_date");
        return new Booking(new BookingId(rs.getObject("id", UUID.class)), new SlotId(rs.getObject("slot_id", UUID.class)),
                new ProfessionalId(rs.getObject("professional_id", UUID.class)), rs.getString("display_name"),
                rs.getString("address"), rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                rs.getObject("reason_id", UUID.class), rs.getString("reason_label"), rs.getString("instructions"),
                AppointmentStatus.ofFhir(rs.getString("status")), patient == null ? null : new PatientId(patient),
                rs.getString("person_family_name"), rs.getString("person_given_name"),
                birth == null ? null : birth.toLocalDate(), rs.getString("contact_phone"), rs.getString("contact_email"),
                BookingChannel.valueOf(rs.getString("channel")), by == null ? null : new AccountId(by),
                rs.getString("booked_by_name"), rs.getString("booked_by_role"), rs.getBoolean("acting_for_patient"),
                replaces == null ? null : new BookingId(replaces), rs.getTimestamp("created_at").toInstant());
    }

    public Optional<Booking> byId(BookingId id) {
        return jdbc.sql(SELECT + " WHERE b.id = :id").param("id", id.value()).query(Bookings::map).optional();
    }

    private Optional<Booking> lock(BookingId id) {
        jdbc.sql("SELECT id FROM appointments.booking WHERE id = :id FOR UPDATE").param("id", id.value()).query(UUID.class).optional();
        return byId(id);
    }

    /** A person's appointments, coming ones first then past ones (most recent first). */
    public List<Booking> ofPerson(PatientId patient) {
        return jdbc.sql(SELECT + " WHERE b.patient_id = :p ORDER BY b.starts_at < :now, abs(extract(epoch FROM b.starts_at - :now))")
                .param("p", patient.value()).param("now", Timestamp.from(now())).query(Bookings::map).list();
    }

    /** What a counter agent booked, newest first. */
    public List<Booking> bookedBy(AccountId agent, int limit) {
        return jdbc.sql(SELECT + " WHERE b.booked_by_account_id = :a ORDER BY b.created_at DESC LIMIT :l")
                .param("a", agent.value()).param("l", limit).query(Bookings::map).list();
    }

    /** A professional's bookings between two instants (their day or week), in time order. */
    public List<Booking> ofProfessional(ProfessionalId pro, Instant from, Instant to) {
        return jdbc.sql(SELECT + " WHERE b.professional_id = :p AND b.starts_at >= :f AND b.starts_at < :t ORDER BY b.starts_at, b.created_at")
                .param("p", pro.value()).param("f", Timestamp.from(from)).param("t", Timestamp.from(to))
                .query(Bookings::map).list();
    }

    /** Every slot of a professional between two days with the live booking on it, if any. */
    public List<AgendaEntry> agenda(ProfessionalId pro, LocalDate from, LocalDate untilExclusive) {
        Instant f = from.atStartOfDay(Directory.FRANCE).toInstant();
        Instant t = untilExclusive.atStartOfDay(Directory.FRANCE).toInstant();
        List<Booking> bookings = ofProfessional(pro, f, t);
        List<Slot> slots = jdbc.sql("""
                SELECT id, professional_id, starts_at, ends_at, status FROM appointments.slot
                WHERE professional_id = :p AND starts_at >= :f AND starts_at < :t ORDER BY starts_at""")
                .param("p", pro.value()).param("f", Timestamp.from(f)).param("t", Timestamp.from(t))
                .query((rs, n) -> Directory.slot(rs)).list();
        List<AgendaEntry> entries = new ArrayList<>();
        for (Slot s : slots) {
            Booking live = bookings.stream().filter(b -> b.slot().equals(s.id()) && b.status().holdsSlot()).findFirst().orElse(null);
            entries.add(new AgendaEntry(s, live));
        }
        return entries;
    }

    /** The name to show for the person of a booking (registered or not). */
    public String personName(Booking b) {
        if (b.registered()) {
            return patients.byId(b.patient()).map(Patient::displayName).orElse("Personne inconnue");
        }
        return b.personGivenName() + " " + b.personFamilyName();
    }

    // ---- journal ----

    private void journal(HygieUser user, Booking b, JournalAction action, String reasonCode) {
        JournalActor actor = new JournalActor(user.accountId().value(), user.displayName(), user.role().name());
        JournalActor actingFor = null;
        if (b.patient() != null && !b.patient().equals(user.patientId().orElse(null)) && user.role() != Role.PROFESSIONAL) {
            actingFor = new JournalActor(accounts.byPatient(b.patient()).map(a -> a.id().value()).orElse(null),
                    personName(b), Role.PATIENT.name());
        }
        journal.append(new JournalEntryDraft(actor, actingFor, b.patient() == null ? null : b.patient().value(), action,
                OBJECT_TYPE, b.id().value().toString(), JournalDecision.PERMIT, reasonCode, JournalChannel.WEB, null));
    }
}
