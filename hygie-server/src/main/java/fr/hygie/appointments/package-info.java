/**
 * Appointments (prise de rendez-vous): the public directory of the care offer, professionals' agendas,
 * booking through every channel (online, by a representative, by a counter or phone agent for someone
 * without a digital account), reminders through the notifications module's outbox
 * ({@link fr.hygie.notifications.Outbox}, one outbox for the whole platform), iCalendar export.
 *
 * <p>Choices made where the texts are silent:
 * <ul>
 * <li>The directory keeps its own copy of a professional's offer ({@code practitioner_offer}), taken from
 * identity's API when the agenda is opened; identity never depends on this module.</li>
 * <li>One live booking per slot: the booking flips the slot from {@code free} to {@code busy} with a
 * conditional UPDATE in the same transaction (the loser sees zero rows and is told "ce créneau vient
 * d'être pris"); a partial unique index on live bookings is the database backstop.</li>
 * <li>A reason for visit is offered on a slot only when its duration fits the slot.</li>
 * <li>Notification texts (SMS, e-mail) carry the date, time, address, practitioner's name and a booking
 * reference: never a profession, specialty, title, reason or instruction (DOMAIN "Appointments": no health
 * data in an SMS or e-mail).</li>
 * <li>The private iCalendar feed of a professional holds times and statuses only, no patient name nor
 * reason: calendar clients fetch it through third-party servers.</li>
 * <li>A counter agent (also the phone operator) sees and prints only the bookings they made, and never
 * any medical content; they book with a reason chosen with the person.</li>
 * <li>A whole agenda moves with the operator's export and import ({@link fr.hygie.appointments.Agendas#importAgenda},
 * {@link fr.hygie.appointments.Agendas#importSlots}): ids kept (an appointment names its slot); the private feed's
 * secret is drawn again, never carried (like a password). An appointment imported before its agenda opens a
 * placeholder agenda, unpublished, that the agenda's import fills in; an agenda set up here is never overwritten.</li>
 * </ul>
 */
package fr.hygie.appointments;
