package fr.hygie.messaging;

import java.util.List;

/**
 * A message for the operator's whole-platform export (« réversibilité »): the message as its parties see
 * it and the clear content of each of its attachments, in the same order.
 */
public record ExportedMessage(MessageView message, List<byte[]> attachmentContents) {

    public ExportedMessage {
        attachmentContents = List.copyOf(attachmentContents);
    }
}
