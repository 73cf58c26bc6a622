package fr.hygie.messaging;

import java.util.List;

/**
 * A reader's conversations with unread counts, or, when they may not read them (a representative
 * without READ_MESSAGES, a role that never reads messages), why not in plain French and as a code for pages
 * ({@code refusalWording}).
 */
public record Inbox(List<ConversationSummary> conversations, String refusal, MessagingWording refusalWording) {

    public Inbox {
        conversations = List.copyOf(conversations);
    }

    public boolean allowed() {
        return refusal == null;
    }

    public int unread() {
        return conversations.stream().mapToInt(ConversationSummary::unread).sum();
    }
}
