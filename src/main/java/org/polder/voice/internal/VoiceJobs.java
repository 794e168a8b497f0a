package org.polder.voice.internal;

import org.polder.common.DecidesNothing;
import org.polder.voice.Consultations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Reminds workers of consultations that are about to close. */
@Component
class VoiceJobs {

    private final Consultations consultations;
    private final boolean scheduled;

    VoiceJobs(Consultations consultations, @Value("${polder.jobs.enabled:true}") boolean scheduled) {
        this.consultations = consultations;
        this.scheduled = scheduled;
    }

    /** Closes binding votes whose time is up; the vote decides, this only counts it and applies what was carried. */
    @DecidesNothing("counts a closed binding vote of the working members and applies what they carried")
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    void closeVotes() {
        if (scheduled) {
            consultations.closeVotes();
        }
    }

    @DecidesNothing("reminds workers that a consultation closes within two days")
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "${polder.jobs.initial-delay:PT5S}")
    void remindClosing() {
        if (scheduled) {
            consultations.remindClosing();
        }
    }
}
