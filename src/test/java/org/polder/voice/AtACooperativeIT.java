package org.polder.voice;

import org.polder.testing.PolderIT;
import org.springframework.test.context.TestPropertySource;

/**
 * Polder run as a cooperative, in a context of its own (its own clock, which these tests move decades ahead so that
 * nothing they make, an agreement in force or a member entitled to vote, reaches the other tests on the same database).
 */
@TestPropertySource(properties = {"polder.governance.model=COOPERATIVE", "polder.governance.quorum-percent=50",
        "polder.governance.majority-percent=50"})
abstract class AtACooperativeIT extends PolderIT {
}
