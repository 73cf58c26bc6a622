package fr.hygie.access;

/** How the person may be notified. By default only in the application. */
public enum NotificationChannel {
    EMAIL, SMS, APP;

    public boolean onByDefault() {
        return this == APP;
    }
}
