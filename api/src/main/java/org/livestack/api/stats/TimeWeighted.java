package org.livestack.api.stats;

import java.util.Locale;

/**
 * A piecewise-constant quantity over virtual time (queue length, busy servers, bytes buffered):
 * {@link #update} it whenever it changes; {@link #average} integrates it over time. Times are the
 * component's {@code ctx.now()} and must not go back.
 */
public final class TimeWeighted
{
    private final String name;
    private long start;
    private long last;
    private double value;
    private double area;
    private double max;

    /**
     * @param name      what is measured, for reports.
     * @param startTime the virtual time observation begins.
     * @param initial   the value at {@code startTime}.
     */
    public TimeWeighted(final String name, final long startTime, final double initial)
    {
        this.name = name;
        this.start = startTime;
        this.last = startTime;
        this.value = initial;
        this.max = initial;
    }

    /**
     * @param now      the current virtual time, {@code >=} the previous update.
     * @param newValue the value from {@code now} on.
     * @throws IllegalArgumentException naming the collector if time goes back.
     */
    public void update(final long now, final double newValue)
    {
        advance(now);
        value = newValue;
        max = Math.max(max, newValue);
    }

    /** Adds {@code delta} to the current value at {@code now}. */
    public void add(final long now, final double delta)
    {
        update(now, value + delta);
    }

    /** Starts a new observation period at {@code now} keeping the current value (after a warm-up). */
    public void reset(final long now)
    {
        advance(now);
        start = now;
        area = 0;
        max = value;
    }

    private void advance(final long now)
    {
        if (now < last)
        {
            throw new IllegalArgumentException("time-weighted '" + name + "': time went back from " + last + " to " + now);
        }
        area += value * (now - last);
        last = now;
    }

    /** @return the current value. */
    public double value()
    {
        return value;
    }

    /** @return the largest value since the start (or the last reset). */
    public double max()
    {
        return max;
    }

    /**
     * @param now the end of the period, {@code >=} the last update.
     * @return the time average over [start, now]; the current value if the period is empty.
     */
    public double average(final long now)
    {
        if (now < last)
        {
            throw new IllegalArgumentException("time-weighted '" + name + "': time went back from " + last + " to " + now);
        }
        final long span = now - start;
        return span == 0 ? value : (area + value * (now - last)) / span;
    }

    @Override
    public String toString()
    {
        return String.format(Locale.ROOT, "%s: value %.6g, max %.6g, average to %d: %.6g", name, value, max, last,
            average(last));
    }
}
