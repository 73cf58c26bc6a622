package fr.hygie.identity;

import java.util.UUID;

public record StructureId(UUID value) {
    public static StructureId of(String s) {
        return new StructureId(UUID.fromString(s));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
