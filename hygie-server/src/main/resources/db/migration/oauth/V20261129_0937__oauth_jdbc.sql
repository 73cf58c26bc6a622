-- Embedded authorisation server (platform/security/oauth): Spring Authorization Server's standard JDBC
-- schema, so that registered apps, authorisations (codes, access and refresh tokens) and consents
-- survive a restart and a revocation stays revoked. Adapted for PostgreSQL as the upstream schema asks
-- (blob -> text, timestamp -> timestamptz); scope and URI lists widened to text because the demo app
-- may ask for every SMART scope. Table names are fixed by Spring Authorization Server (no schema
-- prefix possible): they live in the default schema, like Spring Modulith's event_publication.
CREATE TABLE oauth2_registered_client (
    id                            varchar(100) NOT NULL,
    client_id                     varchar(100) NOT NULL,
    client_id_issued_at           timestamptz  DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret                 varchar(200) DEFAULT NULL,
    client_secret_expires_at      timestamptz  DEFAULT NULL,
    client_name                   varchar(200) NOT NULL,
    client_authentication_methods text         NOT NULL,
    authorization_grant_types     text         NOT NULL,
    redirect_uris                 text         DEFAULT NULL,
    post_logout_redirect_uris     text         DEFAULT NULL,
    scopes                        text         NOT NULL,
    client_settings               text         NOT NULL,
    token_settings                text         NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX oauth2_registered_client_client_id_idx ON oauth2_registered_client (client_id);

CREATE TABLE oauth2_authorization (
    id                            varchar(100) NOT NULL,
    registered_client_id          varchar(100) NOT NULL,
    principal_name                varchar(200) NOT NULL,
    authorization_grant_type      varchar(100) NOT NULL,
    authorized_scopes             text         DEFAULT NULL,
    attributes                    text         DEFAULT NULL,
    state                         varchar(500) DEFAULT NULL,
    authorization_code_value      text         DEFAULT NULL,
    authorization_code_issued_at  timestamptz  DEFAULT NULL,
    authorization_code_expires_at timestamptz  DEFAULT NULL,
    authorization_code_metadata   text         DEFAULT NULL,
    access_token_value            text         DEFAULT NULL,
    access_token_issued_at        timestamptz  DEFAULT NULL,
    access_token_expires_at       timestamptz  DEFAULT NULL,
    access_token_metadata         text         DEFAULT NULL,
    access_token_type             varchar(100) DEFAULT NULL,
    access_token_scopes           text         DEFAULT NULL,
    oidc_id_token_value           text         DEFAULT NULL,
    oidc_id_token_issued_at       timestamptz  DEFAULT NULL,
    oidc_id_token_expires_at      timestamptz  DEFAULT NULL,
    oidc_id_token_metadata        text         DEFAULT NULL,
    refresh_token_value           text         DEFAULT NULL,
    refresh_token_issued_at       timestamptz  DEFAULT NULL,
    refresh_token_expires_at      timestamptz  DEFAULT NULL,
    refresh_token_metadata        text         DEFAULT NULL,
    user_code_value               text         DEFAULT NULL,
    user_code_issued_at           timestamptz  DEFAULT NULL,
    user_code_expires_at          timestamptz  DEFAULT NULL,
    user_code_metadata            text         DEFAULT NULL,
    device_code_value             text         DEFAULT NULL,
    device_code_issued_at         timestamptz  DEFAULT NULL,
    device_code_expires_at        timestamptz  DEFAULT NULL,
    device_code_metadata          text         DEFAULT NULL,
    PRIMARY KEY (id)
);
-- Lookups by code, refresh token and state at the token endpoint: hash indexes (equality only; a JWT can
-- exceed the size a btree entry allows).
CREATE INDEX oauth2_authorization_state_idx ON oauth2_authorization USING hash (state);
CREATE INDEX oauth2_authorization_code_idx ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX oauth2_authorization_access_idx ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX oauth2_authorization_refresh_idx ON oauth2_authorization USING hash (refresh_token_value);
CREATE INDEX oauth2_authorization_principal_idx ON oauth2_authorization (principal_name, registered_client_id);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name       varchar(200) NOT NULL,
    authorities          text         NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
