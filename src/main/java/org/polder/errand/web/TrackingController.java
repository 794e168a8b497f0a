package org.polder.errand.web;

import org.polder.errand.Pricing;
import org.polder.errand.Tracking;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.polder.common.Texts;
import tools.jackson.databind.json.JsonMapper;

/** The receiver's tracking page (no account, an unguessable link), and the admin's page for the pricing rules. */
@Controller
class TrackingController {

    private final Tracking tracking;
    private final Pricing pricing;
    private final JsonMapper json;

    private final MapTiles tiles;
    private final Texts texts;

    TrackingController(MapTiles tiles, Tracking tracking, Pricing pricing, JsonMapper json, Texts texts) {
        this.tiles = tiles;
        this.texts = texts;
        this.tracking = tracking;
        this.pricing = pricing;
        this.json = json;
    }

    @GetMapping("/track/{token}")
    String track(@PathVariable String token, Model model) {
        live(token, model);
        return "errand/track";
    }

    @GetMapping("/track/{token}/live")
    String live(@PathVariable String token, Model model) {
        Tracking.View v = tracking.view(token);
        model.addAttribute("token", token);
        model.addAttribute("view", v);
        model.addAttribute("map", MapView.of(v.pickup(), v.dropoff(), v.courier(), java.util.List.of(), tiles));
        return "errand/track :: live";
    }

    /** The receiver chooses: leave it at the door (and where), or hand it to me. */
    @PostMapping("/track/{token}/handover")
    String handover(@PathVariable String token, @RequestParam(defaultValue = "false") boolean leaveAtDoor,
                    @RequestParam(required = false) String doorNote, RedirectAttributes redirect) {
        if (texts.orFlash(redirect, () -> tracking.handover(token, leaveAtDoor, doorNote)) != null) {
            redirect.addFlashAttribute("flash", texts.get(leaveAtDoor ? "track.leaveAtDoor.done" : "track.handToMe.done"));
        }
        return "redirect:/track/" + token;
    }

    @GetMapping("/admin/errand-pricing")
    String rules(Model model) {
        Pricing.Version v = pricing.current();
        model.addAttribute("version", v);
        if (!model.containsAttribute("rulesText")) {
            model.addAttribute("rulesText", json.writerWithDefaultPrettyPrinter().writeValueAsString(v.rules()));
        }
        return "errand/pricing";
    }
}
