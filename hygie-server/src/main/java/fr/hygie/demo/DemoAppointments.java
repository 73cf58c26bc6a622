package fr.hygie.demo;

import fr.hygie.appointments.Agendas;
import fr.hygie.appointments.BookedFor;
import fr.hygie.appointments.BookingRequest;
import fr.hygie.appointments.Bookings;
import fr.hygie.appointments.Directory;
import fr.hygie.appointments.OfferUpdate;
import fr.hygie.appointments.PractitionerOffer;
import fr.hygie.appointments.Slot;
import fr.hygie.appointments.VisitReason;
import fr.hygie.appointments.WeeklyHours;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.synth.GenerationSpec;
import fr.hygie.synth.SynthProfessional;
import fr.hygie.synth.SyntheticPopulation;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Demo agendas: the named professionals (medecin, medecin2, dentiste, kine, infirmier) and two in three
 * of the generated ones, with weekly schedules, reasons and slots over the horizon, plus a few bookings
 * (patient with medecin; patient2 booked by aidant with kine), all through the appointments API.
 */
@Component
class DemoAppointments {

    private final Agendas agendas;
    private final Bookings bookings;
    private final Directory directory;
    private final Professionals professionals;
    private final Accounts accounts;
    private final Clock clock;

    DemoAppointments(Agendas agendas, Bookings bookings, Directory directory, Professionals professionals, Accounts accounts,
            Clock clock) {
        this.agendas = agendas;
        this.bookings = bookings;
        this.directory = directory;
        this.professionals = professionals;
        this.accounts = accounts;
        this.clock = clock;
    }

    void load(DemoCast cast, GenerationSpec generated) {
        castAgenda(cast.professional("medecin"), 15, true, "0478000101",
                List.of(reason("Consultation", 15, "Apportez votre carte Vitale et vos ordonnances en cours."),
                        reason("Renouvellement d'ordonnance", 15, null), reason("Vaccination", 15, "Apportez votre carnet de vaccination.")));
        castAgenda(cast.professional("medecin2"), 20, false, "0478000102",
                List.of(reason("Consultation", 20, "Apportez votre carte Vitale."), reason("Certificat médical", 20, null)));
        castAgenda(cast.professional("dentiste"), 30, true, "0478000105",
                List.of(reason("Contrôle", 30, null), reason("Soin dentaire", 30, "Brossez-vous les dents avant de venir.")));
        castAgenda(cast.professional("kine"), 30, true, "0478000106",
                List.of(reason("Séance de rééducation", 30, "Apportez l'ordonnance et une tenue souple.")));
        castAgenda(cast.professional("infirmier"), 15, true, "0478000104",
                List.of(reason("Prise de sang", 15, "Venez à jeun si l'ordonnance le demande."), reason("Pansement", 15, null)));
        if (generated != null) {
            List<SynthProfessional> all = new SyntheticPopulation(generated).professionals();
            for (int i = 0; i < all.size(); i++) {
                if (i % 3 != 2) {
                    SynthProfessional p = all.get(i);
                    professionals.byRpps(p.rpps()).ifPresent(found -> generatedAgenda(found.id(), p));
                }
            }
        }
        demoBookings(cast);
    }

    private record Reason(String label, int minutes, String instructions) {
    }

    private static Reason reason(String label, int minutes, String instructions) {
        return new Reason(label, minutes, instructions);
    }

    private void castAgenda(ProfessionalId id, int slotMinutes, boolean wheelchair, String phone, List<Reason> reasons) {
        PractitionerOffer o = agendas.open(id);
        OfferUpdate u = OfferUpdate.of(o);
        agendas.updateOffer(id, new OfferUpdate(u.addressLine(), u.postcode(), u.communeName(), phone, u.sector(), true,
                u.teleconsultation(), u.languages(), wheelchair, wheelchair, u.services(), "Du lundi au vendredi", true));
        for (Reason r : reasons) {
            agendas.addReason(id, r.label(), r.minutes(), r.instructions());
        }
        agendas.replaceWeekly(id, week(LocalTime.of(8, 30), LocalTime.of(12, 0), LocalTime.of(14, 0), LocalTime.of(18, 0), slotMinutes));
    }

    private void generatedAgenda(ProfessionalId id, SynthProfessional p) {
        PractitionerOffer o = agendas.open(id);
        OfferUpdate u = OfferUpdate.of(o);
        agendas.updateOffer(id, new OfferUpdate(o.addressLine() != null ? u.addressLine() : p.addressLine(),
                o.postcode() != null ? u.postcode() : p.postcode(), u.communeName(), null, u.sector(), p.conventionSector() == 1,
                u.teleconsultation(), u.languages(), p.rpps().hashCode() % 2 == 0, false, null, null, true));
        agendas.addReason(id, "Consultation", 20, null);
        agendas.replaceWeekly(id, week(LocalTime.of(9, 0), LocalTime.of(12, 0), LocalTime.of(14, 0), LocalTime.of(17, 0), 20));
    }

    private static List<WeeklyHours> week(LocalTime am, LocalTime noon, LocalTime pm, LocalTime evening, int minutes) {
        List<WeeklyHours> rows = new ArrayList<>();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            rows.add(new WeeklyHours(null, d, am, noon, minutes));
            rows.add(new WeeklyHours(null, d, pm, evening, minutes));
        }
        return rows;
    }

    private void demoBookings(DemoCast cast) {
        book("patient", cast.professional("medecin"), new BookedFor.Registered(cast.patient("patient")), Duration.ofDays(3), "0612345678");
        book("aidant", cast.professional("kine"), new BookedFor.Registered(cast.patient("patient2")), Duration.ofDays(5), null);
        book("patient", cast.professional("dentiste"), new BookedFor.Registered(cast.patient("mineur")), Duration.ofDays(9), null);
    }

    private void book(String login, ProfessionalId pro, BookedFor person, Duration after, String phone) {
        HygieUser user = accounts.loadUserByUsername(login);
        Optional<Slot> slot = directory.freeSlots(pro, clock.instant().plus(after), clock.instant().plus(after).plus(Duration.ofDays(14)), 1)
                .stream().findFirst();
        List<VisitReason> reasons = agendas.reasons(pro, true);
        slot.ifPresent(s -> bookings.book(user, new BookingRequest(s.id(), reasons.isEmpty() ? null : reasons.get(0).id(),
                person, phone, null)));
    }
}
