package org.polder.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Words;
import org.polder.notify.internal.MailDeliveries;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Notices by e-mail through a real SMTP server (GreenMail): only to a confirmed address, in the reader's language
 * with a plain-text part, never twice with senders racing, not inside quiet hours, and a one-click link that
 * stops that kind of mail.
 */
class MailIT extends PolderIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Autowired Reach mail;
    @Autowired MailDeliveries deliveries;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;

    void tell(CurrentUser who, NoticeKind kind, Words words) {
        fixtures.transactions().executeWithoutResult(tx -> events.publishEvent(Notice.to(who.id(), kind, words)));
    }

    /** Confirms the address through the link in the confirmation mail, as the person would. */
    void confirm(CurrentUser who, String address) {
        mail.setAddress(who, address);
        MimeMessage confirmation = last(address);
        Matcher link = Pattern.compile("http://polder\\.test(/mail/confirm\\?t=[0-9a-f]+&lang=[a-z]+)").matcher(GreenMailUtil.getBody(confirmation));
        assertThat(link.find()).as("the confirmation mail carries its link").isTrue();
        assertThat(api().get(link.group(1)).body()).contains("confirmed");
    }

    MimeMessage last(String address) {
        MimeMessage[] all = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
        assertThat(all).isNotEmpty();
        return all[all.length - 1];
    }

    long mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void aNoticeIsMailedInTheReadersLanguageOnlyOnceTheAddressIsConfirmedAndItsLinkStopsThatKind() throws Exception {
        CurrentUser worker = fixtures.worker();
        jdbc.sql("UPDATE account SET language = 'nl' WHERE id = ?").param(worker.id()).update();
        worker = fixtures.refreshed(worker);
        String address = worker.username() + "@example.org";

        // A bad address is refused, naming the field, and nothing is kept.
        CurrentUser w = worker;
        assertThatThrownBy(() -> mail.setAddress(w, "not an address"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.mail.address"));
        assertThat(mail.choices(worker.id()).email()).isNull();

        // With the mail server away, the address is refused with a clear reason and nothing is kept.
        smtp.stop();
        try {
            assertThatThrownBy(() -> mail.setAddress(w, address))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.mail.send"));
        } finally {
            smtp.start();
        }
        assertThat(mail.choices(worker.id()).email()).isNull();

        // Before confirming, nothing is mailed.
        mail.setAddress(worker, address);
        assertThat(GreenMailUtil.getBody(last(address))).contains("bevestig", "/mail/confirm?t=");
        tell(worker, NoticeKind.SHIFT, Words.of("decision.effect.shiftPlace", "12", "Barista", "Café de Kade"));
        deliveries.sendDue();
        assertThat(mailsTo(address)).isEqualTo(1);

        // The person opens the link from the mail; from now on the kinds they want come by mail, in Dutch.
        Matcher link = Pattern.compile("http://polder\\.test(/mail/confirm\\?t=[0-9a-f]+&lang=[a-z]+)").matcher(GreenMailUtil.getBody(last(address)));
        assertThat(link.find()).isTrue();
        assertThat(api().get(link.group(1)).body()).contains("Je adres is bevestigd");
        assertThat(api().get(link.group(1)).body()).as("a used link does nothing").contains("onbekend");
        tell(worker, NoticeKind.SHIFT, Words.of("decision.effect.shiftPlace", "12", "Barista", "Café de Kade"));
        tell(worker, NoticeKind.WORK_REVIEWED, Words.of("decision.effect.rejected"));   // not by mail unless chosen
        assertThat(deliveries.sendDue()).isEqualTo(1);
        MimeMessage shift = last(address);
        assertThat(shift.getSubject()).isEqualTo("Polder: Dienst");
        String body = GreenMailUtil.getBody(shift);
        assertThat(body).contains("Hallo", "Je hebt een plek in dienst 12 (Barista, Caf", "text/plain", "text/html");
        assertThat(shift.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribe = shift.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "").replace("http://polder.test", "");
        assertThat(unsubscribe).startsWith("/mail/unsubscribe?t=").contains("&kind=SHIFT&lang=nl");

        // Opening the link asks first (a link checker stops nothing); the mail program's one-click POST stops shift mail.
        assertThat(api().get(unsubscribe).body()).contains("Stoppen met de e-mails over &quot;Dienst&quot;");
        assertThat(mail.choices(worker.id()).byMail()).contains(NoticeKind.SHIFT);
        byte[] oneClick = "List-Unsubscribe=One-Click".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(api().postRaw(unsubscribe, "application/x-www-form-urlencoded", oneClick).status()).isEqualTo(200);
        assertThat(mail.choices(worker.id()).byMail()).doesNotContain(NoticeKind.SHIFT).contains(NoticeKind.APPEAL);
        assertThat(api().postRaw("/mail/unsubscribe?t=forged&kind=APPEAL", "application/x-www-form-urlencoded", oneClick).body())
                .contains("This link is not known");
        assertThat(mail.choices(worker.id()).byMail()).contains(NoticeKind.APPEAL);
        tell(worker, NoticeKind.SHIFT, Words.of("decision.effect.shiftPlace", "13", "Barista", "Café de Kade"));
        assertThat(deliveries.sendDue()).isZero();
        assertThat(mailsTo(address)).isEqualTo(2);
    }

    @Test
    void mailDueInQuietHoursWaitsUntilTheyEnd() {
        CurrentUser worker = fixtures.worker();
        String address = worker.username() + "@example.org";
        confirm(worker, address);
        mail.choose(worker, EnumSet.of(NoticeKind.SHIFT), EnumSet.noneOf(NoticeKind.class), 22, 7);
        assertThatThrownBy(() -> mail.choose(fixtures.refreshed(worker), EnumSet.of(NoticeKind.SHIFT), EnumSet.noneOf(NoticeKind.class), 22, null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.mail.quiet"));
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime lateEvening = now.toLocalDate().plusDays(1).atTime(23, 0).atZone(zone);
        clock.advance(Duration.between(now, lateEvening));
        tell(worker, NoticeKind.SHIFT, Words.of("decision.effect.shiftPlace", "14", "Barista", "Café de Kade"));
        deliveries.sendDue();
        assertThat(mailsTo(address)).as("only the confirmation").isEqualTo(1);
        clock.advance(Duration.ofHours(7).plusMinutes(1));   // 06:01: still quiet
        deliveries.sendDue();
        assertThat(mailsTo(address)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(60));                // 07:01
        deliveries.sendDue();
        assertThat(mailsTo(address)).isEqualTo(2);
    }

    @Autowired org.springframework.core.env.Environment environment;

    @Test
    void twoNodesRacingToSendTheSameMailSendEachNoticeOnce() throws Exception {
        try (org.polder.testing.SecondNode second = org.polder.testing.SecondNode.start(environment, clock)) {
            MailDeliveries other = second.bean(MailDeliveries.class);
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                CurrentUser worker = fixtures.worker();
                String address = worker.username() + "@example.org";
                confirm(worker, address);
                addresses.add(address);
                for (int n = 0; n < 5; n++) {
                    tell(worker, NoticeKind.APPEAL, Words.of("decision.effect.stands"));
                }
            }
            // Two senders on each node at once, each until nothing is due.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Integer>> senders = new ArrayList<>();
                for (MailDeliveries node : List.of(deliveries, other, deliveries, other)) {
                    senders.add(() -> {
                        int total = 0, sent;
                        while ((sent = node.sendDue()) > 0) {
                            total += sent;
                        }
                        return total;
                    });
                }
                int total = 0;
                for (Future<Integer> f : pool.invokeAll(senders)) {
                    total += f.get();
                }
                assertThat(total).isEqualTo(30);
            } finally {
                pool.shutdown();
            }
            for (String address : addresses) {
                assertThat(mailsTo(address)).as(address).isEqualTo(1 + 5);
            }
        }
    }
}
