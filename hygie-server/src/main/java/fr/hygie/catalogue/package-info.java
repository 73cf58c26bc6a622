/**
 * Catalogue of referenced services (« référencement des services numériques en santé », the public grid
 * of Mon espace santé's catalogue) and the apps people connect to their space (SMART on FHIR).
 *
 * <p>Public API: {@link fr.hygie.catalogue.Catalogue} (apply, score, decide, public lists),
 * {@link fr.hygie.catalogue.AutomaticRefusals} (the pure refusal rules), {@link fr.hygie.catalogue.AppConnections}
 * (a person's connected apps, what they read, withdrawal), and their value types.
 *
 * <p>Publishers have no account: the public form gives a reference and a private status link carrying a
 * random 256-bit token, of which only the SHA-256 is stored; whoever holds the link sees the status and,
 * for a confidential app, may draw a new client secret (shown once). Reviewers are {@code REVIEWER}
 * accounts. The OAuth client of a referenced app is registered through
 * {@link fr.hygie.platform.security.oauth.ConnectedApps}; the authorisation server's tables belong to the
 * platform, never read here.
 */
package fr.hygie.catalogue;
