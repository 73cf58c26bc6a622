package fr.hygie.platform.database;

/** The embedded PostgreSQL could not start; the message tells the user what to do instead. */
public class EmbeddedDatabaseUnavailableException extends RuntimeException implements fr.hygie.platform.StartupRefusal {

    public static final String ADVICE = "Hygie n'a pas pu démarrer sa base PostgreSQL intégrée ("
            + "%s). Indiquez un serveur PostgreSQL 15 ou plus récent avec HYGIE_DATABASE_URL, "
            + "HYGIE_DATABASE_USER et HYGIE_DATABASE_PASSWORD — The embedded PostgreSQL could not start; "
            + "point Hygie at a PostgreSQL 15+ server with HYGIE_DATABASE_URL.";

    public EmbeddedDatabaseUnavailableException(Throwable cause) {
        super(ADVICE.formatted(rootMessage(cause)), cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m != null && m.contains("cannot be run as root")) {
            return "initdb refuse de tourner sous root et la commande « unshare » est absente";
        }
        return m == null ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
