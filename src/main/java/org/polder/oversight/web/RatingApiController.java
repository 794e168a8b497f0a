package org.polder.oversight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.oversight.RequesterRatings;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Workers rate requesters after an assignment; requesters read their averages once enough workers rated. */
@RestController
@Tag(name = "Ratings", description = "Workers rate the requesters they worked for; anonymous, shown from 5 raters on")
class RatingApiController {

    private final RequesterRatings ratings;

    RatingApiController(RequesterRatings ratings) {
        this.ratings = ratings;
    }

    @PostMapping("/api/v1/assignments/{id}/rating")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Rate the requester of one of your assignments (1-5 for pay, clarity, communication, fairness); replaces your earlier rating of them")
    RequesterRatings.Rating rate(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody RequesterRatings.Scores body) {
        return ratings.rate(user, id, body);
    }

    @GetMapping("/api/v1/me/ratings")
    @Operation(summary = "The ratings you gave")
    List<RequesterRatings.Rating> mine(@AuthenticationPrincipal CurrentUser user) {
        return ratings.givenBy(user.id());
    }

    @GetMapping("/api/v1/organisation/rating")
    @Operation(summary = "For requesters: workers' average ratings of your organisation, once at least 5 rated (never who rated)")
    RequesterRatings.Summary organisation(@AuthenticationPrincipal CurrentUser user) {
        return ratings.of(user.organisation());
    }
}
