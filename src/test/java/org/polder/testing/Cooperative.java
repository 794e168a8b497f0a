package org.polder.testing;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Polder run as a cooperative (binding votes, quorum 50%), in a context of its own: its own clock, which these tests
 * move decades ahead, so that nothing they make (an agreement in force, a member entitled to vote) reaches the other
 * tests on the same database.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@TestPropertySource(properties = {"polder.governance.model=COOPERATIVE", "polder.governance.quorum-percent=50",
        "polder.governance.majority-percent=50"})
public @interface Cooperative {
}
