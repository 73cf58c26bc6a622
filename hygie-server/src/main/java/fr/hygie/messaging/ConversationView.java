package fr.hygie.messaging;

import java.util.List;

/**
 * An opened conversation: its summary, its messages in order, and whether this reader may reply (if
 * not, {@code replyRefusal} says why in plain French, and {@code replyRefusalWording} as a code for pages).
 */
public record ConversationView(ConversationSummary summary, List<MessageView> messages, boolean mayReply, String replyRefusal,
        MessagingWording replyRefusalWording) {

    public ConversationView {
        messages = List.copyOf(messages);
    }
}
