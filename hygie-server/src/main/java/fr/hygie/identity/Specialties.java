package fr.hygie.identity;

import fr.hygie.identity.InvalidIdentifier.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled subset of the ordinal specialties nomenclature (TRE_R38_SpecialiteOrdinale), read from
 * {@code identity/specialties.csv}; every specialty names the profession it belongs to. Immutable.
 */
public final class Specialties {

    static final String RESOURCE = "identity/specialties.csv";

    private final Map<String, Specialty> byCode;
    private final List<Specialty> all;

    private Specialties(List<Specialty> specialties, Professions professions) {
        Map<String, Specialty> map = new LinkedHashMap<>();
        for (Specialty s : specialties) {
            if (professions.find(s.professionCode()).isEmpty()) {
                throw new IllegalStateException("Specialty " + s.code() + " names unknown profession " + s.professionCode());
            }
            if (map.put(s.code(), s) != null) {
                throw new IllegalStateException("Duplicate specialty code " + s.code());
            }
        }
        this.byCode = Map.copyOf(map);
        this.all = List.copyOf(map.values());
    }

    /** The catalogue shipped with Hygie (loaded once, immutable). */
    public static Specialties bundled() {
        return Holder.BUNDLED;
    }

    public Optional<Specialty> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** The specialty with this code, or {@link InvalidIdentifier} with {@link Reason#SPECIALTY_UNKNOWN}. */
    public Specialty require(String code) {
        return find(code).orElseThrow(() -> new InvalidIdentifier(Reason.SPECIALTY_UNKNOWN, "specialty"));
    }

    /**
     * The specialty, checked to belong to the profession: e.g. a nurse cannot hold SM54.
     * Refuses with {@link Reason#PROFESSION_UNKNOWN}, {@link Reason#SPECIALTY_UNKNOWN} or
     * {@link Reason#SPECIALTY_NOT_FOR_PROFESSION}.
     */
    public Specialty requireFor(String professionCode, String specialtyCode) {
        Profession profession = Professions.bundled().require(professionCode);
        Specialty specialty = require(specialtyCode);
        if (!specialty.belongsTo(profession)) {
            throw new InvalidIdentifier(Reason.SPECIALTY_NOT_FOR_PROFESSION, "specialty");
        }
        return specialty;
    }

    /** All specialties in file order. */
    public List<Specialty> all() {
        return all;
    }

    /** The specialties of one profession (empty for a profession without ordinal specialty). */
    public List<Specialty> forProfession(String professionCode) {
        return all.stream().filter(s -> s.professionCode().equals(professionCode)).toList();
    }

    private static final class Holder {
        static final Specialties BUNDLED = new Specialties(CodeListCsv.rows(RESOURCE, 6).stream()
                .map(r -> new Specialty(r[0], r[1], r[2], r[3], r[4], r[5]))
                .toList(), Professions.bundled());
    }
}
