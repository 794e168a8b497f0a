package org.polder.work;

/**
 * A rule parameter whose value the module it belongs to checks and keeps itself, such as the errand
 * pricing rules (a JSON document with their own versions). Like every parameter it changes only through
 * a consultation: {@link PlatformParameters} asks the owner for the current value, to check a proposed
 * one, and to make the change when the consultation allows it.
 */
public interface OwnedParameter {

    Parameter parameter();

    /** The value in force, in its stored form. */
    String current();

    /** The value in its stored form; refuses with a message naming what is wrong when it is not allowed. */
    String normalise(String value);

    /** Makes the change, in the consultation's transaction. */
    void change(String value, long consultationId);
}
