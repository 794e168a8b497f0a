package org.polder.notify.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.util.Locale;
import java.util.Map;

/**
 * Writes and sends Polder's mails: an HTML part from a Thymeleaf template and a plain-text part with the same
 * words, in the reader's language. Sends nothing where no SMTP server is configured ({@code spring.mail.host}).
 */
@Component
public class Mailer {

    private final ObjectProvider<JavaMailSender> mail;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final String from;
    private final String site;

    Mailer(ObjectProvider<JavaMailSender> mail, ITemplateEngine templates, MessageSource messages,
               @Value("${polder.mail.from:Polder <no-reply@polder.localhost>}") String from,
               @Value("${polder.public-url:http://localhost:8080}") String site) {
        this.mail = mail;
        this.templates = templates;
        this.messages = messages;
        this.from = from;
        this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
    }

    public boolean enabled() {
        return mail.getIfAvailable() != null;
    }

    /** The address of a page of this site, for links in mails. */
    public String site(String path) {
        return site + path;
    }

    /** The mail that confirms an address: nothing else goes there before its link is opened. */
    public void sendConfirmation(String to, String name, String language, String token) {
        Locale locale = Locale.forLanguageTag(language);
        String link = site("/mail/confirm?t=" + token + "&lang=" + locale.getLanguage());
        String subject = text("mail.confirm.subject", locale);
        String intro = text("mail.confirm.intro", locale);
        send(to, subject, "mail/confirm", locale, Map.of("name", name, "intro", intro, "link", link),
                text("mail.hello", locale, name) + "\n\n" + intro + "\n" + link + "\n\n" + text("mail.confirm.ignore", locale), null);
    }

    /** An invitation to join an organisation's team: who invites, with what role, and the link that joins. */
    public void sendInvitation(String to, String organisation, String invitedBy, String role, String language, String link) {
        Locale locale = Locale.forLanguageTag(language);
        String subject = text("mail.invitation.subject", locale, organisation);
        String intro = text("mail.invitation.intro", locale, invitedBy, organisation, text("member." + role, locale));
        send(to, subject, "mail/invitation", locale, Map.of("intro", intro, "link", link),
                intro + "\n" + link + "\n\n" + text("mail.invitation.ignore", locale), null);
    }

    /** A notice: what happened, a link to where it leads, and a link that stops this kind of mail. */
    public void sendNotice(String to, String name, String language, String kindLabel, String words, String link, String unsubscribe) {
        Locale locale = Locale.forLanguageTag(language);
        String subject = text("mail.notice.subject", locale, kindLabel);
        String stop = text("mail.unsubscribe", locale, kindLabel);
        String plain = text("mail.hello", locale, name) + "\n\n" + words + "\n\n" + text("mail.open", locale) + ": " + link + "\n\n-- \n"
                + text("mail.why", locale) + "\n" + stop + ": " + unsubscribe + "\n" + text("mail.settings", locale) + ": " + site("/notifications/settings");
        send(to, subject, "mail/notice", locale, Map.of("name", name, "words", words, "link", link, "unsubscribe", unsubscribe,
                "stop", stop, "settings", site("/notifications/settings")), plain, unsubscribe);
    }

    /**
     * A worker's alarm to the safety contact they named by address (someone without an account): what happened and
     * where, and why this person gets it. Sent at once; there is nothing to unsubscribe from.
     */
    public void sendAlarm(String to, String name, String worker, String language, String words) {
        Locale locale = Locale.forLanguageTag(language);
        String subject = text("mail.alarm.subject", locale, worker);
        String why = text("mail.alarm.why", locale, worker);
        send(to, subject, "mail/alarm", locale, Map.of("name", name, "words", words, "why", why),
                text("mail.hello", locale, name) + "\n\n" + words + "\n\n-- \n" + why, null);
    }

    private void send(String to, String subject, String template, Locale locale, Map<String, Object> variables, String plain, String unsubscribe) {
        JavaMailSender sender = mail.getObject();
        Context context = new Context(locale, variables);
        context.setVariable("subject", subject);
        context.setVariable("lang", locale.getLanguage());
        String html = templates.process(template, context);
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper m = new MimeMessageHelper(message, true, "UTF-8");
            m.setFrom(from);
            m.setTo(to);
            m.setSubject(subject);
            m.setText(plain, html);
            if (unsubscribe != null) {
                // One click in the mail program stops this kind of mail (RFC 8058).
                message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            sender.send(message);
        } catch (MessagingException e) {
            throw new org.springframework.mail.MailPreparationException("could not write the mail", e);
        }
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
