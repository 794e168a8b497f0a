package org.polder.address.web;

import org.polder.account.CurrentUser;
import org.polder.common.Texts;
import org.polder.address.Addresses;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Locale;

/** Suggestions under every address box, and the page where an organisation keeps its places. */
@Controller
class AddressController {

    private final Addresses addresses;
    private final Texts texts;

    AddressController(Addresses addresses, Texts texts) {
        this.addresses = addresses;
        this.texts = texts;
    }

    /** What places.js shows while someone types: any signed-in person may look addresses up. */
    @GetMapping(value = "/places/suggest", produces = "application/json")
    @ResponseBody
    Addresses.Suggestions suggest(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String q, Locale locale) {
        return addresses.suggest(user, q, locale);
    }

    @GetMapping("/requester/places")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("saved", addresses.saved(user.require(org.polder.account.Role.REQUESTER).organisation()));
        return "address/places";
    }

    @PostMapping("/requester/places")
    String save(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
                @RequestParam(required = false) String address, @RequestParam(required = false) Double latitude,
                @RequestParam(required = false) Double longitude, Locale locale, RedirectAttributes redirect) {
        Addresses.Saved saved = texts.orFlash(redirect, () -> addresses.save(user, name, address, latitude, longitude, locale));
        if (saved != null) {
            redirect.addFlashAttribute("flash", texts.get("places.added", saved.name()));
        } else {
            redirect.addFlashAttribute("name", name);
            redirect.addFlashAttribute("address", address);
        }
        return "redirect:/requester/places";
    }

    @PostMapping("/requester/places/{id}/remove")
    String remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> {
            addresses.remove(user, id);
            return true;
        }) != null) {
            redirect.addFlashAttribute("flash", texts.get("places.removed"));
        }
        return "redirect:/requester/places";
    }
}
