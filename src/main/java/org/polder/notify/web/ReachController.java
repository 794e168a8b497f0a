package org.polder.notify.web;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Texts;
import org.polder.notify.Reach;
import org.polder.notify.NoticeKind;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a person is told: their e-mail address, what comes by mail, quiet hours; and the two pages a mail links to
 * without logging in (confirming the address, and stopping one kind of mail).
 */
@Controller
class ReachController {

    private final Reach mail;
    private final org.polder.notify.Push push;
    private final Texts texts;

    ReachController(Reach mail, org.polder.notify.Push push, Texts texts) {
        this.mail = mail;
        this.push = push;
        this.texts = texts;
    }

    @GetMapping("/notifications/settings")
    String settings(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("choices", mail.choices(user.id()));
        model.addAttribute("kinds", NoticeKind.receivedBy(user.has(org.polder.account.Role.WORKER), user.has(org.polder.account.Role.REQUESTER)));
        model.addAttribute("mailOn", mail.mailEnabled());
        model.addAttribute("pushKey", push.publicKey());
        return "notify/settings";
    }

    @PostMapping("/notifications/settings/email")
    String email(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String email, RedirectAttributes redirect) {
        try {
            mail.setAddress(user, email);
            if (email != null && !email.isBlank()) {
                redirect.addFlashAttribute("flash", texts.get("notifySettings.email.sent", email.strip()));
            }
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/notifications/settings";
    }

    @PostMapping("/notifications/settings")
    String choose(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) List<NoticeKind> byMail,
                  @RequestParam(required = false) List<NoticeKind> byPush,
                  @RequestParam(required = false) Integer quietFrom, @RequestParam(required = false) Integer quietUntil,
                  RedirectAttributes redirect) {
        try {
            mail.choose(user, kinds(byMail), kinds(byPush), quietFrom, quietUntil);
            redirect.addFlashAttribute("flash", texts.get("notifySettings.saved"));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", texts.of(e));
        }
        return "redirect:/notifications/settings";
    }

    private static Set<NoticeKind> kinds(List<NoticeKind> chosen) {
        return chosen == null || chosen.isEmpty() ? EnumSet.noneOf(NoticeKind.class) : EnumSet.copyOf(chosen);
    }

    /** A browser's push subscription, as the Push API gives it (sent by the settings page's script). */
    record Subscription(String endpoint, Keys keys) {
        record Keys(String p256dh, String auth) {
        }
    }

    @PostMapping(value = "/notifications/devices", consumes = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    org.springframework.http.ResponseEntity<Void> addDevice(@AuthenticationPrincipal CurrentUser user,
                                                            @org.springframework.web.bind.annotation.RequestBody Subscription s) {
        push.subscribe(user, s.endpoint(), s.keys() == null ? null : s.keys().p256dh(), s.keys() == null ? null : s.keys().auth());
        return org.springframework.http.ResponseEntity.noContent().build();
    }

    @PostMapping("/notifications/devices/forget")
    String forgetDevices(@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", texts.get("push.forgotten", push.unsubscribe(user, null)));
        return "redirect:/notifications/settings";
    }

    /** The link in the confirmation mail. */
    @GetMapping("/mail/confirm")
    String confirm(@RequestParam(required = false) String t, Model model) {
        model.addAttribute("title", texts.get("mailConfirm.title"));
        model.addAttribute("message", texts.get(mail.confirm(t) ? "mailConfirm.done" : "mailConfirm.unknown"));
        return "notify/mail-link";
    }

    /** A mail's "no more mail about this" link: asks once, so that a link checker opening it stops nothing. */
    @GetMapping("/mail/unsubscribe")
    String askToUnsubscribe(@RequestParam(required = false) String t, @RequestParam(required = false) NoticeKind kind, Model model) {
        model.addAttribute("title", texts.get("unsubscribe.title"));
        if (t == null || kind == null) {
            model.addAttribute("message", texts.get("unsubscribe.unknown"));
            return "notify/mail-link";
        }
        model.addAttribute("token", t);
        model.addAttribute("kind", kind);
        model.addAttribute("label", texts.get("notice.kind." + kind.name()));
        return "notify/unsubscribe";
    }

    /** The button on that page, and the mail program's one-click request (RFC 8058), which carries no session. */
    @PostMapping("/mail/unsubscribe")
    String unsubscribe(@RequestParam(required = false) String t, @RequestParam(required = false) NoticeKind kind, Model model) {
        model.addAttribute("title", texts.get("unsubscribe.title"));
        boolean done = kind != null && mail.unsubscribe(t, kind).isPresent();
        model.addAttribute("message", done ? texts.get("unsubscribe.done", texts.get("notice.kind." + kind.name())) : texts.get("unsubscribe.unknown"));
        return "notify/mail-link";
    }

}
