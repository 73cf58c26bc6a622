package fr.hygie.access;

/** What the person may be notified of (never with health data in the notification itself). */
public enum NotificationKind {
    NEW_DOCUMENT, NEW_AUTHORISATION, EMERGENCY_ACCESS, NEW_MESSAGE
}
