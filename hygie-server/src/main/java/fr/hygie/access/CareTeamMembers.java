package fr.hygie.access;

import fr.hygie.identity.PatientId;
import fr.hygie.identity.ProfessionalId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The person's professionals as the person (or their representative) sees them on the controls page. */
public record CareTeamMembers(PatientId patient, Optional<TreatingPhysician> treatingPhysician,
        List<Authorised> authorised, List<Blocked> blocked) {

    public record TreatingPhysician(ProfessionalId professional, LocalDate since) {
    }

    public record Authorised(ProfessionalId professional, Instant since) {
    }

    public record Blocked(ProfessionalId professional, Instant since) {
    }

    public CareTeamMembers {
        authorised = List.copyOf(authorised);
        blocked = List.copyOf(blocked);
    }
}
