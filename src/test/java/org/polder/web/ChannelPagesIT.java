package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.BrowserIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Two workers talk in a channel; the database holds only what it cannot read. */
class ChannelPagesIT extends BrowserIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoWorkersTalkAndPolderStoresOnlySealedBoxes() {
        CurrentUser ada = fixtures.worker();
        CurrentUser bram = fixtures.worker();
        Page a = loggedIn(ada.username(), "en");
        a.navigate(url("/channels"));
        a.fill("#channel-name", "Night shift at the depot");
        a.click("#open-channel button");
        assertThat(a.locator("#channel-title")).hasText("Night shift at the depot");
        String invite = a.locator("#invite").inputValue();
        assertThat(invite).contains("#k=");
        a.fill("#signature", "Ada");
        a.fill("#text", "Who else was not paid for the waiting time on Friday?");
        a.click("#send button");
        assertThat(a.locator("#messages")).containsText("Ada: Who else was not paid");

        Page b = loggedIn(bram.username(), "en");
        b.navigate(invite);
        assertThat(b.locator("#messages")).containsText("Who else was not paid for the waiting time on Friday?");
        b.fill("#text", "Me too");
        b.click("#send button");
        assertThat(b.locator("#messages")).containsText("someone: Me too");
        assertThat(a.locator("#messages")).containsText("Me too");

        // Without the key (the part after #) the channel is not readable, for anyone.
        Page c = loggedIn(fixtures.worker().username(), "en");
        c.navigate(invite.substring(0, invite.indexOf('#')));
        assertThat(c.locator("#channel-status")).containsText("no key");
        assertThat(c.locator("#messages li")).hasCount(0);

        String channel = invite.substring(invite.indexOf("/channels/") + 10, invite.indexOf('#'));
        String stored = String.join(" ", jdbc.sql("SELECT box FROM channel_message WHERE channel_id = ?").param(channel).query(String.class).list())
                + jdbc.sql("SELECT name_box FROM channel WHERE id = ?").param(channel).query(String.class).single();
        assertThat(stored).doesNotContain("paid").doesNotContain("Night shift").doesNotContain("Me too").doesNotContain("Ada");
    }
}
