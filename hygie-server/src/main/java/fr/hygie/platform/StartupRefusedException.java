package fr.hygie.platform;

/** Hygie refuses to start, for the reason in the message (see {@link StartupRefusal}). */
public class StartupRefusedException extends IllegalStateException implements StartupRefusal {
    public StartupRefusedException(String message) {
        super(message);
    }
}
