package org.polder.solidarity;

/** A circle as a worker looking for one sees it: its name, how many members it has, whether it gives gifts yet and takes applications. */
public record CircleSummary(long id, String name, int members, boolean active, boolean takesApplications) {
}
