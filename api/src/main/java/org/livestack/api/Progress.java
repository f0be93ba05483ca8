package org.livestack.api;

/**
 * How a run reports its progress while it runs (to standard error): virtual time reached of the
 * horizon, slowdown so far, events per second, and an estimate of the wall time left.
 */
public enum Progress
{
    /** Nothing (the default: a library stays quiet unless asked). */
    QUIET,
    /** A plain line per interval. */
    LINES,
    /** One line updated in place on a terminal; plain lines when standard error is not a terminal. */
    AUTO
}
