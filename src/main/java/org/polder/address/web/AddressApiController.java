package org.polder.address.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.address.Addresses;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/** Address search and an organisation's saved places, for apps. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Addresses", description = "Addresses found by search; the places an organisation saves")
class AddressApiController {

    private final Addresses addresses;

    AddressApiController(Addresses addresses) {
        this.addresses = addresses;
    }

    @GetMapping("/places")
    @Operation(summary = "Addresses matching a text: your organisation's saved places first, then the address service's. "
            + "reachable is false when the address service did not answer (give coordinates then).")
    Addresses.Suggestions search(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String q, Locale locale) {
        return addresses.suggest(user, q, locale);
    }

    /** A place to save: its address alone is looked up; coordinates, when given, are kept. */
    record NewPlace(String name, String address, Double latitude, Double longitude) {
    }

    @GetMapping("/saved-places")
    @Operation(summary = "Your organisation's saved places; the first is where errands start")
    List<Addresses.Saved> saved(@AuthenticationPrincipal CurrentUser user) {
        return addresses.saved(user.require(Role.REQUESTER).organisation());
    }

    @PostMapping("/saved-places")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Save a place for your organisation, under a name of its own")
    Addresses.Saved save(@AuthenticationPrincipal CurrentUser user, @RequestBody NewPlace place, Locale locale) {
        return addresses.save(user, place.name(), place.address(), place.latitude(), place.longitude(), locale);
    }

    @DeleteMapping("/saved-places/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Forget a saved place; work already posted keeps its address")
    void remove(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        addresses.remove(user, id);
    }
}
