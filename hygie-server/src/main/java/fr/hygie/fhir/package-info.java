/**
 * FHIR R4 API (« API FHIR ») at {@code /fhir}: a HAPI FHIR plain server that translates FHIR reads,
 * searches and writes into the other modules' public APIs. No business rule lives here: every read of
 * a person's data goes through {@link fr.hygie.access.AccessControl}, which journals it (channel FHIR).
 *
 * <p>What this adapter adds, and why:
 * <ul>
 * <li>SMART on FHIR scopes restrict a token further than the account's rights: the scope is checked
 * first (403 when the app lacks it), then the same access decision as the web.</li>
 * <li>A hidden resource and an absent one give the same 404; searches decide every candidate before
 * counting, so {@code Bundle.total} and the pages count only what the reader may see (EHDS art. 8).
 * Paging links carry the reader's own query and an offset, never a resource id.</li>
 * <li>Writes are validated by the HAPI validator, then by the identity rules; a refusal is a 422
 * with an OperationOutcome and nothing is stored.</li>
 * </ul>
 */
package fr.hygie.fhir;
