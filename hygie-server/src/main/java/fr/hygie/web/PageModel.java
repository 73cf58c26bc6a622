package fr.hygie.web;

import fr.hygie.identity.HygieUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is logged in (never any health data). */
@ControllerAdvice(basePackages = "fr.hygie")
class PageModel {

    @ModelAttribute("currentUser")
    HygieUser currentUser(@AuthenticationPrincipal HygieUser user) {
        return user;
    }
}
