/**
 * Access: the one decision point for every read and write of a person's health data (DOMAIN "Who may
 * see what"). Other modules call {@link fr.hygie.access.AccessControl} before any health data leave
 * them; it gathers the facts, asks the pure {@link fr.hygie.access.AccessPolicy} and journals the
 * decision in the same transaction (fail closed). The person's controls live here too:
 * {@link fr.hygie.access.CareTeam}, {@link fr.hygie.access.SharingSettings},
 * {@link fr.hygie.access.EmergencyAccess} (bris de glace), {@link fr.hygie.access.Regulators}.
 *
 * <p>Choices made where the texts are silent (see also the Javadoc of {@code AccessPolicy}):
 * <ul>
 * <li>Any professional may add a document, even a blocked one: sending without consent is allowed and a
 * refused write would reveal the block.</li>
 * <li>A block applies inside an emergency session, which still opens: the record looks empty and the
 * journal shows each refusal (BLOCKED) to the person and to auditors.</li>
 * <li>A document type the matrice d'habilitation does not list is visible to médecins (10) only.</li>
 * <li>The care team is the médecin traitant plus the professionals the person authorised; a blocked
 * professional must be unblocked before being declared médecin traitant; only a médecin can be.</li>
 * <li>The controls pages (care team, settings, unseen emergency accesses) are for the person and for a
 * representative holding MANAGE_SHARING; VIEW_DOCUMENTS alone does not show them.</li>
 * <li>A refusal's reason goes to the journal, never to the refused professional.</li>
 * </ul>
 */
package fr.hygie.access;
