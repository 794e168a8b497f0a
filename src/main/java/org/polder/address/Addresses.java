package org.polder.address;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.address.internal.Geocoder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Addresses people type, turned into places: suggestions while typing (the organisation's saved places
 * first, then the geocoding service's), and the place for an address given without coordinates. Typed
 * coordinates always win, so work can be posted when no service answers.
 */
@Service
public class Addresses {

    /** Fewer characters than this find too much to be useful. */
    static final int SHORTEST_SEARCH = 3;
    static final int SUGGESTIONS = 6;
    private static final int REMEMBERED = 2_000;
    private static final Duration REMEMBER_FOR = Duration.ofHours(12);

    private final Geocoder geocoder;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** Answers of the service, kept a while: the public services ask for few requests, and addresses do not move. */
    private final Map<String, Remembered> answers = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBERED;
        }
    });

    private record Remembered(List<Found> places, Instant at) {
    }

    /** A place an organisation keeps to use again (its shop, its kitchen, a regular customer). */
    public record Saved(long id, String name, String address, double latitude, double longitude) {
        public Found found() {
            return new Found(address, latitude, longitude, true);
        }
    }

    /** What to offer under an address box: {@code reachable} is false when the service did not answer. */
    /**
     * What an address box offers: {@code reachable} is false when the address service did not answer, and
     * {@code limited} true when the person searched more than their share this minute (saved places still show).
     */
    public record Suggestions(List<Found> places, boolean reachable, boolean limited) {
    }

    /** Searches one person sent to the address service in the current minute (answers kept in memory are free). */
    private record Window(long minute, int searches) {
    }

    private final Map<Long, Window> searches = new java.util.concurrent.ConcurrentHashMap<>();
    private final int searchesPerMinute;

    Addresses(Geocoder geocoder, JdbcClient jdbc, Clock clock,
              @org.springframework.beans.factory.annotation.Value("${polder.places.searches-per-minute:30}") int searchesPerMinute) {
        this.geocoder = geocoder;
        this.jdbc = jdbc;
        this.clock = clock;
        this.searchesPerMinute = searchesPerMinute;
    }

    /**
     * Whether the person may send one more search to the address service this minute. The public services ask
     * for fair use, and one person typing fast never needs more than a few a second.
     */
    private boolean mayAsk(long person) {
        long minute = clock.instant().getEpochSecond() / 60;
        Window w = searches.compute(person, (k, old) -> old == null || old.minute() != minute
                ? new Window(minute, 1) : new Window(minute, old.searches() + 1));
        if (searches.size() > 10_000) {
            searches.values().removeIf(old -> old.minute() != minute);
        }
        return w.searches() <= searchesPerMinute;
    }

    /** The saved places of the user's organisation that match, then what the service finds. */
    public Suggestions suggest(CurrentUser user, String text, Locale locale) {
        String typed = text == null ? "" : text.strip();
        List<Found> places = new ArrayList<>();
        String lower = typed.toLowerCase(Locale.ROOT);
        if (user.organisationId() != null) {
            for (Saved s : saved(user.organisationId())) {
                if (lower.isEmpty() || s.name().toLowerCase(Locale.ROOT).contains(lower) || s.address().toLowerCase(Locale.ROOT).contains(lower)) {
                    places.add(s.found());
                }
            }
        }
        if (typed.length() < SHORTEST_SEARCH) {
            return new Suggestions(places, true, false);
        }
        if (!remembered(typed, locale) && !mayAsk(user.id())) {
            return new Suggestions(places, true, true);
        }
        try {
            for (Found f : search(typed, locale)) {
                if (places.size() < SUGGESTIONS && places.stream().noneMatch(p -> p.address().equalsIgnoreCase(f.address()))) {
                    places.add(f);
                }
            }
            return new Suggestions(places, true, false);
        } catch (Geocoder.Unreachable e) {
            return new Suggestions(places, false, false);
        }
    }

    /**
     * The place for an address: the coordinates given with it, else the organisation's saved place of
     * that address, else the service's best match. {@code field} names the box in errors.
     */
    public Found locate(String field, String address, Double latitude, Double longitude, Long organisationId, Locale locale) {
        if (address == null || address.isBlank() || address.strip().length() > 500) {
            throw DomainException.invalid(field + ": an address of 1 to 500 characters").code("problem.places.address", field);
        }
        String typed = address.strip();
        if (latitude != null || longitude != null) {
            if (latitude == null || longitude == null || !Double.isFinite(latitude) || !Double.isFinite(longitude)
                    || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
                throw DomainException.invalid(field + ": both latitude and longitude, in degrees (-90 to 90, -180 to 180)")
                        .code("problem.places.coordinates", field);
            }
            return Found.of(typed, latitude, longitude);
        }
        if (organisationId != null) {
            for (Saved s : saved(organisationId)) {
                if (s.address().equalsIgnoreCase(typed) || s.name().equalsIgnoreCase(typed)) {
                    return s.found();
                }
            }
        }
        List<Found> found;
        try {
            found = search(typed, locale);
        } catch (Geocoder.Unreachable e) {
            throw DomainException.invalid(field + ": the address search does not answer now; give the coordinates instead")
                    .code("problem.places.unreachable", field);
        }
        if (found.isEmpty()) {
            throw DomainException.invalid(field + ": no place found for \"" + typed + "\"; check the address or choose a suggestion")
                    .code("problem.places.notFound", field, typed);
        }
        return found.get(0);
    }

    private boolean remembered(String text, Locale locale) {
        Remembered r = answers.get(key(text, locale));
        return r != null && r.at().plus(REMEMBER_FOR).isAfter(clock.instant());
    }

    private static String key(String text, Locale locale) {
        return (locale == null ? "en" : locale.getLanguage()) + "|" + text.toLowerCase(Locale.ROOT);
    }

    private List<Found> search(String text, Locale locale) {
        String language = locale == null ? "en" : locale.getLanguage();
        String key = key(text, locale);
        Instant now = clock.instant();
        Remembered r = answers.get(key);
        if (r != null && r.at().plus(REMEMBER_FOR).isAfter(now)) {
            return r.places();
        }
        List<Found> found = List.copyOf(geocoder.search(text, language, SUGGESTIONS));
        answers.put(key, new Remembered(found, now));
        return found;
    }

    // Saved places

    public List<Saved> saved(long organisationId) {
        return jdbc.sql("SELECT id, name, address, latitude, longitude FROM saved_place WHERE organisation_id = ? ORDER BY id")
                .param(organisationId)
                .query((rs, n) -> new Saved(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5))).list();
    }

    /** The organisation's first saved place: where its errands start unless it says otherwise. */
    public Optional<Saved> home(long organisationId) {
        return saved(organisationId).stream().findFirst();
    }

    /** Saves a place for the requester's organisation under a name of its own. */
    public Saved save(CurrentUser user, String name, String address, Double latitude, Double longitude, Locale locale) {
        long org = user.require(Role.REQUESTER).organisation();
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw DomainException.invalid("name: a name of 1 to 100 characters, e.g. \"Shop\"").code("problem.places.name");
        }
        Found place = locate("address", address, latitude, longitude, null, locale);
        try {
            jdbc.sql("INSERT INTO saved_place (organisation_id, name, address, latitude, longitude, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(org, name.strip(), place.address(), place.latitude(), place.longitude(), Sql.ts(clock.instant()))
                    .update();
            return saved(org).stream().filter(s -> s.name().equals(name.strip())).findFirst().orElseThrow();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("name: your organisation already has a place called \"" + name.strip() + "\"")
                    .code("problem.places.duplicate", name.strip());
        }
    }

    /** Forgets one of the organisation's saved places; work already posted keeps its address. */
    public void remove(CurrentUser user, long id) {
        long org = user.require(Role.REQUESTER).organisation();
        if (jdbc.sql("DELETE FROM saved_place WHERE id = ? AND organisation_id = ?").params(id, org).update() == 0) {
            throw new NotFoundException("Place", id);
        }
    }
}
