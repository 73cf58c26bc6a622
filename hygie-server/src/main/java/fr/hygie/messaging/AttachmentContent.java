package fr.hygie.messaging;

/** A decrypted attachment, for a permitted reader. */
public record AttachmentContent(AttachmentView attachment, byte[] bytes) {
}
