/**
 * Where opaque bytes live on disk: the document store (ciphertext only, never clear health content)
 * and the crash-safe file writes that every key and blob file uses.
 */
package fr.hygie.platform.storage;
