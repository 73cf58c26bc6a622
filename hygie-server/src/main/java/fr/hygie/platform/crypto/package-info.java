/**
 * Encryption at rest of health content ("chiffrement des données de santé au repos", required of a
 * certified health data host, HDS): envelope encryption with Google Tink, the master keys
 * that wrap every data key, their rotation, and the keyed pseudonyms of research projects.
 *
 * <p>Layout under {@code HYGIE_HOME/keys}: {@code master-keyset.json} (the master keyset, 0600, unless
 * {@code hygie.keys.master-keyset} points elsewhere) and {@code pseudonyms/<purpose>.sealed} (one
 * pseudonym key per purpose, sealed under the master keys).
 */
package fr.hygie.platform.crypto;
