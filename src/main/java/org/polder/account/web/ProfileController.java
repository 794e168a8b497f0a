package org.polder.account.web;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.account.WorkerProfile;
import org.polder.account.WorkerProfiles;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/** A worker's own languages and region: what work asking for them checks. */
@Controller
class ProfileController {

    private final WorkerProfiles profiles;
    private final Texts texts;

    ProfileController(WorkerProfiles profiles, Texts texts) {
        this.profiles = profiles;
        this.texts = texts;
    }

    @GetMapping("/me/profile")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("profile", profiles.of(user.require(Role.WORKER).id()));
        model.addAttribute("languageChoices", WorkerProfile.COMMON_LANGUAGES);
        model.addAttribute("regionChoices", WorkerProfile.REGIONS);
        return "account/profile";
    }

    @PostMapping("/me/profile")
    String save(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) List<String> languages,
                @RequestParam(required = false) String region, RedirectAttributes redirect) {
        try {
            profiles.set(user, languages, region);
            redirect.addFlashAttribute("flash", texts.get("profile.saved"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/me/profile";
    }
}
