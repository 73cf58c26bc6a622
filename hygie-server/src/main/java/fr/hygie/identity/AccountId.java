package fr.hygie.identity;

import java.util.UUID;

public record AccountId(UUID value) {
    public static AccountId of(String s) {
        return new AccountId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
