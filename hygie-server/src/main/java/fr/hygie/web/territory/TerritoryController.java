package fr.hygie.web.territory;

import fr.hygie.web.WebMessages;
import fr.hygie.identity.Accounts;
import fr.hygie.identity.HygieUser;
import fr.hygie.identity.Role;
import fr.hygie.territory.EnvironmentData;
import fr.hygie.territory.Geography;
import fr.hygie.territory.ImportReport;
import fr.hygie.territory.IndicatorSnapshot;
import fr.hygie.territory.Territory;
import fr.hygie.territory.TerritoryIndicators;
import fr.hygie.territory.TerritoryLevel;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Territories and One Health pages: the public view ({@code /territoires}, no login) and the regional health
 * agency's view ({@code /territoires/agence}: more indicators, environment values). The national operators
 * (ADMIN, AUDITOR) see every territory and may import datasets and recompute; a regional health agency
 * (REGIONAL_AGENCY) sees the agency-only indicators of its own région only (data minimisation, RGPD art. 5-1-c):
 * the public indicators stay whole-France for everyone.
 */
@Controller
class TerritoryController {

    static final String PUBLIC = "/territoires";
    static final String AGENCY = "/territoires/agence";

    private final TerritoryPage page;
    private final TerritoryIndicators indicators;
    private final EnvironmentData environment;
    private final Geography geography;
    private final Accounts accounts;
    private final WebMessages texts;

    TerritoryController(TerritoryPage page, TerritoryIndicators indicators, EnvironmentData environment, Geography geography,
            Accounts accounts, WebMessages texts) {
        this.accounts = accounts;
        this.texts = texts;
        this.page = page;
        this.indicators = indicators;
        this.environment = environment;
        this.geography = geography;
    }

    @GetMapping(PUBLIC)
    String publicView(@RequestParam(name = "indicateur", required = false) String indicator,
            @RequestParam(name = "niveau", required = false) String level, @RequestParam(name = "variable", required = false) String variable,
            @RequestParam(name = "periode", required = false) String period, Model model) {
        page.fill(model, false, page.select(false, indicator, level, variable, period), TerritoryPage.Perimeter.NATIONAL);
        return "territory/view";
    }

    @GetMapping(AGENCY)
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR', 'REGIONAL_AGENCY')")
    String agencyView(@AuthenticationPrincipal HygieUser user, @RequestParam(name = "indicateur", required = false) String indicator,
            @RequestParam(name = "niveau", required = false) String level, @RequestParam(name = "variable", required = false) String variable,
            @RequestParam(name = "periode", required = false) String period, Model model) {
        page.fill(model, true, page.select(true, indicator, level, variable, period), perimeter(user));
        return "territory/view";
    }

    /** National for the operators; one région for a regional health agency (none if its account has no région). */
    private TerritoryPage.Perimeter perimeter(HygieUser user) {
        if (user.role() != Role.REGIONAL_AGENCY) {
            return TerritoryPage.Perimeter.NATIONAL;
        }
        return TerritoryPage.Perimeter.region(accounts.regionOf(user.accountId()).orElse(null));
    }

    /** The published cells as CSV (open data): hidden cells have no counts and no value. */
    @GetMapping(PUBLIC + "/donnees.csv")
    ResponseEntity<String> csv(@RequestParam(name = "indicateur", required = false) String indicator,
            @RequestParam(name = "niveau", required = false) String level, @RequestParam(name = "periode", required = false) String period) {
        TerritoryPage.Selection s = page.select(false, indicator, level, null, period);
        return csvOf(s);
    }

    @GetMapping(AGENCY + "/donnees.csv")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR', 'REGIONAL_AGENCY')")
    ResponseEntity<String> agencyCsv(@AuthenticationPrincipal HygieUser user, @RequestParam(name = "indicateur", required = false) String indicator,
            @RequestParam(name = "niveau", required = false) String level, @RequestParam(name = "periode", required = false) String period) {
        return csvOf(page.select(true, indicator, level, null, period), perimeter(user));
    }

    private ResponseEntity<String> csvOf(TerritoryPage.Selection s) {
        return csvOf(s, TerritoryPage.Perimeter.NATIONAL);
    }

    private ResponseEntity<String> csvOf(TerritoryPage.Selection s, TerritoryPage.Perimeter perimeter) {
        StringBuilder out = new StringBuilder("niveau,code,nom,indicateur,periode,numerateur,denominateur,valeur,unite,statut\n");
        List<IndicatorSnapshot> cells = new java.util.ArrayList<>(indicators.snapshots(s.indicator(), s.level(), s.period()));
        indicators.cell(s.indicator(), TerritoryLevel.FRANCE, Territory.FRANCE_CODE, s.period()).ifPresent(cells::add);
        for (IndicatorSnapshot c : page.within(perimeter, s.indicator(), cells)) {
            String name = geography.find(c.level(), c.code()).map(Territory::name).orElse(c.code());
            boolean shown = c.shown();
            boolean median = c.indicator().kind() == fr.hygie.territory.Indicator.Kind.MEDIAN;
            out.append(c.level().slug()).append(',').append(c.code()).append(',').append(csvText(name)).append(',')
                    .append(c.indicator().slug()).append(',').append(c.period()).append(',')
                    .append(shown ? String.valueOf(c.numerator()) : "").append(',')
                    .append(shown && !median ? String.valueOf(c.denominator()) : "").append(',')
                    .append(shown ? String.format(Locale.ROOT, "%.2f", c.value()) : "").append(',')
                    .append(csvText(c.indicator().unit())).append(',').append(csvText(TerritoryPage.status(c))).append('\n');
        }
        String file = "hygie-" + s.indicator().slug() + "-" + s.level().slug() + "-" + s.period() + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out.toString());
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    @PostMapping(AGENCY + "/recalcul")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    String refresh(RedirectAttributes redirect) {
        int cells = indicators.refresh(indicators.currentPeriod());
        redirect.addFlashAttribute("message", texts.get("territory.text.recomputed", String.valueOf(cells)));
        return "redirect:" + AGENCY;
    }

    @GetMapping(AGENCY + "/import")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    String importForm() {
        return "territory/import";
    }

    @PostMapping(AGENCY + "/import")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    String importFile(@AuthenticationPrincipal HygieUser user, @RequestParam(name = "fichier", required = false) MultipartFile file, Model model)
            throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("missing", true);
            return "territory/import";
        }
        ImportReport report = environment.importCsv(file.getOriginalFilename(),
                new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8), user.displayName());
        model.addAttribute("report", report);
        model.addAttribute("fileName", file.getOriginalFilename());
        return "territory/import";
    }
}
