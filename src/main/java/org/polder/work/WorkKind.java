package org.polder.work;

/** The four forms of platform work Polder hands out. */
public enum WorkKind {
    /** Online work done anywhere, pulled by the worker from a batch. */
    MICROTASK,
    /** Work at a client's premises for a few hours. */
    SHIFT,
    /** On-location work in public space, dispatched in real time. */
    ERRAND,
    /** A service in a private home (cleaning, care help, odd jobs, moving help), booked by a household. */
    HOME
}
