package fr.hygie.messaging;

import java.util.List;

/**
 * A message for the operator's whole-platform export (« réversibilité »): the message as its parties see
 * it and the clear content of each of its attachments, in the same order, when each attachment was filed into
 * the record (null when not filed; the documents themselves are in {@code MessageView.attachments()}), and the
 * read marks of its conversation.
 */
public record ExportedMessage(MessageView message, List<byte[]> attachmentContents, List<java.time.Instant> attachmentsFiledAt,
        List<ReadMark> readMarks) {

    public ExportedMessage {
        attachmentContents = List.copyOf(attachmentContents);
        attachmentsFiledAt = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(attachmentsFiledAt));
        readMarks = List.copyOf(readMarks);
    }

    public ExportedMessage(MessageView message, List<byte[]> attachmentContents) {
        this(message, attachmentContents, java.util.Collections.nCopies(attachmentContents.size(), null), List.of());
    }

    /**
     * What a reader has read of the message's conversation (« lu jusqu'à »): their login (accounts never travel;
     * the operator opens the same logins before importing) and the instant they read up to.
     */
    public record ReadMark(String login, java.time.Instant readUpTo) {
    }
}
