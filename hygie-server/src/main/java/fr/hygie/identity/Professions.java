package fr.hygie.identity;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled subset of the health professions nomenclature (TRE_G15_ProfessionSante), read from
 * {@code identity/professions.csv}. Immutable.
 */
public final class Professions {

    static final String RESOURCE = "identity/professions.csv";

    private final Map<String, Profession> byCode;
    private final List<Profession> all;

    private Professions(List<Profession> professions) {
        Map<String, Profession> map = new LinkedHashMap<>();
        for (Profession p : professions) {
            if (map.put(p.code(), p) != null) {
                throw new IllegalStateException("Duplicate profession code " + p.code());
            }
        }
        this.byCode = Map.copyOf(map);
        this.all = List.copyOf(map.values());
    }

    /** The catalogue shipped with Hygie (loaded once, immutable). */
    public static Professions bundled() {
        return Holder.BUNDLED;
    }

    public Optional<Profession> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.strip()));
    }

    /** The profession with this code, or {@link InvalidIdentifier} with {@link Reason#PROFESSION_UNKNOWN}. */
    public Profession require(String code) {
        return find(code).orElseThrow(() -> new InvalidIdentifier(Reason.PROFESSION_UNKNOWN, "profession"));
    }

    /** All professions in nomenclature order. */
    public List<Profession> all() {
        return all;
    }

    private static final class Holder {
        static final Professions BUNDLED = new Professions(CodeListCsv.rows(RESOURCE, 5).stream()
                .map(r -> new Profession(r[0], r[1], r[2], r[3], r[4]))
                .toList());
    }
}
