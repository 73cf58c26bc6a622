package fr.hygie.fhir;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import fr.hygie.fhir.SmartScopes.Interaction;
import fr.hygie.identity.Professional;
import fr.hygie.identity.ProfessionalId;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.Structure;
import fr.hygie.identity.StructureId;
import fr.hygie.identity.Structures;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.springframework.stereotype.Component;

/**
 * The directory of the care offer (« annuaire santé »): professionals, their roles and structures.
 * Public referential data, no patient data: any logged-in account may read it (within the app's
 * scopes), nothing is journaled. Searches are by national identifier (RPPS/idNat_PS, FINESS): the
 * identity module offers no search by name yet.
 */
public final class DirectoryResourceProviders {

    private DirectoryResourceProviders() {
    }

    static Optional<UUID> uuid(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<Professional> professionalByIdentifier(Professionals professionals, TokenParam identifier) {
        if (identifier == null) {
            return Optional.empty();
        }
        String system = identifier.getSystem();
        String value = identifier.getValue() == null ? "" : identifier.getValue().trim();
        if (system == null || system.isBlank()) {
            return professionals.byRpps(value).or(() -> value.length() == 12 && value.startsWith("8")
                    ? professionals.byRpps(value.substring(1)) : Optional.empty());
        }
        if (FhirMapper.RPPS_SYSTEM.equals(system)) {
            return professionals.byRpps(value);
        }
        if (FhirMapper.IDNAT_PS_SYSTEM.equals(system) && value.length() == 12 && value.startsWith("8")) {
            return professionals.byRpps(value.substring(1));
        }
        return Optional.empty();
    }

    @Component
    public static class PractitionerProvider implements IResourceProvider {
        private final Professionals professionals;

        PractitionerProvider(Professionals professionals) {
            this.professionals = professionals;
        }

        @Override
        public Class<Practitioner> getResourceType() {
            return Practitioner.class;
        }

        @Read
        public Practitioner read(@IdParam IdType id) {
            FhirCaller.current().require("Practitioner", Interaction.READ);
            return uuid(id.getIdPart()).flatMap(u -> professionals.byId(new ProfessionalId(u))).map(FhirMapper::practitioner)
                    .orElseThrow(() -> new ResourceNotFoundException(new IdType("Practitioner", id.getIdPart())));
        }

        @Search
        public IBundleProvider search(@RequiredParam(name = Practitioner.SP_IDENTIFIER) TokenParam identifier,
                @Offset Integer offset, @Count Integer count) {
            FhirCaller.current().require("Practitioner", Interaction.SEARCH);
            List<Professional> found = professionalByIdentifier(professionals, identifier).map(List::of).orElse(List.of());
            return Pages.of(found, offset, count, FhirMapper::practitioner);
        }
    }

    @Component
    public static class PractitionerRoleProvider implements IResourceProvider {
        private final Professionals professionals;

        PractitionerRoleProvider(Professionals professionals) {
            this.professionals = professionals;
        }

        @Override
        public Class<PractitionerRole> getResourceType() {
            return PractitionerRole.class;
        }

        /** One role per professional in Hygie: the role's id is the professional's. */
        @Read
        public PractitionerRole read(@IdParam IdType id) {
            FhirCaller.current().require("PractitionerRole", Interaction.READ);
            return uuid(id.getIdPart()).flatMap(u -> professionals.byId(new ProfessionalId(u))).map(FhirMapper::practitionerRole)
                    .orElseThrow(() -> new ResourceNotFoundException(new IdType("PractitionerRole", id.getIdPart())));
        }

        @Search
        public IBundleProvider search(@OptionalParam(name = PractitionerRole.SP_PRACTITIONER) ReferenceParam practitioner,
                @OptionalParam(name = PractitionerRole.SP_IDENTIFIER) TokenParam identifier,
                @Offset Integer offset, @Count Integer count) {
            FhirCaller.current().require("PractitionerRole", Interaction.SEARCH);
            Optional<Professional> found;
            if (practitioner != null) {
                found = uuid(practitioner.getIdPart()).flatMap(u -> professionals.byId(new ProfessionalId(u)));
                if (identifier != null) {
                    found = found.filter(p -> professionalByIdentifier(professionals, identifier).map(Professional::id)
                            .filter(p.id()::equals).isPresent());
                }
            } else if (identifier != null) {
                found = professionalByIdentifier(professionals, identifier);
            } else {
                throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException(
                        "Recherche d'un rôle : par practitioner ou par identifier (RPPS, idNat_PS).");
            }
            return Pages.of(found.map(List::of).orElse(List.of()), offset, count, FhirMapper::practitionerRole);
        }
    }

    @Component
    public static class OrganizationProvider implements IResourceProvider {
        private final Structures structures;

        OrganizationProvider(Structures structures) {
            this.structures = structures;
        }

        @Override
        public Class<Organization> getResourceType() {
            return Organization.class;
        }

        @Read
        public Organization read(@IdParam IdType id) {
            FhirCaller.current().require("Organization", Interaction.READ);
            return uuid(id.getIdPart()).flatMap(u -> structures.byId(new StructureId(u))).map(this::map)
                    .orElseThrow(() -> new ResourceNotFoundException(new IdType("Organization", id.getIdPart())));
        }

        @Search
        public IBundleProvider search(@RequiredParam(name = Organization.SP_IDENTIFIER) TokenParam identifier,
                @Offset Integer offset, @Count Integer count) {
            FhirCaller.current().require("Organization", Interaction.SEARCH);
            // An empty « identifier= » reaches here as null (HAPI drops empty values): nothing matches it.
            if (identifier == null) {
                return Pages.of(List.<Structure>of(), offset, count, this::map);
            }
            String system = identifier.getSystem();
            List<Structure> found = system != null && !system.isBlank() && !FhirMapper.FINESS_SYSTEM.equals(system) ? List.of()
                    : structures.byFiness(identifier.getValue() == null ? "" : identifier.getValue().trim()).map(List::of).orElse(List.of());
            return Pages.of(found, offset, count, this::map);
        }

        private Organization map(Structure s) {
            String partOf = s.legalEntityFiness() == null || s.legalEntityFiness().equals(s.finess()) ? null
                    : structures.byFiness(s.legalEntityFiness()).map(l -> l.id().value().toString()).orElse(null);
            return FhirMapper.organization(s, partOf);
        }
    }
}
