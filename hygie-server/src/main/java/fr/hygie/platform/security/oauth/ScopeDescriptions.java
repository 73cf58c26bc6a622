package fr.hygie.platform.security.oauth;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What a scope lets an app do, in a sentence of the reader's language ({@code oauth.scope.*} keys of the
 * message bundles): SMART on FHIR v1/v2 scopes ({@code patient/Observation.rs}) and OpenID Connect ones. The
 * consent screen and the "my apps" page show it; {@link ConsentPage#describe(String)} keeps the French sentence.
 */
@Component
public class ScopeDescriptions {

    private final MessageSource messages;

    ScopeDescriptions(MessageSource messages) {
        this.messages = messages;
    }

    /** In the current request's language. */
    public String describe(String scope) {
        Locale l = LocaleContextHolder.getLocale();
        return describe(scope, l != null && "en".equals(l.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH);
    }

    /** A sentence for a scope in {@code locale} (French unless English). */
    public String describe(String scope, Locale locale) {
        switch (scope) {
            case "openid":
            case "profile":
            case "fhirUser":
            case "offline_access":
                return text(locale, "oauth.scope." + scope);
            case "launch/patient":
                return text(locale, "oauth.scope.launchPatient");
            default:
                break;
        }
        int slash = scope.indexOf('/');
        int dot = scope.lastIndexOf('.');
        if (slash < 0 || dot < slash) {
            return text(locale, "oauth.scope.other", scope);
        }
        String context = scope.substring(0, slash);
        String type = scope.substring(slash + 1, dot);
        String perms = scope.substring(dot + 1).toLowerCase(Locale.ROOT);
        boolean v1 = perms.equals("read") || perms.equals("write") || perms.equals("*");
        boolean reads = v1 ? !perms.equals("write") : perms.contains("r") || perms.contains("s");
        boolean writes = v1 ? !perms.equals("read") : perms.contains("c") || perms.contains("u") || perms.contains("d");
        if (!reads && !writes) {
            return text(locale, "oauth.scope.other", scope);
        }
        String what = reads && writes ? "readWrite" : reads ? "read" : "write";
        String whose = "patient".equals(context) ? "patient" : "user";
        return "*".equals(type) ? text(locale, "oauth.scope." + what + ".all." + whose)
                : text(locale, "oauth.scope." + what + ".type." + whose, type);
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }
}
