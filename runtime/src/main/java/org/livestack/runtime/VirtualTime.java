package org.livestack.runtime;

/**
 * Virtual-time arithmetic. Times are {@code long} nanoseconds from 0; {@link #INFINITY} means
 * "never" and every sum saturates there, so no run can overflow (2^63 ns is about 292 years).
 */
public final class VirtualTime
{
    /** A time later than every reachable time: "no pending work". */
    public static final long INFINITY = Long.MAX_VALUE;

    private VirtualTime()
    {
    }

    /**
     * @param time  a time {@code >= 0} or {@link #INFINITY}.
     * @param delta a duration {@code >= 0}.
     * @return {@code time + delta}, saturated at {@link #INFINITY}.
     */
    public static long add(final long time, final long delta)
    {
        final long sum = time + delta;
        return sum < time ? INFINITY : sum;
    }
}
