package fr.hygie.identity.web;

import fr.hygie.identity.Patients;
import fr.hygie.identity.Professionals;
import fr.hygie.identity.RegistrationRequests;
import fr.hygie.identity.RegistrationRequests.PatientForm;
import fr.hygie.identity.RegistrationRequests.ProfessionalForm;
import fr.hygie.identity.RegistrationRequests.StructureForm;
import fr.hygie.identity.StructureId;
import fr.hygie.identity.Structures;
import fr.hygie.platform.web.InvalidInput;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API to register identities (referential data). A bad identifier is refused with problem+json
 * naming the rule that failed; nothing is stored. Responses carry opaque ids, never an NIR.
 */
@RestController
@RequestMapping("/api/v1")
class IdentityApi {

    private final Patients patients;
    private final Professionals professionals;
    private final Structures structures;

    IdentityApi(Patients patients, Professionals professionals, Structures structures) {
        this.patients = patients;
        this.professionals = professionals;
        this.structures = structures;
    }

    /** A counter agent or an administrator registers a person with their INS. */
    @PostMapping("/patients")
    @PreAuthorize("hasAnyRole('COUNTER_AGENT', 'ADMIN')")
    ResponseEntity<Map<String, String>> registerPatient(@RequestBody PatientForm form) {
        var id = patients.register(RegistrationRequests.patient(form));
        return ResponseEntity.created(URI.create("/api/v1/patients/" + id)).body(Map.of("id", id.toString()));
    }

    @PostMapping("/professionals")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, String>> registerProfessional(@RequestBody ProfessionalForm form) {
        StructureId structure = form.structureFiness() == null || form.structureFiness().isBlank() ? null
                : structures.byFiness(form.structureFiness().trim()).map(s -> s.id()).orElseThrow(() -> new InvalidInput(
                        "STRUCTURE_UNKNOWN", "structureFiness", "Aucune structure enregistrée ne porte ce numéro FINESS."));
        if (professionals.byRpps(form.rpps() == null ? "" : form.rpps().trim()).isPresent()) {
            throw new InvalidInput("RPPS_ALREADY_REGISTERED", "rpps", "Ce professionnel est déjà enregistré.");
        }
        var id = professionals.register(RegistrationRequests.professional(form, structure));
        return ResponseEntity.created(URI.create("/api/v1/professionals/" + id)).body(Map.of("id", id.toString()));
    }

    @PostMapping("/structures")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, String>> registerStructure(@RequestBody StructureForm form) {
        if (structures.byFiness(form.finess() == null ? "" : form.finess().trim()).isPresent()) {
            throw new InvalidInput("FINESS_ALREADY_REGISTERED", "finess", "Cette structure est déjà enregistrée.");
        }
        var id = structures.register(RegistrationRequests.structure(form));
        return ResponseEntity.created(URI.create("/api/v1/structures/" + id)).body(Map.of("id", id.toString()));
    }
}
