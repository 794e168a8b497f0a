package org.polder.demo;

import org.polder.account.Accounts;
import org.polder.bank.BankAccount;
import org.polder.bank.BankAccounts;
import org.polder.account.CurrentUser;
import org.polder.account.Organisation;
import org.polder.account.Role;
import org.polder.common.Rewindable;
import org.polder.errand.Place;
import org.polder.ledger.Funding;
import org.polder.microtask.AnswerField;
import org.polder.microtask.Batch;
import org.polder.microtask.BatchSpec;
import org.polder.microtask.Batches;
import org.polder.microtask.DisplayBlock;
import org.polder.microtask.Template;
import org.polder.microtask.TemplateSpec;
import org.polder.microtask.Templates;
import org.polder.shift.Location;
import org.polder.shift.Places;
import org.polder.shift.Shift;
import org.polder.shift.ShiftRole;
import org.polder.shift.Shifts;
import org.polder.voice.Consultations;
import org.polder.voice.Election;
import org.polder.voice.Representatives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Creates the demo on first start (and only then), and prints the logins. */
@Component
@ConditionalOnProperty(name = "polder.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String ORGANISATION = "Tulip Data Lab";
    static final String PASSWORD = "polder-demo";
    static final String CAFE = "Café de Kade";

    public static final List<DemoLogin> LOGINS = List.of(
            new DemoLogin("lena", PASSWORD, "REQUESTER", "Requester at " + ORGANISATION + ": templates, batches, review"),
            new DemoLogin("ruud", PASSWORD, "REQUESTER", "Requester at " + CAFE + ": shifts, applicants, hours"),
            new DemoLogin("sara", PASSWORD, "REQUESTER", "Requester at " + DemoErrands.BAKERY + ": errands, prices, tracking, webhooks"),
            new DemoLogin(DemoHome.HOUSEHOLD_USER, PASSWORD, "REQUESTER", "Household: books help at home, weekly cleaning, statement"),
            new DemoLogin("ada", PASSWORD, "WORKER", "Worker: claim and label images, apply for shifts, see earnings and trail"),
            new DemoLogin("bram", PASSWORD, "WORKER", "Worker"),
            new DemoLogin("chen", PASSWORD, "WORKER", "Worker"),
            new DemoLogin("dewi", PASSWORD, "WORKER", "Worker"),
            new DemoLogin("mo", PASSWORD, "MODERATOR", "Moderator: takes human decisions"),
            new DemoLogin("admin", PASSWORD, "ADMIN", "Admin: funds, payouts, accounts"));

    private final Accounts accounts;
    private final Funding funding;
    private final Templates templates;
    private final Batches batches;
    private final Consultations consultations;
    private final Representatives representatives;
    private final Places places;
    private final Shifts shifts;
    private final DemoErrands errands;
    private final DemoHistory history;
    private final Clock clock;
    private final BankAccounts bankAccounts;
    private final org.polder.voice.Unions unions;
    private final org.polder.solidarity.Circles circles;
    private final DemoHome home;

    DemoData(Accounts accounts, Funding funding, Templates templates, Batches batches, Consultations consultations,
             Representatives representatives, Places places, Shifts shifts, DemoErrands errands, DemoHistory history, Clock clock,
             BankAccounts bankAccounts, org.polder.voice.Unions unions, org.polder.solidarity.Circles circles, DemoHome home) {
        this.home = home;
        this.unions = unions;
        this.circles = circles;
        this.bankAccounts = bankAccounts;
        this.errands = errands;
        this.history = history;
        this.places = places;
        this.shifts = shifts;
        this.consultations = consultations;
        this.representatives = representatives;
        this.clock = clock;
        this.accounts = accounts;
        this.funding = funding;
        this.templates = templates;
        this.batches = batches;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.byUsername("lena").isEmpty()) {
            create();
        }
        StringBuilder text = new StringBuilder("\n\n  Polder demo is ready. Log in with (password for all: " + PASSWORD + "):\n");
        for (DemoLogin login : LOGINS) {
            text.append(String.format("    %-6s %-10s %s%n", login.username(), login.role(), login.description()));
        }
        log.info(text.toString());
    }

    private void create() {
        // Everyone joined a month ago: the clock is set back while the month's history is seeded, then put right.
        Rewindable time = clock instanceof Rewindable r ? r : null;
        if (time != null) {
            time.setBack(Duration.ofDays(DemoHistory.DAYS + 1));
        }
        Organisation org = accounts.createOrganisation(ORGANISATION);
        Organisation cafe = accounts.createOrganisation(CAFE);
        Organisation bakery = accounts.createOrganisation(DemoErrands.BAKERY);
        // Each shows the work it posts first: the data team its batches, the café its shifts, the bakery its errands.
        accounts.setKinds(org.id(), List.of("MICROTASK"));
        accounts.setKinds(cafe.id(), List.of("SHIFT"));
        accounts.setKinds(bakery.id(), List.of("ERRAND"));
        long household = home.household();
        for (DemoLogin login : LOGINS) {
            Set<Role> roles = EnumSet.of(Role.valueOf(login.role()));
            Long organisation = !roles.contains(Role.REQUESTER) ? null : login.username().equals("ruud") ? cafe.id()
                    : login.username().equals("sara") ? bakery.id() : login.username().equals(DemoHome.HOUSEHOLD_USER) ? household : org.id();
            accounts.create(login.username(), login.password(), displayName(login.username()), roles, organisation, "en");
        }
        CurrentUser admin = accounts.byUsername("admin").orElseThrow();
        funding.fund(admin.id(), org.id(), 50_000, "Demo funds");
        funding.fundGuarantee(admin.id(), 100_000, "The platform's reserve");

        CurrentUser lena = accounts.byUsername("lena").orElseThrow();
        Template template = templates.create(lena, new TemplateSpec(
                "Which shape is in the picture?",
                "Look at one picture and say which shape it shows and what colour it has.",
                "Look at the picture. Choose the shape you see, and its colour. If you are not sure, pick the closest.",
                List.of(new DisplayBlock(DisplayBlock.Type.IMAGE, "/demo/images/${image}", "${caption}")),
                List.of(new AnswerField("shape", AnswerField.Type.SINGLE_CHOICE, "Shape",
                                List.of("circle", "square", "triangle", "star"), true, null, null, null),
                        new AnswerField("colour", AnswerField.Type.SINGLE_CHOICE, "Colour",
                                List.of("red", "blue", "green", "orange", "purple", "teal"), true, null, null, null),
                        new AnswerField("comment", AnswerField.Type.FREE_TEXT, "Anything unclear? (optional)",
                                List.of(), false, null, null, 500))));

        // A café with a location and two roles, its money and what its invoices carry, and a self-employed
        // worker's own details (made-up numbers for the demo).
        funding.fund(admin.id(), cafe.id(), 300_000, "Demo funds");
        CurrentUser ruud = accounts.byUsername("ruud").orElseThrow();
        accounts.setOrganisationDetails(ruud, "Prins Hendrikkade 10, 1012 TK Amsterdam", "90000001", "NL900000001B01");
        accounts.setOwnDetails(accounts.byUsername("ada").orElseThrow(), "Javastraat 5, 1094 HA Amsterdam", "90000002", null);
        // Ada's bank account is verified, so she can ask for payouts; Bram's waits for his verification transfer.
        bankAccounts.setOwn(accounts.byUsername("ada").orElseThrow(), "NL44RABO0123456789", "A. Jansen", PASSWORD, "demo");
        bankAccounts.verifyByAdmin(admin, BankAccount.Owner.WORKER, accounts.byUsername("ada").orElseThrow().id(), "demo account");
        bankAccounts.setOwn(accounts.byUsername("bram").orElseThrow(), "NL20INGB0001234567", "B. Bakker", PASSWORD, "demo");
        Location kade = places.addLocation(ruud, new Places.LocationSpec(CAFE, "Prins Hendrikkade 10, Amsterdam", 52.3779, 4.9006));
        ShiftRole bar = places.addRole(ruud, new Places.RoleSpec("Bartender", "Taps beer, makes simple cocktails, handles a till",
                null, 0, "Black shirt, dark trousers", "Come in through the side door; Ruud shows you the bar.", "Ruud, at the bar"));
        ShiftRole kitchen = places.addRole(ruud, new Places.RoleSpec("Kitchen help", "Prepares vegetables, keeps the kitchen clean",
                null, 0, "Closed shoes; an apron is provided", "Ask for the chef.", "Chef Sanne"));
        Place shop = errands.setUp(admin, bakery);

        if (time != null) {
            history.seed(time, template.id(), bar.id(), kade.id(), shop);
            time.reset();
        }

        // Today: pictures to label, with four control questions (GOLDEN: columns) mixed in at 10% of each worker's tasks.
        Batch batch = batches.create(lena, new BatchSpec("Shapes and colours", template.id(), 10L, 3, 300, 20, null, 72, 10, 10,
                null, null, null, null), shapes(true));
        batches.publish(lena, batch.id());

        // Richer tasks: a box around each shape, which of two pictures is clearer, and how clear the picture is.
        Template drawing = templates.create(lena, new TemplateSpec(
                "Box the shape, compare two pictures",
                "Draw a box around the shape, then say which of two pictures is clearer.",
                "Drag on the picture to draw a box around the shape. Then pick the clearer of the two pictures below.",
                List.of(new DisplayBlock(DisplayBlock.Type.IMAGE, "/demo/images/${image}", "The picture to draw on")),
                List.of(new AnswerField("shapes", AnswerField.Type.BOUNDING_BOXES, "Draw a box around each shape",
                                List.of("shape"), true, null, 3.0, null),
                        new AnswerField("clearer", AnswerField.Type.PAIRWISE, "Which picture is clearer?",
                                List.of("/demo/images/${left}", "/demo/images/${right}"), true, null, null, null),
                        new AnswerField("clarity", AnswerField.Type.RATING, "How clear is the first picture?",
                                List.of("hard to see", "very clear"), true, null, null, null))));
        StringBuilder pairs = new StringBuilder("image,left,right\n");
        for (int i = 1; i <= 8; i++) {
            pairs.append(String.format("shape-%02d.svg,shape-%02d.svg,shape-%02d.svg%n", i, i, i % 8 + 1));
        }
        Batch richer = batches.create(lena, new BatchSpec("Boxes and comparisons", drawing.id(), 12L, 3, 300, 25, null, 72),
                pairs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        batches.publish(lena, richer.id());

        // The café's next Friday evenings for a month and a Saturday lunch.
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Amsterdam");
        java.time.LocalDate today = clock.instant().atZone(zone).toLocalDate();
        java.time.LocalDate friday = today.plusDays(2).with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.FRIDAY));
        Instant evening = friday.atTime(18, 0).atZone(zone).toInstant();
        shifts.post(ruud, new Shifts.ShiftSpec(bar.id(), kade.id(), evening, evening.plus(Duration.ofHours(6)), 30, 2, 1650L, 48, null,
                null, Shift.AutoSelect.NONE, null, 4));
        Instant lunch = friday.plusDays(1).atTime(11, 0).atZone(zone).toInstant();
        shifts.post(ruud, new Shifts.ShiftSpec(kitchen.id(), kade.id(), lunch, lunch.plus(Duration.ofHours(5)), 30, 1, 1550L, 24, null,
                null, Shift.AutoSelect.NONE, null, 1));

        errands.today(admin, shop);

        // Workers' voice: a proposed rule change open for comments, and an election with a candidate.
        consultations.propose(admin, "pay.hourly-floor-cents", "1500",
                "The statutory minimum wage rises on 1 January; the pay floor follows it from then.", null);
        Instant now = clock.instant();
        Election election = representatives.call(admin, "Workers' representatives " + now.atZone(ZoneOffset.UTC).getYear(), 3,
                now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(14)), now.plus(Duration.ofDays(365)));
        representatives.stand(accounts.byUsername("ada").orElseThrow(), election.id(),
                "Pay per active hour for everyone, and answers to appeals within a week.");

        // A union Chen acts for, which Ada mandates; a sick-pay circle Bram founded, which Dewi asks to join.
        var union = unions.register(admin, "Platformbond Utrecht", "Couriers, cleaners and click-workers of the Utrecht region, organised together.",
                "chen");
        unions.mandate(accounts.byUsername("ada").orElseThrow(), union.id(), true);
        var circle = circles.found(accounts.byUsername("bram").orElseThrow(), "Broodfonds Utrecht", 2, true);
        circles.apply(accounts.byUsername("dewi").orElseThrow(), circle.id(), 1, true);

        home.seed(admin, zone);
    }

    /** The demo's 24 pictures as a batch's CSV, with or without the control questions' known answers. */
    static byte[] shapes(boolean withControlQuestions) {
        String csv;
        try {
            csv = new ClassPathResource("demo/shapes.csv").getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!withControlQuestions) {
            // Only the first two columns, the picture and its (quoted) caption.
            csv = csv.lines().map(line -> line.replaceFirst("^([^,]*,(\"[^\"]*\"|[^,]*)).*$", "$1"))
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        }
        return csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String displayName(String username) {
        return switch (username) {
            case "lena" -> "Lena de Vries";
            case "ruud" -> "Ruud van Dijk";
            case "sara" -> "Sara Visser";
            case "ada" -> "Ada Jansen";
            case "bram" -> "Bram Bakker";
            case "chen" -> "Chen Wei";
            case "dewi" -> "Dewi Santoso";
            case "mo" -> "Mo Haddou";
            case "noor" -> "Noor de Vries";
            default -> "Polder Admin";
        };
    }
}
