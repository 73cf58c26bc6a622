package fr.hygie.fhir;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SMART on FHIR scopes granted to an app (« périmètres »), v2 syntax {@code patient/Observation.rs},
 * {@code user/*.cruds}, and the v1 words {@code read}/{@code write}. {@code patient/} scopes reach only
 * the person in the token's patient context; {@code user/} scopes reach whatever the account may reach.
 * A browser session has {@link #ALL}: the account's own rights, nothing narrower.
 */
public final class SmartScopes {

    /** What a browser session may do: everything the account may do. */
    public static final SmartScopes ALL = new SmartScopes(List.of(new Grant(Context.USER, "*", "cruds")), true);

    public enum Context { PATIENT, USER }

    /** One interaction of the SMART v2 permission letters. */
    public enum Interaction {
        CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

        private final char letter;

        Interaction(char letter) {
            this.letter = letter;
        }
    }

    private record Grant(Context context, String type, String letters) {
        boolean allows(String resourceType, Interaction interaction) {
            return ("*".equals(type) || type.equals(resourceType)) && letters.indexOf(interaction.letter) >= 0;
        }
    }

    private final List<Grant> grants;
    private final boolean session;

    private SmartScopes(List<Grant> grants, boolean session) {
        this.grants = List.copyOf(grants);
        this.session = session;
    }

    /** Reads the scopes of a token; unknown scopes ({@code openid}, {@code launch/patient}…) grant no data. */
    public static SmartScopes parse(Collection<String> scopes) {
        List<Grant> grants = new ArrayList<>();
        for (String s : scopes) {
            int slash = s.indexOf('/');
            int dot = s.lastIndexOf('.');
            if (slash <= 0 || dot < slash + 2) {
                continue;
            }
            String ctx = s.substring(0, slash);
            Context context = "patient".equals(ctx) ? Context.PATIENT : "user".equals(ctx) ? Context.USER : null;
            if (context == null) {
                continue; // system/ scopes: no client-credentials apps yet
            }
            String type = s.substring(slash + 1, dot);
            String perm = s.substring(dot + 1).toLowerCase(Locale.ROOT);
            String letters = switch (perm) {
                case "read" -> "rs";
                case "write" -> "cud";
                case "*" -> "cruds";
                default -> perm.matches("c?r?u?d?s?") ? perm : "";
            };
            if (!letters.isEmpty()) {
                grants.add(new Grant(context, type, letters));
            }
        }
        return new SmartScopes(grants, false);
    }

    /** True for a browser session (no scopes: the account's rights apply as on the web). */
    public boolean session() {
        return session;
    }

    /** May the app do this interaction on this type in some context? */
    public boolean allows(String resourceType, Interaction interaction) {
        return grants.stream().anyMatch(g -> g.allows(resourceType, interaction));
    }

    /** May the app do it beyond the patient context (a {@code user/} grant)? */
    public boolean allowsBeyondPatientContext(String resourceType, Interaction interaction) {
        return grants.stream().anyMatch(g -> g.context() == Context.USER && g.allows(resourceType, interaction));
    }

    /** Every scope the FHIR API understands for these resource types, as offered to registered apps. */
    public static Set<String> catalogue(Collection<String> resourceTypes) {
        Set<String> all = new TreeSet<>(List.of("launch/patient", "fhirUser"));
        List<String> types = new ArrayList<>(resourceTypes);
        types.add("*");
        for (String context : List.of("patient", "user")) {
            for (String type : types) {
                for (String p : List.of("r", "s", "rs", "c", "u", "cu", "cud", "cruds", "read", "write")) {
                    all.add(context + "/" + type + "." + p);
                }
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return session ? "SmartScopes[session]" : "SmartScopes" + grants;
    }
}
