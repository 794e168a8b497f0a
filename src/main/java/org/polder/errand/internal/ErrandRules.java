package org.polder.errand.internal;

import org.polder.errand.Delivery;
import org.polder.errand.Dispatch;
import org.polder.errand.Duty;
import org.polder.errand.Pricing;
import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRule.Parameter;
import org.polder.common.AutomatedRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rules of errands, for the public register. Change the version and date with the rule. */
@Component
public class ErrandRules implements AutomatedRules {

    @Override
    public List<AutomatedRule> rules() {
        LocalDate since = LocalDate.of(2026, 11, 23);
        return List.of(
                new AutomatedRule(Dispatch.RULE, Dispatch.RULE_VERSION, LocalDate.of(2026, 12, 6), "errands",
                        "Chooses the courier an errand is offered to, among couriers on duty with no errand under way and no other "
                                + "offer running: first the default couriers the organisation chose for the store the errand is picked "
                                + "up at (a saved place within 150 m), in its order, each of them a courier who joined its team; then, "
                                + "unless the organisation dispatches its errands itself (its dispatcher or its couriers choose, by hand), "
                                + "to a courier already carrying errands from the same pickup and not yet gone, when it adds at most the "
                                + "set detour to their route and keeps every stop on time (stacking, where allowed); "
                                + "when it is booked or passed on, the nearest to the pickup; every second, the errands still "
                                + "waiting are matched with the free couriers so that the total distance to the pickups is smallest. Couriers not yet asked about the errand come first; one who was asked is asked "
                                + "again only once the others were, and not within 5 minutes. An errand booked for a later time slot is "
                                + "offered from 30 minutes before its window opens.",
                        List.of("couriers' latest positions while on duty", "the pickup's coordinates", "running offers and errands",
                                "the store's default couriers, chosen by the organisation"),
                        List.of(new Parameter("search radius", "10 km unless the platform sets otherwise (polder.errand.search-km)", "decides alone"),
                                new Parameter("distance", "straight-line distance to the pickup; nearest first", "decides alone"),
                                new Parameter("offers for later errands", "from 30 minutes before the time window opens", "decides when"),
                                new Parameter("errands carried at once", "1 unless the platform (polder.errand.stack-max) or a zone of the "
                                        + "pricing rules (stackMax) allows more", "decides alone"),
                                new Parameter("detour for one more errand", "2 km unless the platform sets otherwise (polder.errand.stack-detour-km)",
                                        "decides alone")),
                        "Declining an offer or letting it pass never counts against a courier: no rate of acceptance is kept. "
                                + "An offer binds nobody, so an override has nothing to reverse."),
                new AutomatedRule(Pricing.RULE, 1, LocalDate.of(2026, 12, 2), "errands",
                        "Prices an errand before booking: a base, a price per km in a straight line, a zone's surcharge, a share for the "
                                + "time of day, and never less than the hourly floor for the estimated time; the courier is paid the price, "
                                + "the fee comes on top. A courier whose errand is cancelled after accepting gets the cancellation share "
                                + "(all of it after pickup).",
                        List.of("pickup and drop-off", "the time window", "the pricing rules in force"),
                        List.of(new Parameter("pricing rules", "base, per km, zones, times of day and cancellation share, changed only "
                                + "after a consultation (errand.pricing)", "decides alone")),
                        "The price and what it is made of are shown to the courier with the offer, before accepting."),
                new AutomatedRule(Dispatch.OFFER_WINDOW, 1, since, "errands",
                        "Passes an offer nobody answered to the next courier when its answer window ends.",
                        List.of("the time the offer was made"),
                        List.of(new Parameter("answer window", "30 seconds unless the platform sets otherwise (polder.errand.offer-seconds)",
                                "decides alone")),
                        "Silence is treated exactly like a decline, and neither is held against the courier."),
                new AutomatedRule(Dispatch.UNASSIGNED, 1, since, "errands",
                        "Ends an errand that no courier accepted before its time window ended, and returns its escrow to the organisation.",
                        List.of("the errand's time window"), List.of(), "No courier is affected."),
                new AutomatedRule(Endings.RULE_FAILED, 1, since, "errands",
                        "Pays a courier whose delivery failed: all of the pay once the package was picked up, the pricing rules' "
                                + "cancellation share when it failed at the pickup; handing an errand back before the pickup costs nothing.",
                        List.of("the errand's status when it failed", "its pay", "the cancellation share of its pricing rules"), List.of(),
                        "The courier can appeal; an upheld appeal pays the rest of the errand's pay."),
                new AutomatedRule(HourlyMinimum.RULE, 2, LocalDate.of(2026, 12, 2), "errands",
                        "Pays every hour on duty, waiting included, at least the platform's hourly floor, or a zone's higher minimum where "
                                + "the pricing rules set one and the courier spent most of the spell there. When a spell on duty ends, the "
                                + "courier's day so far is settled as a whole, and what its errands paid less than that is paid on top: from "
                                + "the platform's fee income, and from its guarantee fund when that is short.",
                        List.of("the start and end of each spell on duty that day", "the courier's positions during it",
                                "what their errands paid that day", "top-ups already paid that day"),
                        List.of(new Parameter("floor", "the platform's hourly floor (pay.hourly-floor-cents, changed only after a consultation)",
                                        "decides alone"),
                                new Parameter("zone", "the zone holding more than half of the spell's positions", "raises the minimum there"),
                                new Parameter("minimum", "the zone's minimumHourlyCents in the pricing rules", "raises the minimum there")),
                        "The top-up never lowers anything; it only pays, so an override has nothing to reverse."),
                new AutomatedRule(Duty.SILENT, 1, since, "errands",
                        "Takes a courier off duty when their app has sent no position for a while; their time on duty ends at their last "
                                + "position (or when they went on duty). An errand they carry stays theirs to deliver.",
                        List.of("when the courier went on duty", "the time of their last position"),
                        List.of(new Parameter("silence", "30 minutes unless the platform sets otherwise (polder.errand.silent-minutes)",
                                "decides alone")),
                        "Only a phone that stopped sending counts; a courier who waits with the app open keeps earning active time. An "
                                + "override or an upheld appeal counts the time until the rule took them off, paid at least the floor."),
                new AutomatedRule(Duty.RETENTION, 1, LocalDate.of(2026, 11, 23), "errands",
                "Deletes couriers' positions once they are older than the retention period.",
                List.of("the time each position was recorded"),
                List.of(new Parameter("retention", "7 days unless the platform sets otherwise (polder.errand.position-retention-days)",
                        "decides alone")),
                "Positions are taken only while on duty and kept no longer than needed."));
    }
}
