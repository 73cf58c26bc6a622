package fr.hygie.platform.security.oauth;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The apps allowed to ask for tokens, kept in PostgreSQL ({@code oauth2_registered_client}, Spring
 * Authorization Server's standard table): the demo app in demo mode, and the apps the catalogue admitted
 * ({@link ConnectedApps}). A suspended app is unknown to the authorisation and token endpoints
 * ({@link #findByClientId} answers nothing) but stays readable by id, because stored authorisations
 * refer to it until they are deleted.
 */
public final class RegisteredClients implements RegisteredClientRepository {

    /** Client setting set on an app the catalogue suspended. */
    static final String SUSPENDED = "fr.hygie.suspended";

    private final JdbcRegisteredClientRepository jdbc;

    RegisteredClients(JdbcOperations jdbc) {
        this.jdbc = new JdbcRegisteredClientRepository(jdbc);
    }

    @Override
    public void save(RegisteredClient client) {
        jdbc.save(client);
    }

    @Override
    public RegisteredClient findById(String id) {
        return jdbc.findById(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        RegisteredClient client = jdbc.findByClientId(clientId);
        return client == null || suspended(client) ? null : client;
    }

    /** The registration even when suspended (for the catalogue's own changes). */
    RegisteredClient findAnyByClientId(String clientId) {
        return jdbc.findByClientId(clientId);
    }

    static boolean suspended(RegisteredClient client) {
        return Boolean.TRUE.equals(client.getClientSettings().getSetting(SUSPENDED));
    }
}
