package fr.hygie.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import fr.hygie.research.ProjectId;
import fr.hygie.research.Registry;
import fr.hygie.research.RegistryFhir;
import fr.hygie.research.RegistryFilter;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.stereotype.Component;

/**
 * {@code ResearchStudy}: the public registry of research projects (registre public, EHDS art. 57 and
 * 61(4)) at {@code /fhir}, read and search by {@code status} and {@code title}. Public like
 * {@code /recherche/registre}: no login and no scope needed; the mapping and the public fields are the
 * research module's ({@link RegistryFhir}, {@link Registry}), nothing else is read.
 */
@Component
public class ResearchStudyResourceProvider implements IResourceProvider {

    static final String TYPE = "ResearchStudy";

    private final Registry registry;

    ResearchStudyResourceProvider(Registry registry) {
        this.registry = registry;
    }

    @Override
    public Class<ResearchStudy> getResourceType() {
        return ResearchStudy.class;
    }

    @Read
    public ResearchStudy read(@IdParam IdType id) {
        return ProjectId.parse(id.getIdPart()).flatMap(registry::entry).map(RegistryFhir::researchStudy)
                .orElseThrow(() -> new ResourceNotFoundException(new IdType(TYPE, id.getIdPart())));
    }

    /**
     * {@code status} is the FHIR code (in-review, approved, active…); {@code title} matches the start of the
     * title (or any part with {@code :contains}, the whole with {@code :exact}), ignoring case and accents.
     */
    @Search
    public IBundleProvider search(@OptionalParam(name = ResearchStudy.SP_STATUS) TokenOrListParam status,
            @OptionalParam(name = ResearchStudy.SP_TITLE) StringParam title, @Offset Integer offset, @Count Integer count) {
        Set<String> statuses = new HashSet<>();
        if (status != null) {
            status.getValuesAsQueryTokens().stream().map(TokenParam::getValue).forEach(statuses::add);
        }
        List<ResearchStudy> found = registry.list(RegistryFilter.none()).stream().map(RegistryFhir::researchStudy)
                .filter(rs -> statuses.isEmpty() || statuses.contains(rs.getStatus().toCode()))
                .filter(rs -> title == null || matches(rs.getTitle(), title))
                .toList();
        return Pages.of(found, offset, count, Function.identity());
    }

    static boolean matches(String value, StringParam p) {
        if (value == null) {
            return false;
        }
        if (p.isExact()) {
            return value.equals(p.getValue());
        }
        String v = fold(value);
        String q = fold(p.getValue());
        return p.isContains() ? v.contains(q) : v.startsWith(q);
    }

    private static String fold(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip();
    }
}
