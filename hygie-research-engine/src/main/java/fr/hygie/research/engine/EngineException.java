package fr.hygie.research.engine;

/**
 * A failure the engine explains to its caller in one sentence (bad input, unreadable source,
 * invalid specification). {@link EngineMain} prints the message and exits with code 1; anything
 * else is an internal error.
 */
public class EngineException extends RuntimeException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
