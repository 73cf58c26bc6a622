package fr.hygie.platform.crypto;

/** The master keys cannot be used: the message tells the operator what to do. Hygie refuses to start. */
public class MasterKeysUnavailableException extends RuntimeException implements fr.hygie.platform.StartupRefusal {

    public MasterKeysUnavailableException(String message) {
        super(message);
    }

    public MasterKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
