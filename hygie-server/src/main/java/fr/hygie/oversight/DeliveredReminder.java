package fr.hygie.oversight;

import java.time.Instant;

/**
 * A prevention reminder as the person sees it: the invitation, « pourquoi ce message ? », that an
 * algorithm proposed it (name, version) and who validated it (CSP L4001-3: the person is told).
 */
public record DeliveredReminder(String ruleName, String text, String why, String source, String algorithmName,
        String algorithmVersion, String validatedBy, boolean edited, Instant validatedAt, String delivery) {
}
