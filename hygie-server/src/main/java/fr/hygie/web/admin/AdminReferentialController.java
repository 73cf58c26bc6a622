package fr.hygie.web.admin;

import fr.hygie.identity.Finess;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.InseeCommuneCode;
import fr.hygie.identity.InvalidIdentifier;
import fr.hygie.identity.NewStructure;
import fr.hygie.identity.Professions;
import fr.hygie.identity.Specialties;
import fr.hygie.identity.Structure;
import fr.hygie.identity.StructureKind;
import fr.hygie.identity.Structures;
import fr.hygie.web.WebMessages;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Referential data for the administrator: the register of structures (« entités juridiques » and their
 * « établissements géographiques », by FINESS) with a validated form to register one, and the national code
 * lists of professions (TRE_G15) and specialties (TRE_R38) shown read-only with their sources. No medical
 * content is read here.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminReferentialController {

    private static final Logger log = LoggerFactory.getLogger(AdminReferentialController.class);
    static final int STRUCTURES_PAGE = 50;

    private final Structures structures;
    private final WebMessages texts;

    AdminReferentialController(Structures structures, WebMessages texts) {
        this.structures = structures;
        this.texts = texts;
    }

    /** The structure form as typed, so that a refused form comes back filled in. */
    public record StructureForm(String finess, String kind, String legalEntity, String name, String category, String address,
            String postcode, String commune) {

        static StructureForm empty() {
            return new StructureForm("", StructureKind.GEOGRAPHIC_SITE.name(), "", "", "", "", "", "");
        }
    }

    @GetMapping("/admin/structures")
    String structuresPage(@RequestParam(name = "q", defaultValue = "") String query, @RequestParam(name = "page", defaultValue = "0") int page,
            Model model) {
        return structuresView(query, page, StructureForm.empty(), Map.of(), model);
    }

    private String structuresView(String query, int page, StructureForm form, Map<String, String> errors, Model model) {
        int p = Math.max(0, page);
        long total = structures.countMatching(query);
        model.addAttribute("q", query.strip());
        model.addAttribute("page", p);
        model.addAttribute("total", total);
        model.addAttribute("hasNext", (long) (p + 1) * STRUCTURES_PAGE < total);
        model.addAttribute("list", structures.search(query, p * STRUCTURES_PAGE, STRUCTURES_PAGE));
        model.addAttribute("kinds", StructureKind.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "admin/structures";
    }

    @PostMapping("/admin/structures")
    String register(@RequestParam(defaultValue = "") String finess, @RequestParam(defaultValue = "") String kind,
            @RequestParam(name = "legalEntity", defaultValue = "") String legalEntity, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String address,
            @RequestParam(defaultValue = "") String postcode, @RequestParam(defaultValue = "") String commune,
            @AuthenticationPrincipal HygieUser admin, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        StructureForm form = new StructureForm(finess.strip(), kind, legalEntity.strip(), name.strip(), category.strip(), address.strip(),
                postcode.strip(), commune.strip());
        // Field → message, in the order of the form, so that the error summary reads like the form (RGAA 11.10).
        Map<String, String> errors = new LinkedHashMap<>();
        Finess number = finess(form.finess(), "finess", errors);
        if (number != null && structures.byFiness(number.value()).isPresent()) {
            errors.put("finess", texts.get("admin.structures.error.finessTaken"));
        }
        StructureKind structureKind = null;
        for (StructureKind k : StructureKind.values()) {
            if (k.name().equals(kind)) {
                structureKind = k;
            }
        }
        if (structureKind == null) {
            errors.put("kind-" + StructureKind.LEGAL_ENTITY.name(), texts.get("admin.structures.error.kind"));
        }
        Finess parent = null;
        if (structureKind == StructureKind.GEOGRAPHIC_SITE) {
            if (form.legalEntity().isEmpty()) {
                errors.put("legalEntity", texts.get("admin.structures.error.legalEntityRequired"));
            } else {
                parent = finess(form.legalEntity(), "legalEntity", errors);
                Optional<Structure> entity = parent == null ? Optional.empty() : structures.byFiness(parent.value());
                if (parent != null && (entity.isEmpty() || entity.get().kind() != StructureKind.LEGAL_ENTITY)) {
                    errors.put("legalEntity", texts.get("admin.structures.error.legalEntityUnknown"));
                }
            }
        }
        if (form.name().isEmpty()) {
            errors.put("name", texts.get("admin.structures.error.nameRequired"));
        } else if (form.name().length() > 200) {
            errors.put("name", texts.get("admin.structures.error.nameTooLong"));
        }
        if (!form.postcode().isEmpty() && !form.postcode().matches("\\d{5}")) {
            errors.put("postcode", texts.get("admin.structures.error.postcode"));
        }
        InseeCommuneCode communeCode = null;
        if (!form.commune().isEmpty()) {
            try {
                communeCode = InseeCommuneCode.parse(form.commune());
            } catch (InvalidIdentifier e) {
                errors.put("commune", texts.get("identity.invalid." + e.reason().name()));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return structuresView("", 0, form, errors, model);
        }
        structures.register(new NewStructure(number, structureKind, structureKind == StructureKind.GEOGRAPHIC_SITE ? parent : null,
                form.name(), blankToNull(form.category()), blankToNull(form.address()), blankToNull(form.postcode()), communeCode, null, null));
        log.info("Admin account {} registered a structure", admin.accountId());
        redirect.addFlashAttribute("message", texts.get("admin.structures.registered", form.name(), number.value()));
        return "redirect:/admin/structures?q=" + number.value();
    }

    private Finess finess(String raw, String field, Map<String, String> errors) {
        if (raw.isEmpty()) {
            errors.put(field, texts.get("admin.structures.error.finessRequired"));
            return null;
        }
        Optional<InvalidIdentifier> problem = Finess.check(raw);
        if (problem.isPresent()) {
            errors.put(field, texts.get("identity.invalid." + problem.get().reason().name()));
            return null;
        }
        return Finess.parse(raw);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ------------------------------------------------------------------ national code lists (read-only)

    @GetMapping("/admin/nomenclatures")
    String codeLists(Model model) {
        model.addAttribute("professions", Professions.bundled().all());
        model.addAttribute("specialties", Specialties.bundled().all());
        Map<String, String> names = new LinkedHashMap<>();
        Professions.bundled().all().forEach(p -> names.put(p.code(), p.labelFr()));
        model.addAttribute("professionNames", names);
        return "admin/code-lists";
    }
}
