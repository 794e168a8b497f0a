package org.polder.errand;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.CsvParser;
import org.polder.common.CsvProblem;
import org.polder.common.CsvTable;
import org.polder.common.DomainException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A day's deliveries from a CSV file, as a bakery or a pharmacy keeps them: one row per errand with its pickup,
 * drop-off and receiver, and when it may be delivered (a date, from and until, in local time). The file is checked
 * whole, addresses looked up included, and booked whole in one transaction: a problem names its row and column, and
 * nothing of the file is booked. Recurring rounds keep the stops of such a file ({@link ErrandRounds}).
 */
@Service
public class ErrandImport {

    /** The most rows one file may hold. */
    public static final int MAX_ROWS = 500;
    static final List<String> REQUIRED = List.of("pickup", "dropoff", "receiver");
    static final Set<String> KNOWN = Set.of("pickup", "dropoff", "receiver", "date", "from", "until", "notes", "proof",
            "pickup_latitude", "pickup_longitude", "dropoff_latitude", "dropoff_longitude");

    /** One row of a file, checked and with both places found; {@code date} and the times may be empty. */
    public record Stop(int row, Place pickup, Place dropoff, String receiver, LocalDate date, LocalTime from, LocalTime until, String notes,
                       Errand.Proof proof) {
    }

    private final Errands errands;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ZoneId zone;

