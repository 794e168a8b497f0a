package org.polder.errand.web;

import org.polder.errand.Pricing;
import org.polder.errand.Tracking;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/** The receiver's tracking page (no account, an unguessable link), and the admin's page for the pricing rules. */
@Controller
class TrackingController {

    private final Tracking tracking;
    private final Pricing pricing;
    private final JsonMapper json;

    private final MapTiles tiles;

    TrackingController(MapTiles tiles, Tracking tracking, Pricing pricing, JsonMapper json) {
        this.tiles = tiles;
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
