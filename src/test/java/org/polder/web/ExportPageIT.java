package org.polder.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.BrowserIT;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A worker downloads their data from the page and checks it there. */
class ExportPageIT extends BrowserIT {

    @Test
    void downloadAndCheckTheExport() {
        CurrentUser worker = fixtures.worker();
        Page me = loggedIn(worker.username(), "nl");
        me.navigate(url("/me/export"));
        Download download = me.waitForDownload(() -> me.click("a[href='/me/export.zip']"));
        me.setInputFiles("#file", download.path());
        me.click("form[action='/me/export/verify'] button");
        assertThat(me.locator("[data-testid=verify-result]")).containsText("In orde.");
        assertThat(me.locator("[data-testid=verify-result]")).containsText("intact");
    }
}
