package fr.hygie.platform;

/**
 * An exception that stops Hygie from starting for a reason the operator can fix; its message is one
 * plain sentence that the launcher prints on its own, after Spring's technical report.
 */
public interface StartupRefusal {
    String getMessage();
}
