package org.polder.notify.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Mails and pushes what is due every few seconds, on every node (each notice is claimed by one). */
@Component
class NotifyJobs {

    private final MailDeliveries mail;
    private final PushDeliveries push;
    private final boolean scheduled;

    NotifyJobs(MailDeliveries mail, PushDeliveries push, @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.mail = mail;
        this.push = push;
        this.scheduled = scheduled;
    }

    @org.polder.common.DecidesNothing("pushes notices that modules already wrote and that were not pushed at once")
    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    void push() {
        if (scheduled) {
            while (push.sendDue() == 20) {
                // more were due: go on at once
            }
        }
    }

    @org.polder.common.DecidesNothing("mails notices that modules already wrote")
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    void sendMail() {
        if (scheduled) {
            while (mail.sendDue() == 20) {
                // more were due: go on at once
            }
        }
    }
}