    ErrandImport(Errands errands, PlatformTransactionManager transactions, Clock clock,
                 @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.errands = errands;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** Reads, locates and books every row of the file, or none. Call it outside a transaction: addresses may be looked up. */
    public List<Errand> book(CurrentUser requester, byte[] csv, Locale locale) {
        List<Stop> stops = read(requester, csv, locale);
        return tx.execute(s -> book(requester, stops, null));
    }

    /**
     * Reads the file as the drop-offs of one ride: every row with the same pickup, one courier taking them all (see
     * {@link Errands#bookRide}). Checked whole and booked whole like any file; a problem names its row and column.
     */
    public List<Errand> bookRide(CurrentUser requester, byte[] csv, Locale locale) {
        List<Stop> stops = read(requester, csv, locale);
        if (stops.size() < 2 || stops.size() > Errands.MAX_STOPS) {
            throw new CsvProblem("A ride has 2 to " + Errands.MAX_STOPS + " drop-offs; the file has " + stops.size(), null, null, null)
                    .code("problem.ride.stops", Errands.MAX_STOPS, stops.size());
        }
        Place pickup = stops.get(0).pickup();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<Errands.StopSpec> specs = new ArrayList<>();
        for (Stop stop : stops) {
            if (!stop.pickup().address().equals(pickup.address())) {
                throw new CsvProblem("Row " + stop.row() + ", column pickup: a ride starts at one pickup, the first row's (" + pickup.address() + ")",
                        stop.row(), null, "pickup").code("problem.errandCsv.cell", stop.row(), "pickup",
                        "a ride starts at one pickup, the first row's (" + pickup.address() + ")");
            }
            LocalDate on = stop.date() != null ? stop.date() : today;
            Errands.StopSpec spec = new Errands.StopSpec(stop.dropoff(), stop.receiver(),
                    stop.from() == null ? null : on.atTime(stop.from()).atZone(zone).toInstant(),
                    stop.until() == null ? null : on.atTime(stop.until()).atZone(zone).toInstant(), stop.notes(), stop.proof());
            try {
                errands.checkStop(spec);
            } catch (DomainException e) {
                throw problemAt(stop.row(), null, e);
            }
            specs.add(spec);
        }
        return tx.execute(s -> errands.bookRide(requester, new Errands.RideSpec(pickup, specs)));
    }

    /**
     * Books the stops, each on its own date, else on {@code day}, else today; all or none, as the caller's transaction
     * ends. A problem of one stop (a window out of range) names its row; one of the whole (the balance) is thrown as it is.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Errand> book(CurrentUser requester, List<Stop> stops, LocalDate day) {
        List<Errand> booked = new ArrayList<>();
        for (Stop stop : stops) {
            LocalDate on = stop.date() != null ? stop.date() : day != null ? day : LocalDate.now(clock.withZone(zone));
            try {
                booked.add(errands.book(requester, new Errands.ErrandSpec(stop.pickup(), stop.dropoff(), stop.receiver(),
                        stop.from() == null ? null : on.atTime(stop.from()).atZone(zone).toInstant(),
                        stop.until() == null ? null : on.atTime(stop.until()).atZone(zone).toInstant(), stop.notes(), stop.proof(), null)));
            } catch (CsvProblem e) {
                throw e;
            } catch (DomainException e) {
                if (e.status().value() == 400) {
                    throw problemAt(stop.row(), null, e);
                }
                throw e;
            }
        }
        return booked;
    }

    /** Every row of the file checked and located, or the first problem with its row and column. Outside a transaction. */
    public List<Stop> read(CurrentUser requester, byte[] csv, Locale locale) {
        requester.require(Role.REQUESTER).organisation();
        CsvTable table = CsvParser.parse(csv);
        for (String name : REQUIRED) {
            if (!table.header().contains(name)) {
                throw new CsvProblem("The header has no column '" + name + "'; it needs " + String.join(", ", REQUIRED), 1, null, name)
                        .code("problem.errandCsv.missing", name);
            }
        }
        for (int c = 0; c < table.header().size(); c++) {
            if (!KNOWN.contains(table.header().get(c))) {
                throw new CsvProblem("Column " + (c + 1) + " ('" + table.header().get(c) + "') is not one Polder knows: "
                        + String.join(", ", KNOWN.stream().sorted().toList()), 1, c + 1, table.header().get(c))
                        .code("problem.errandCsv.unknown", table.header().get(c));
            }
        }
        if (table.rows().size() > MAX_ROWS) {
            throw new CsvProblem("The file has " + table.rows().size() + " rows; at most " + MAX_ROWS + " at a time", null, null, null)
                    .code("problem.errandCsv.tooMany", MAX_ROWS);
        }
        List<Stop> stops = new ArrayList<>();
        Map<String, Place> found = new HashMap<>();   // the same shop on every row is looked up once
        for (int i = 0; i < table.rows().size(); i++) {
            Row row = new Row(table, i);
            Stop stop = stop(row);
            try {
                stops.add(new Stop(stop.row(), located(requester, "pickup", stop.pickup(), found, locale),
                        located(requester, "dropoff", stop.dropoff(), found, locale), stop.receiver(), stop.date(), stop.from(), stop.until(),
                        stop.notes(), stop.proof()));
            } catch (DomainException e) {
                throw problemAt(row.number(), table, e);
            }
        }
        return stops;
    }

    private Place located(CurrentUser requester, String field, Place place, Map<String, Place> found, Locale locale) {
        if (place.latitude() != null || place.longitude() != null) {
            return Place.checked(field, place);   // given with coordinates: both, within range
        }
        Place known = found.get(field.charAt(0) + place.address());
        if (known != null) {
            return known;
        }
        Errands.ErrandSpec one = errands.located(requester, new Errands.ErrandSpec("pickup".equals(field) ? place : null,
                "dropoff".equals(field) ? place : null, null, null, null, null, null, null), locale);
        Place p = "pickup".equals(field) ? one.pickup() : one.dropoff();
        found.put(field.charAt(0) + place.address(), p);
        return p;
    }

    private static Stop stop(Row row) {
        String pickup = row.required("pickup");
        String dropoff = row.required("dropoff");
        String receiver = row.required("receiver");
        LocalDate day = row.value("date") == null ? null : row.parse("date", LocalDate::parse, "a date as 2026-12-24");
        LocalTime from = row.value("from") == null ? null : row.parse("from", LocalTime::parse, "a time as 07:30");
        LocalTime until = row.value("until") == null ? null : row.parse("until", LocalTime::parse, "a time as 09:00");
        if (until != null && from == null) {
            throw row.problem("until", "give 'from' as well, when the delivery may begin");
        }
        Errand.Proof proof = row.value("proof") == null ? null : row.parse("proof",
                v -> Errand.Proof.valueOf(v.toUpperCase(Locale.ROOT)), "PIN, PHOTO or SIGNATURE");
        return new Stop(row.number(), new Place(pickup, row.degrees("pickup_latitude", 90), row.degrees("pickup_longitude", 180)),
                new Place(dropoff, row.degrees("dropoff_latitude", 90), row.degrees("dropoff_longitude", 180)), receiver, day, from, until,
                row.value("notes"), proof);
    }

    /** A problem found with a row's errand (an address not found, a window out of range), named by its row and field. */
    static CsvProblem problemAt(int row, CsvTable table, DomainException e) {
        String message = e.getMessage();
        String field = message.contains(":") ? message.substring(0, message.indexOf(':')).strip() : null;
        String column = field == null ? null : switch (field) {
            case "windowStart" -> "from";
            case "windowEnd" -> "until";
            default -> KNOWN.contains(field) ? field : null;
        };
        int c = column == null || table == null ? -1 : table.header().indexOf(column);
        String what = field == null ? message : message.substring(message.indexOf(':') + 1).strip();
        CsvProblem problem = new CsvProblem("Row " + row + (column == null ? "" : ", column " + column) + ": " + what, row,
                c < 0 ? null : c + 1, column).code("problem.errandCsv.cell", row, column == null ? "-" : column, what);
        problem.initCause(e);
        return problem;
    }

    /** One row of the file: its values by column name, and problems that name it (1 is the header). */
    private record Row(CsvTable table, int index) {

        int number() {
            return index + 2;
        }

        String value(String column) {
            int c = table.header().indexOf(column);
            String v = c < 0 ? null : table.rows().get(index).get(c).strip();
            return v == null || v.isEmpty() ? null : v;
        }

        String required(String column) {
            String v = value(column);
            if (v == null) {
                throw problem(column, "empty; every errand needs a " + column);
            }
            return v;
        }

        <T> T parse(String column, java.util.function.Function<String, T> parser, String expected) {
            try {
                return parser.apply(value(column));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw problem(column, "'" + value(column) + "' is not " + expected);
            }
        }

        /** Coordinates in degrees, when the column is there and filled in. */
        Double degrees(String column, double most) {
            if (value(column) == null) {
                return null;
            }
            Double d = parse(column, Double::valueOf, "a number of degrees such as 52.3731");
            if (Math.abs(d) > most) {
                throw problem(column, d + " is not between -" + (int) most + " and " + (int) most);
            }
            return d;
        }

        CsvProblem problem(String column, String what) {
            int c = table.header().indexOf(column);
            return new CsvProblem("Row " + number() + ", column " + column + ": " + what, number(), c < 0 ? null : c + 1, column)
                    .code("problem.errandCsv.cell", number(), column, what);
        }
    }
}
