package fr.hygie.platform.security.oauth;

import fr.hygie.platform.web.Html;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent screen (« autorisation d'accès d'une application »): the person sees which app asks for
 * what and ticks what they allow. French first, no script, no third-party resource (the default page of
 * Spring Authorization Server loads a stylesheet from a CDN, which Hygie never does). Texts come from the
 * message bundles ({@code oauth.*} keys) in the reader's language, {@code <html lang>} following (RGAA 8.3).
 */
@Controller
class ConsentPage {

    private final RegisteredClients clients;
    private final MessageSource messages;
    private final ScopeDescriptions descriptions;

    ConsentPage(RegisteredClients clients, MessageSource messages, ScopeDescriptions descriptions) {
        this.clients = clients;
        this.messages = messages;
        this.descriptions = descriptions;
    }

    @GetMapping(value = AuthorizationServerConfiguration.CONSENT_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> consent(@RequestParam(OAuth2ParameterNames.CLIENT_ID) String clientId,
            @RequestParam(OAuth2ParameterNames.SCOPE) String scope, @RequestParam(OAuth2ParameterNames.STATE) String state) {
        Locale locale = locale();
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML)
                    .body(page("<p>" + esc(text(locale, "oauth.consent.unknownApp")) + "</p>", locale));
        }
        Set<String> scopes = new TreeSet<>(Arrays.asList(scope.trim().split("\\s+")));
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(text(locale, "oauth.consent.h1"))).append("</h1>");
        b.append("<p>").append(esc(text(locale, "oauth.consent.before"))).append(" <strong>").append(esc(client.getClientName()))
                .append("</strong> ").append(esc(text(locale, "oauth.consent.after"))).append("</p>");
        b.append("<form class=\"form\" method=\"post\" action=\"/oauth2/authorize\">");
        b.append("<input type=\"hidden\" name=\"client_id\" value=\"").append(esc(clientId)).append("\">");
        b.append("<input type=\"hidden\" name=\"state\" value=\"").append(esc(state)).append("\">");
        b.append("<fieldset><legend>").append(esc(text(locale, "oauth.consent.legend"))).append("</legend>");
        int i = 0;
        for (String s : scopes) {
            String id = "scope-" + i++;
            b.append("<div class=\"field\"><input type=\"checkbox\" name=\"scope\" id=\"").append(id).append("\" value=\"")
                    .append(esc(s)).append("\" checked> <label for=\"").append(id).append("\">").append(esc(descriptions.describe(s, locale)))
                    .append(" <code>").append(esc(s)).append("</code></label></div>");
        }
        b.append("</fieldset>");
        b.append("<button class=\"button\" type=\"submit\">").append(esc(text(locale, "oauth.consent.allow"))).append("</button>");
        b.append("</form>");
        b.append("<form method=\"post\" action=\"/oauth2/authorize\">");
        b.append("<input type=\"hidden\" name=\"client_id\" value=\"").append(esc(clientId)).append("\">");
        b.append("<input type=\"hidden\" name=\"state\" value=\"").append(esc(state)).append("\">");
        b.append("<button class=\"button\" type=\"submit\">").append(esc(text(locale, "oauth.consent.deny"))).append("</button></form>");
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(page(b.toString(), locale));
    }

    /** The reader's language: English when asked for (?lang=en, remembered), French otherwise. */
    private static Locale locale() {
        Locale l = LocaleContextHolder.getLocale();
        return l != null && "en".equals(l.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }

    /** A sentence for a scope, SMART on FHIR v2 syntax ({@code patient/Observation.rs}) or OpenID Connect. */
    static String describe(String scope) {
        switch (scope) {
            case "openid":
                return "Vous identifier";
            case "profile":
                return "Connaître votre nom";
            case "fhirUser":
                return "Connaître votre compte Hygie";
            case "offline_access":
                return "Rester connectée ou connecté sans vous redemander votre mot de passe";
            case "launch/patient":
                return "Savoir de quelle personne il s'agit";
            default:
                break;
        }
        int slash = scope.indexOf('/');
        int dot = scope.lastIndexOf('.');
        if (slash < 0 || dot < slash) {
            return "Accès « " + scope + " »";
        }
        String context = scope.substring(0, slash);
        String type = scope.substring(slash + 1, dot);
        String perms = scope.substring(dot + 1).toLowerCase(Locale.ROOT);
        // SMART v1 spelled permissions as words ("read", "write"), v2 as letters ("cruds").
        boolean v1 = perms.equals("read") || perms.equals("write") || perms.equals("*");
        boolean reads = v1 ? !perms.equals("write") : perms.contains("r") || perms.contains("s");
        boolean writes = v1 ? !perms.equals("read") : perms.contains("c") || perms.contains("u") || perms.contains("d");
        StringBuilder what = new StringBuilder();
        if (reads) {
            what.append("lire");
        }
        if (writes) {
            what.append(what.length() > 0 ? " et modifier" : "modifier");
        }
        if (what.length() == 0) {
            return "Accès « " + scope + " »";
        }
        String data = "*".equals(type) ? "toutes les données" : "les données de type " + type;
        String whose = "patient".equals(context) ? " de votre espace santé" : " auxquelles votre compte a accès";
        return Character.toUpperCase(what.charAt(0)) + what.substring(1) + " " + data + whose;
    }

    private String page(String body, Locale locale) {
        return "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + esc(text(locale, "oauth.consent.title")) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/css/hygie.css\"></head><body><main><section>" + body
                + "</section></main></body></html>";
    }

    /** Hygie's one HTML escape ({@link Html}, as Thymeleaf's {@code th:text}): the page is UTF-8, accents stay as they are. */
    private static String esc(String s) {
        return Html.escape(s);
    }
}
