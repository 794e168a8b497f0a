package org.polder.errand.web;

import io.swagger.v3.oas.annotations.Operation;
import org.polder.account.CurrentUser;
import org.polder.errand.Demand;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Where and when work is, for couriers: a page for the phone, and the same figures through the API. */
@Controller
class DemandController {

    private final Demand demand;
    private final Clock clock;
    private final ZoneId zone;
    private final MapTiles tiles;

    DemandController(Demand demand, Clock clock, @Value("${polder.display-zone:Europe/Amsterdam}") String zone, MapTiles tiles) {
        this.tiles = tiles;
        this.demand = demand;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** Today and the coming hour, unless the courier asks about another day or hour. */
    private Demand.Picture picture(CurrentUser user, DayOfWeek day, Integer hour) {
        ZonedDateTime now = clock.instant().atZone(zone);
        return demand.at(user, day == null ? now.getDayOfWeek() : day, hour == null ? now.getHour() : hour);
    }

    @GetMapping("/courier/demand")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) DayOfWeek day,
                @RequestParam(required = false) Integer hour, Model model) {
        Demand.Picture picture = picture(user, day, hour);
        model.addAttribute("picture", picture);
        model.addAttribute("map", AreaMap.of(picture.areas(), tiles));
        model.addAttribute("days", DayOfWeek.values());
        return "errand/demand";
    }

    @GetMapping("/api/v1/me/demand")
    @ResponseBody
    @Operation(summary = "Where and when work is: the last four weeks' errands per area at a day and hour (local time), and couriers' pay "
            + "per hour on duty at each hour of that day; aggregates only (an area from 3 errands, pay from 3 couriers)")
    Demand.Picture api(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) DayOfWeek day,
                       @RequestParam(required = false) Integer hour) {
        return picture(user, day, hour);
    }
}
