package org.polder.testing;

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
import org.springframework.boot.test.context.TestComponent;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Sets up the world of a test in the words of the domain: workers, requesters, funded organisations, batches. */
@TestComponent
public class Fixtures {

    public static final String PASSWORD = "a-long-test-password";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Accounts accounts;
    private final Funding funding;
    private final Templates templates;
    private final Batches batches;
    private final TransactionTemplate transactions;

    private final org.polder.shift.Places places;
    private final org.polder.bank.BankAccounts bankAccounts;

    Fixtures(Accounts accounts, Funding funding, Templates templates, Batches batches, TransactionTemplate transactions,
             org.polder.shift.Places places, org.polder.bank.BankAccounts bankAccounts) {
        this.places = places;
        this.bankAccounts = bankAccounts;
        this.accounts = accounts;
        this.funding = funding;
        this.templates = templates;
        this.batches = batches;
        this.transactions = transactions;
        // The platform's guarantee fund starts funded, as a real platform's would: tests that pay from it
        // leave it above zero, so the ledger audit (which reports it below zero) stays clean.
        funding.fundGuarantee(admin().id(), 1_000_000_000, "test guarantee fund");
    }

    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    public CurrentUser worker() {
        return account(unique("worker"), EnumSet.of(Role.WORKER), null);
    }

    /**
     * Gives a worker a bank account in their name, verified by an admin, so that they may ask for payouts; and,
     * when {@code cents} is more than zero, that much on their balance. Returns the account's IBAN.
     */
    public String payable(CurrentUser worker, long cents) {
        String iban = org.iban4j.Iban.random(org.iban4j.CountryCode.NL).toString();
        bankAccounts.setOwn(worker, iban, worker.displayName(), PASSWORD, "test");
        CurrentUser admin = admin();
        bankAccounts.verifyByAdmin(admin, org.polder.bank.BankAccount.Owner.WORKER, worker.id(), "test account");
        if (cents > 0) {
            transactions.executeWithoutResult(s -> funding.fromBankToWorker(admin.id(), worker.id(), cents, "test money"));
        }
        return iban;
    }

    public CurrentUser admin() {
        return account(unique("admin"), EnumSet.of(Role.ADMIN), null);
    }

    public CurrentUser moderator() {
        return account(unique("moderator"), EnumSet.of(Role.MODERATOR), null);
    }

    /** A moderator who also works on the platform (a worker elected or hired to moderate). */
    public CurrentUser moderatingWorker() {
        return account(unique("modworker"), EnumSet.of(Role.WORKER, Role.MODERATOR), null);
    }

    /** A requester with an organisation of their own. */
    public CurrentUser requester() {
        Organisation org = accounts.createOrganisation(unique("Organisation"));
        return account(unique("requester"), EnumSet.of(Role.REQUESTER), org.id());
    }

    /** A private person who books help at home: a household of their own, with {@code cents} on its balance. */
    public CurrentUser household(long cents) {
        String username = unique("household");
        CurrentUser h = account(username, EnumSet.of(Role.REQUESTER), accounts.createHousehold(username, username));
        if (cents > 0) {
            fund(h, cents);
        }
        return h;
    }

    /** Another requester in the same organisation. */
    public CurrentUser colleagueOf(CurrentUser requester) {
        return account(unique("requester"), EnumSet.of(Role.REQUESTER), requester.organisationId());
    }

    public void fund(CurrentUser requester, long cents) {
        funding.fund(admin().id(), requester.organisationId(), cents, "test funds");
    }

    public Template template(CurrentUser requester) {
        return templates.create(requester, labelling());
    }

    public static TemplateSpec labelling() {
        return new TemplateSpec("Label ${item}", "Say what the picture shows", "Pick one label.",
                List.of(new DisplayBlock(DisplayBlock.Type.IMAGE, "/demo/images/${image}", "${item}")),
                List.of(new AnswerField("label", AnswerField.Type.SINGLE_CHOICE, "Label", List.of("cat", "dog", "other"),
                        true, null, null, null)));
    }

    /** A CSV file with a header (image,item) and the given number of rows. */
    public static byte[] csv(int rows) {
        StringBuilder csv = new StringBuilder("image,item\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("img-").append(i).append(".svg,item ").append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static BatchSpec spec(long templateId, long reward, int assignmentsPerTask) {
        return new BatchSpec(unique("Batch"), templateId, reward, assignmentsPerTask, 600, 30, null, 72);
    }

    /** A draft batch of the requester's organisation. */
    public Batch draft(CurrentUser requester, int rows, long reward, int assignmentsPerTask) {
        Template template = template(requester);
        return batches.create(requester, spec(template.id(), reward, assignmentsPerTask), csv(rows));
    }

    /** A published batch, its organisation funded with exactly its cost. */
    public Batch published(CurrentUser requester, int rows, long reward, int assignmentsPerTask) {
        Batch draft = draft(requester, rows, reward, assignmentsPerTask);
        fund(requester, draft.cost().cents());
        return batches.publish(requester, draft.id());
    }

    /** A business that posts shifts: its requester (funded), a location and a role. */
    public record Client(CurrentUser requester, org.polder.shift.Location location, org.polder.shift.ShiftRole role) {
    }

    public Client client() {
        CurrentUser requester = requester();
        fund(requester, 1_000_000);
        var location = places.addLocation(requester, new org.polder.shift.Places.LocationSpec("Café de Kade", "Kade 1, Amsterdam", 52.3676, 4.9041));
        var role = places.addRole(requester, new org.polder.shift.Places.RoleSpec("Bartender", "Pouring beer", null, 0, "Black shirt",
                "Ask for Anna", "Anna, 06-12345678"));
        return new Client(requester, location, role);
    }

    public CurrentUser refreshed(CurrentUser user) {
        return accounts.currentUser(user.id());
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    private CurrentUser account(String username, EnumSet<Role> roles, Long organisationId) {
        return accounts.currentUser(accounts.create(username, PASSWORD, username, roles, organisationId, "en").id());
    }
}
