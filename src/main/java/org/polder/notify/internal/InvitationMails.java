package org.polder.notify.internal;

import org.polder.account.InvitationMade;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Mails an invitation's link to the address it names, once the invitation is stored; nothing where no mail server is set. */
@Component
class InvitationMails {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InvitationMails.class);

    private final Mailer mailer;

    InvitationMails(Mailer mailer) {
        this.mailer = mailer;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(InvitationMade invitation) {
        if (!mailer.enabled()) {
            return;
        }
        try {
            mailer.sendInvitation(invitation.email(), invitation.organisation(), invitation.invitedBy(), invitation.role().name(),
                    invitation.language(), invitation.link());
        } catch (RuntimeException e) {
            // The invitation stands and its link is on the owner's page; only the mail did not go.
            log.warn("Invitation mail to {} not sent: {}", invitation.email(), e.getMessage());
        }
    }
}
