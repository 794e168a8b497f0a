package org.polder.notify.web;

import org.polder.account.CurrentUser;
import org.polder.notify.Notifications;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The notification centre: a person's notices, newest first; opening one marks it read. */
@Controller
class NotificationController {

    private final Notifications notifications;
    private final NoticeStream stream;

    private final org.polder.common.Texts texts;

    NotificationController(Notifications notifications, NoticeStream stream, org.polder.common.Texts texts) {
        this.texts = texts;
        this.notifications = notifications;
        this.stream = stream;
    }

    @GetMapping("/notifications")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", notifications.mine(user, Math.max(page, 0), 30));
        return "notify/notifications";
    }

    /** Opens a notice: marks it read and goes where it leads. */
    @PostMapping("/notifications/{id}/open")
    String open(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return "redirect:" + notifications.open(user, id);
    }

    @PostMapping("/notifications/read")
    String readAll(@AuthenticationPrincipal CurrentUser user) {
        notifications.markAllRead(user);
        return "redirect:/notifications";
    }

    /** Deletes the person's notification history (it is theirs; a copy is in their data export). */
    @PostMapping("/notifications/delete")
    String delete(@AuthenticationPrincipal CurrentUser user, org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", texts.get("notifications.deleted", notifications.deleteAll(user)));
        return "redirect:/notifications";
    }

    /** Every logged-in page listens here for new notices (server-sent events). */
    @GetMapping(value = "/notifications/events", produces = "text/event-stream")
    @ResponseBody
    SseEmitter events(@AuthenticationPrincipal CurrentUser user) {
        return stream.open(user.id(), LocaleContextHolder.getLocale());
    }

}
