package fr.hygie.record;

/** A document with its decrypted content, handed only to a permitted reader. */
public record DocumentContent(DocumentSummary summary, byte[] bytes) {
}
