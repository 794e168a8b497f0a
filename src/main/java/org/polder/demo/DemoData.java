package org.polder.demo;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Organisation;
import org.polder.account.Role;
import org.polder.ledger.Funding;
import org.polder.microtask.AnswerField;
import org.polder.microtask.Batch;
import org.polder.microtask.BatchSpec;
import org.polder.microtask.Batches;
import org.polder.microtask.DisplayBlock;
import org.polder.microtask.Template;
import org.polder.microtask.TemplateSpec;
import org.polder.microtask.Templates;
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

    public static final List<DemoLogin> LOGINS = List.of(
            new DemoLogin("lena", PASSWORD, "REQUESTER", "Requester at " + ORGANISATION + ": templates, batches, review"),
            new DemoLogin("ada", PASSWORD, "WORKER", "Worker: claim and label images, see earnings and trail"),
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
    private final Clock clock;

    DemoData(Accounts accounts, Funding funding, Templates templates, Batches batches, Consultations consultations,
             Representatives representatives, Clock clock) {
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
        Organisation org = accounts.createOrganisation(ORGANISATION);
        for (DemoLogin login : LOGINS) {
            Set<Role> roles = EnumSet.of(Role.valueOf(login.role()));
            accounts.create(login.username(), login.password(), displayName(login.username()), roles,
                    roles.contains(Role.REQUESTER) ? org.id() : null, "en");
        }
        CurrentUser admin = accounts.byUsername("admin").orElseThrow();
        funding.fund(admin.id(), org.id(), 50_000, "Demo funds");

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
        byte[] csv;
        try {
            csv = new ClassPathResource("demo/shapes.csv").getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Four of the pictures are control questions (GOLDEN: columns), mixed in at 10% of each worker's tasks.
        Batch batch = batches.create(lena, new BatchSpec("Shapes and colours", template.id(), 10L, 3, 300, 20, null, 72, 10, 10,
                null, null, null, null), csv);
        batches.publish(lena, batch.id());

        // Workers' voice: a proposed rule change open for comments, and an election with a candidate.
        consultations.propose(admin, "pay.hourly-floor-cents", "1500",
                "The statutory minimum wage rises on 1 January; the pay floor follows it from then.", null);
        Instant now = clock.instant();
        Election election = representatives.call(admin, "Workers' representatives " + now.atZone(ZoneOffset.UTC).getYear(), 3,
                now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(14)), now.plus(Duration.ofDays(365)));
        representatives.stand(accounts.byUsername("ada").orElseThrow(), election.id(),
                "Pay per active hour for everyone, and answers to appeals within a week.");
    }

    private static String displayName(String username) {
        return switch (username) {
            case "lena" -> "Lena de Vries";
            case "ada" -> "Ada Jansen";
            case "bram" -> "Bram Bakker";
            case "chen" -> "Chen Wei";
            case "dewi" -> "Dewi Santoso";
            case "mo" -> "Mo Haddou";
            default -> "Polder Admin";
        };
    }
}
