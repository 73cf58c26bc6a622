package fr.hygie.appointments;

import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.NewProfessional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Rpps;
import fr.hygie.identity.Sex;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** Test professionals with agendas, registered through identity's API like real ones. */
@Component
class AppointmentsFixture {

    private final Professionals professionals;
    private final Agendas agendas;
    private final Accounts accounts;

    AppointmentsFixture(Professionals professionals, Agendas agendas, Accounts accounts) {
        this.professionals = professionals;
        this.agendas = agendas;
        this.accounts = accounts;
    }

    HygieUser user(String login) {
        return accounts.loadUserByUsername(login);
    }

    /** A professional registered in identity (not yet with an agenda). */
    ProfessionalId professional(String profession, String specialty, String family, String commune, double lat, double lon,
            Integer sector, boolean tele, List<String> languages) {
        String first10 = "3" + String.format("%09d", ThreadLocalRandom.current().nextLong(1_000_000_000L));
        return professionals.register(new NewProfessional(Rpps.parse(Rpps.withCheckDigit(first10)), profession, specialty,
                family, "Test", Sex.FEMALE, null, InseeCommuneCode.parse(commune), lat, lon, sector, tele, languages));
    }

    /** A GP near Quimper with an agenda open every day 08:00–20:00 in 30-minute slots. */
    ProfessionalId openEveryDay(String family) {
        ProfessionalId id = professional("10", "SM54", family, "29232", 47.9960, -4.1024, 1, true, List.of("fr"));
        agendas.open(id);
        agendas.replaceWeekly(id, everyDay(LocalTime.of(8, 0), LocalTime.of(20, 0), 30));
        return id;
    }

    static List<WeeklyHours> everyDay(LocalTime from, LocalTime to, int minutes) {
        List<WeeklyHours> rows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            rows.add(new WeeklyHours(null, d, from, to, minutes));
        }
        return rows;
    }
}
