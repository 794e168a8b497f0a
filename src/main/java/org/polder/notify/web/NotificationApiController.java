package org.polder.notify.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.polder.account.CurrentUser;
import org.polder.common.Page;
import org.polder.notify.Notification;
import org.polder.notify.Notifications;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1/me/notifications")
@Tag(name = "Notifications", description = "What Polder told you about your work: shift places, offers, reviews, decisions, appeals")
class NotificationApiController {

    /** A notice as the API gives it: in the language the request asks for, and as a message key with its arguments. */
    record NotificationView(long id, String kind, String text,
                            @Schema(description = "the text as a message key, for clients that show it in the reader's language") String textCode,
                            List<Object> textArgs, String link, Instant createdAt, Instant readAt) {
    }

    record Unread(long unread) {
    }

    private final Notifications notifications;
    private final NoticeStream stream;
    private final org.polder.notify.Push push;

    NotificationApiController(Notifications notifications, NoticeStream stream, org.polder.notify.Push push) {
        this.push = push;
        this.notifications = notifications;
        this.stream = stream;
    }

    @GetMapping
    @Operation(summary = "Your notifications, newest first")
    Page<NotificationView> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "50") int size) {
        Page<Notification> mine = notifications.mine(user, page, size);
        return new Page<>(mine.items().stream().map(this::view).toList(), mine.page(), mine.size(), mine.total());
    }

    @GetMapping("/unread")
    @Operation(summary = "How many of your notifications you have not read")
    Unread unread(@AuthenticationPrincipal CurrentUser user) {
        return new Unread(notifications.unread(user.id()));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one of your notifications read")
    Unread read(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        notifications.open(user, id);
        return new Unread(notifications.unread(user.id()));
    }

    @PostMapping("/read")
    @Operation(summary = "Mark all your notifications read")
    Unread readAll(@AuthenticationPrincipal CurrentUser user) {
        notifications.markAllRead(user);
        return new Unread(0);
    }

    @org.springframework.web.bind.annotation.DeleteMapping
    @Operation(summary = "Delete your notification history (a copy is in your data export until then)")
    Unread deleteAll(@AuthenticationPrincipal CurrentUser user) {
        notifications.deleteAll(user);
        return new Unread(0);
    }

    record Subscription(String endpoint, Keys keys) {
        record Keys(String p256dh, String auth) {
        }
    }

    record Key(String publicKey) {
    }

    record Removed(int removed) {
    }

    @GetMapping("/push-key")
    @Operation(summary = "The platform's VAPID public key (applicationServerKey, base64url) to subscribe a device for push")
    Key pushKey() {
        return new Key(push.publicKey());
    }

    @PostMapping("/push-subscriptions")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @Operation(summary = "Register a device's push subscription (as the Push API gives it); only HTTPS push services on the internet")
    void subscribe(@AuthenticationPrincipal CurrentUser user, @org.springframework.web.bind.annotation.RequestBody Subscription s) {
        push.subscribe(user, s.endpoint(), s.keys() == null ? null : s.keys().p256dh(), s.keys() == null ? null : s.keys().auth());
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/push-subscriptions")
    @Operation(summary = "Forget one of your devices (by its endpoint), or all of them without one")
    Removed unsubscribe(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String endpoint) {
        return new Removed(push.unsubscribe(user, endpoint));
    }

    private NotificationView view(Notification n) {
        return new NotificationView(n.id(), n.kind().name(), stream.text(n.text(), LocaleContextHolder.getLocale()), n.text().key(),
                n.text().args(), n.link(), n.createdAt(), n.readAt());
    }
}
