package org.polder.work;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who decides the platform's rule parameters, as its statutes say ({@code polder.governance.model}). On a platform run
 * as a company the consultation is advisory: the platform decides after hearing the workers. On one run as a
 * cooperative every consultation ends in a binding vote of the working members: one member one vote, secret, carried
 * when the turnout reaches the quorum and more than the majority share of the votes cast says yes.
 */
@Component
public class Governance {

    public enum Model { COMPANY, COOPERATIVE }

    private final Model model;
    private final int quorumPercent;
    private final int majorityPercent;

    Governance(@Value("${polder.governance.model:COMPANY}") String model,
               @Value("${polder.governance.quorum-percent:30}") int quorumPercent,
               @Value("${polder.governance.majority-percent:50}") int majorityPercent) {
        this.model = Model.valueOf(model.strip().toUpperCase(java.util.Locale.ROOT));
        if (quorumPercent < 0 || quorumPercent > 100 || majorityPercent < 50 || majorityPercent > 99) {
            throw new IllegalArgumentException("polder.governance: quorum-percent 0 to 100, majority-percent 50 to 99");
        }
        this.quorumPercent = quorumPercent;
        this.majorityPercent = majorityPercent;
    }

    public Model model() {
        return model;
    }

    /** Whether consultations end in a binding vote of the working members. */
    public boolean binding() {
        return model == Model.COOPERATIVE;
    }

    /** The least share of the members entitled to vote who must vote, in percent. */
    public int quorumPercent() {
        return quorumPercent;
    }

    /** The share of the votes cast that "yes" must exceed, in percent (50: a simple majority). */
    public int majorityPercent() {
        return majorityPercent;
    }

    /** Whether a vote with these counts is carried. */
    public static boolean carried(int yes, int no, int eligible, int quorumPercent, int majorityPercent) {
        int voters = yes + no;
        return eligible > 0 && voters * 100L >= (long) quorumPercent * eligible && yes * 100L > (long) majorityPercent * voters;
    }
}
