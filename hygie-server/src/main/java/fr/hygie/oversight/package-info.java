/**
 * Oversight (garantie humaine): human supervision of every algorithm the platform uses, and a human
 * contact for anyone who asks (CCNE avis 129; EU AI Act art. 14; CSP L4001-3, loi de bioéthique 2021).
 *
 * <ul>
 * <li>{@link fr.hygie.oversight.AlgorithmRegistry}: the public registry (registre des algorithmes):
 * purpose, provider, version, inputs, data, performance, the supervising role, status and history;
 * an admin registers, a reviewer approves, a suspension stops the algorithm at once.</li>
 * <li>{@link fr.hygie.oversight.PreventionReminders}: the first supervised algorithm, prevention
 * reminders from the French public calendars ({@code oversight/prevention-rules.csv}); every
 * suggestion waits in a validation queue for the person's médecin traitant (or the professional the
 * admin designated) and reaches nobody before a named person accepted it.</li>
 * <li>{@link fr.hygie.oversight.ContactRequests}: « Parler à une personne », a queue for the
 * human-contact staff (conseillers) with first-response delays measured against a target.</li>
 * </ul>
 *
 * <p>Choices made where the texts are silent:
 * <ul>
 * <li>Figures about groups of people (coverage, bias) suppress counts below 11 (« moins de 11 »), the
 * small-cell rule of the SNDS; a rate is shown only when none of its parts is suppressed.</li>
 * <li>A new version of an algorithm goes back to « en attente d'approbation »: a reviewer approves each
 * version, not the name.</li>
 * <li>Suspending is open to admins and reviewers (anyone who sees a problem stops it); resuming needs a
 * reviewer.</li>
 * </ul>
 */
package fr.hygie.oversight;
