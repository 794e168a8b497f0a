package org.polder.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a scheduled job that takes no decision about anyone: it only delivers what was already decided (a mail,
 * a notice to an open page). Every other scheduled job names its rules with {@link Automated}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DecidesNothing {

    /** What the job does instead. */
    String value();
}
