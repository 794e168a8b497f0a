package org.polder.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks code that takes automated decisions, naming the register entry that explains it. Every
 * scheduled job must carry it, and a test fails when it names a rule the register does not have.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Automated {

    /** Ids of the rules in the register. */
    String[] value();
}
