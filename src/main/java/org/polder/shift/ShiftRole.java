package org.polder.shift;

/**
 * A kind of job at an organisation (bartender, cook, carer) and what it asks of a worker: skills in
 * words, optionally a qualification they must hold and a number of shifts done on Polder, what to
 * wear, a briefing, and whom to ask for on arrival.
 */
public record ShiftRole(long id, long organisationId, String name, String skills, Long qualificationId, int minShifts,
                        String clothing, String briefing, String contact) {
}
