package fr.hygie.appointments;

import java.util.List;

/**
 * A professional's whole agenda as it moves from one platform to another (« réversibilité »): the
 * directory entry the professional keeps ({@link PractitionerOffer}, published flag included), the weekly
 * hours, the date overrides, the absences and the reasons for visit (active or not), each with its id so
 * that importing twice creates nothing twice. The slots travel on their own ({@link Slot}). The secret of
 * the private iCalendar feed never travels: the new platform draws a new one (the professional copies the
 * new address from their agenda page), as a password would not travel either.
 */
public record TransferredAgenda(PractitionerOffer offer, List<WeeklyHours> weekly, List<DateOverride> overrides,
        List<Absence> absences, List<VisitReason> reasons) {

    public TransferredAgenda {
        weekly = weekly == null ? List.of() : List.copyOf(weekly);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        absences = absences == null ? List.of() : List.copyOf(absences);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
