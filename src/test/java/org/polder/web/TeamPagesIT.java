package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.BrowserIT;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An owner invites a colleague as a viewer, in Dutch; the colleague opens the link, opens an account and joins; they
 * see the team and the batches, and no button to publish or post.
 */
class TeamPagesIT extends BrowserIT {

    @Test
    void anOwnerInvitesAViewerWhoJoinsAndCanOnlyRead() {
        CurrentUser owner = fixtures.requester();
        fixtures.fund(owner, 10_000);
        var draft = fixtures.draft(owner, 2, 20, 1);
        Page lab = loggedIn(owner.username(), "nl");
        lab.navigate(url("/requester/team"));
        lab.selectOption("#invite-role", "VIEWER");
        lab.click("[data-testid=invite] button");
        String link = lab.locator("[data-testid=new-link] code").innerText().strip();
        assertThat(lab.locator("[data-testid=invitation]").first()).containsText("meelezer");

        Page newcomer = browserFor("nl");
        newcomer.navigate(link.replace("http://polder.test", url("")));
        assertThat(newcomer.locator("[data-testid=join-offer]")).containsText("als meelezer");
        String username = "vera" + System.nanoTime() % 100000;
        newcomer.fill("#username", username);
        newcomer.fill("#displayName", "Vera Viewer");
        newcomer.fill("#password", "een lang genoeg wachtwoord 42");
        newcomer.click("form.card button");
        newcomer.fill("#username", username);
        newcomer.fill("#password", "een lang genoeg wachtwoord 42");
        newcomer.click("form[action='/login'] button[type=submit]");
        newcomer.navigate(url("/requester/team"));
        assertThat(newcomer.locator("[data-testid=member]")).hasCount(2);
        assertThat(newcomer.locator("[data-testid=invite]")).hasCount(0);
        newcomer.navigate(url("/requester/batches/" + draft.id()));
        assertThat(newcomer.locator("form[action$='/publish']")).hasCount(0);
        // The link worked once.
        Page late = browserFor("nl");
        late.navigate(link.replace("http://polder.test", url("")));
        assertThat(late.locator("[data-testid=join-gone]")).isVisible();
    }
}
