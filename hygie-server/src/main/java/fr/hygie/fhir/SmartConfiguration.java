package fr.hygie.fhir;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /.well-known/smart-configuration} (SMART App Launch 2.x §2.1.2): where apps find the
 * authorisation and token endpoints and what the server supports. Served at the server root and under
 * the FHIR base ({@code /fhir/.well-known/smart-configuration}, by {@link HygieFhirServer}).
 */
@RestController
class SmartConfiguration {

    private final Set<String> scopes;

    SmartConfiguration(fr.hygie.platform.security.oauth.ScopeCatalogue fhirScopes) {
        this.scopes = fhirScopes.scopes();
    }

    @GetMapping("/.well-known/smart-configuration")
    ResponseEntity<String> configuration(HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(root(request)));
    }

    static String root(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }

    String json(String root) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", root);
        m.put("jwks_uri", root + "/oauth2/jwks");
        m.put("authorization_endpoint", root + "/oauth2/authorize");
        m.put("token_endpoint", root + "/oauth2/token");
        m.put("revocation_endpoint", root + "/oauth2/revoke");
        m.put("introspection_endpoint", root + "/oauth2/introspect");
        m.put("userinfo_endpoint", root + "/userinfo");
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        m.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_basic"));
        m.put("response_types_supported", List.of("code"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("scopes_supported", scopes.stream().sorted().toList());
        m.put("capabilities", List.of("launch-standalone", "client-public", "context-standalone-patient",
                "sso-openid-connect", "permission-offline", "permission-patient", "permission-user", "permission-v1",
                "permission-v2"));
        return toJson(m);
    }

    private static String toJson(Object o) {
        if (o instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            map.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(toJson(k)).append(':').append(toJson(v)));
            return b.append('}').toString();
        }
        if (o instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            list.forEach(v -> b.append(b.length() > 1 ? "," : "").append(toJson(v)));
            return b.append(']').toString();
        }
        String s = String.valueOf(o);
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
