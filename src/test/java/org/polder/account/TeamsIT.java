package org.polder.account;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.polder.microtask.Batch;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An organisation's team: owners invite by link and mail, each role may do what it says and nothing more, through
 * pages and API alike; API keys carry a scope and an expiry and act as the owner who made them; the organisation
 * always keeps an owner, even when two owners demote each other at once; every change is in the trail.
 */
class TeamsIT extends PolderIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Autowired
    Teams teams;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void eachRoleMayDoWhatItSaysAndKeysActAsTheirMaker() throws Exception {
        CurrentUser owner = fixtures.requester();
        assertThat(owner.member()).isEqualTo(MemberRole.OWNER);
        long org = owner.organisationId();
        fixtures.fund(owner, 100_000);
        Batch draft = fixtures.draft(owner, 3, 20, 1);

        // Invitations: a link for each role; one also mailed. A link works once.
        Teams.NewInvitation forManager = teams.invite(owner, MemberRole.MANAGER, "mia@example.org");
        assertThat(forManager.link()).startsWith("http://polder.test/join/inv_");
        String token = forManager.link().substring(forManager.link().lastIndexOf('/') + 1);
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).contains("/join/inv_");
        Teams.Member mia = teams.join(token, "mia-" + Fixtures.unique("m").toLowerCase(), "Mia", "a long enough passphrase 42", "en");
        assertThat(mia.role()).isEqualTo(MemberRole.MANAGER);
        assertThat(teams.lookUp(token)).isEmpty();
        assertThatThrownBy(() -> teams.join(token, "again" + Fixtures.unique("x").toLowerCase(), "Again", "a long enough passphrase 42", "en"))
                .hasMessageContaining("unknown, used, withdrawn or expired");

        CurrentUser vic = join(owner, MemberRole.VIEWER);
        CurrentUser fin = join(owner, MemberRole.FINANCE);
        CurrentUser man = accounts.currentUser(mia.id());

        Api viewer = api().login(vic.username(), Fixtures.PASSWORD);
        Api finance = api().login(fin.username(), Fixtures.PASSWORD);
        Api manager = api().login(man.username(), "a long enough passphrase 42");

        // A viewer reads the work and the team, and changes nothing.
        assertThat(viewer.get("/api/v1/batches").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/organisation/members").json().size()).isEqualTo(4);
        Api.Response refused = viewer.post("/api/v1/batches/" + draft.id() + "/publish", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("VIEWER");
        assertThat(viewer.get("/api/v1/organisation/balance").status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/organisation/invitations", Map.of("role", "VIEWER")).status()).isEqualTo(403);
        // Finance sees the money and changes no work.
        assertThat(finance.get("/api/v1/organisation/balance").status()).isEqualTo(200);
        assertThat(finance.get("/api/v1/organisation/statements").status()).isNotEqualTo(403);
        assertThat(finance.post("/api/v1/batches/" + draft.id() + "/publish", null).status()).isEqualTo(403);
        // A manager posts and reviews, and neither sees the money pages nor changes the team.
        assertThat(manager.get("/api/v1/organisation/balance").status()).isEqualTo(403);
        assertThat(manager.get("/api/v1/organisation/keys").status()).isEqualTo(403);
        assertThat(manager.post("/api/v1/batches/" + draft.id() + "/publish", null).status()).isEqualTo(200);
        // The trail names the member who took the action.
        assertThat(jdbc.sql("SELECT actor_id FROM trail_event WHERE type = 'BATCH_PUBLISHED' AND organisation_id = ?").param(org)
                .query(Long.class).single()).isEqualTo(man.id());

        // Pages follow the same rules.
        WebSession viewerWeb = new WebSession(port).login(vic);
        assertThat(viewerWeb.get("/requester/team").body()).contains(vic.displayName()).doesNotContain("data-testid=\"invite\"");
        assertThat(viewerWeb.get("/requester/balance").statusCode()).isEqualTo(403);
        assertThat(viewerWeb.get("/requester/batches").statusCode()).isEqualTo(200);
        assertThat(new WebSession(port).login(owner).get("/requester/team").body()).contains("data-testid=\"invite\"").contains("data-testid=\"make-key\"");

        // API keys: a scope, an expiry; each acts as the owner who made it; revocable.
        Teams.NewKey readOnly = teams.makeKey(owner, "Dashboard", MemberRole.VIEWER, 30);
        Teams.NewKey poster = teams.makeKey(owner, "Posting script", MemberRole.MANAGER, 90);
        assertThat(readOnly.token()).startsWith(Teams.KEY_PREFIX);
        Api dashboard = api().as(readOnly.token());
        assertThat(dashboard.get("/api/v1/batches").status()).isEqualTo(200);
        assertThat(dashboard.post("/api/v1/batches/" + fixtures.draft(owner, 2, 20, 1).id() + "/publish", null).status()).isEqualTo(403);
        Batch second = fixtures.draft(owner, 2, 20, 1);
        assertThat(api().as(poster.token()).post("/api/v1/batches/" + second.id() + "/publish", null).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT actor_id FROM trail_event WHERE type = 'BATCH_PUBLISHED' AND task_id IS NULL AND payload LIKE ?")
                .param("%" + second.id() + "%").query(Long.class).list()).contains(owner.id());
        assertThat(teams.keys(owner)).extracting(Teams.Key::name).containsExactly("Posting script", "Dashboard");
        assertThat(api().login(owner.username(), Fixtures.PASSWORD).get("/api/v1/organisation/keys").body()).doesNotContain(readOnly.token());
        teams.revokeKey(owner, readOnly.key().id());
        assertThat(dashboard.get("/api/v1/batches").status()).isEqualTo(401);
        clock.advance(Duration.ofDays(91));
        assertThat(api().as(poster.token()).get("/api/v1/batches").status()).isEqualTo(401);

        // Removing a member ends their access at once.
        teams.remove(owner, vic.id());
        assertThat(viewer.get("/api/v1/batches").status()).isIn(401, 403);
        assertThat(accounts.currentUser(vic.id()).organisationId()).isNull();

        // Another organisation's owner cannot touch this team.
        CurrentUser stranger = fixtures.requester();
        assertThatThrownBy(() -> teams.setRole(stranger, fin.id(), MemberRole.OWNER)).hasMessageContaining("Member");
        assertThatThrownBy(() -> teams.invite(fin, MemberRole.OWNER, null)).hasMessageContaining("owners");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM trail_event WHERE type = 'TEAM_CHANGED' AND organisation_id = ?").param(org)
                .query(Long.class).single()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void anOrganisationAlwaysKeepsAnOwnerEvenWhenTwoOwnersDemoteEachOtherAtOnce() throws Exception {
        CurrentUser ann = fixtures.requester();
        assertThatThrownBy(() -> teams.setRole(ann, ann.id(), MemberRole.VIEWER)).hasMessageContaining("only owner");
        assertThatThrownBy(() -> teams.remove(ann, ann.id())).hasMessageContaining("only owner");
        for (int round = 0; round < 10; round++) {
            CurrentUser bob = join(ann, MemberRole.OWNER);
            org.polder.testing.AtOnce.run(() -> teams.setRole(ann, bob.id(), MemberRole.VIEWER), () -> teams.setRole(bob, ann.id(), MemberRole.VIEWER));
            long owners = jdbc.sql("SELECT COUNT(*) FROM account WHERE organisation_id = ? AND member_role = 'OWNER'").param(ann.organisationId())
                    .query(Long.class).single();
            assertThat(owners).as("round " + round).isEqualTo(1);
            // Put things back: whoever is still owner makes Ann the owner again and removes Bob.
            CurrentUser survivor = accounts.currentUser(accounts.currentUser(ann.id()).member() == MemberRole.OWNER ? ann.id() : bob.id());
            teams.setRole(survivor, ann.id(), MemberRole.OWNER);
            teams.remove(accounts.currentUser(ann.id()), bob.id());
        }
    }

    @Test
    void badInputIsRefusedWithTheFieldNamedAndNothingWritten() {
        CurrentUser owner = fixtures.requester();
        long before = jdbc.sql("SELECT COUNT(*) FROM organisation_invitation").query(Long.class).single();
        assertThatThrownBy(() -> teams.invite(owner, MemberRole.VIEWER, "not an address")).hasMessageContaining("email:");
        assertThatThrownBy(() -> teams.invite(owner, null, null)).hasMessageContaining("role:");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM organisation_invitation").query(Long.class).single()).isEqualTo(before);
        assertThatThrownBy(() -> teams.makeKey(owner, "", MemberRole.VIEWER, 30)).hasMessageContaining("name:");
        assertThatThrownBy(() -> teams.makeKey(owner, "x", MemberRole.VIEWER, 400)).hasMessageContaining("days: from 1 to 365");
        String link = teams.invite(owner, MemberRole.VIEWER, null).link();
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThatThrownBy(() -> teams.join(token, "x", "X", "a long enough passphrase 42", "en")).hasMessageContaining("username:");
        assertThatThrownBy(() -> teams.join(token, "weakling" + Fixtures.unique("w").toLowerCase(), "Weak", "password", "en"))
                .isInstanceOf(org.polder.common.DomainException.class);
        assertThat(teams.lookUp(token)).as("still open after refused tries").isPresent();
        // An account already in an organisation cannot take the link.
        assertThatThrownBy(() -> teams.accept(fixtures.requester(), token)).hasMessageContaining("already");
    }

    private CurrentUser join(CurrentUser owner, MemberRole role) {
        String link = teams.invite(owner, role, null).link();
        CurrentUser plain = Accounts.user(accounts.create(Fixtures.unique("member").toLowerCase(), Fixtures.PASSWORD, "Member " + role,
                EnumSet.noneOf(Role.class), null, "en"));
        teams.accept(plain, link.substring(link.lastIndexOf('/') + 1));
        return accounts.currentUser(plain.id());
    }
}
