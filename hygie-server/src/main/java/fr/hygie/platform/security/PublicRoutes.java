package fr.hygie.platform.security;

import java.util.List;

/**
 * Paths any visitor may reach without logging in. Each module that has public pages (appointment
 * search, research registry, catalogue…) declares a bean of this type; everything else requires login.
 */
public record PublicRoutes(List<String> patterns) {
    public static PublicRoutes of(String... patterns) {
        return new PublicRoutes(List.of(patterns));
    }
}
