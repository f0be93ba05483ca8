package org.livestack.api.stats;

import java.util.Locale;

/**
 * Observations of a quantity (a response time, a packet size): count, mean, variance (Welford's
 * update, stable for long runs), min, max and a Student t confidence interval. The interval
 * assumes independent observations; for correlated ones within a run (successive waiting times)
 * use one tally per replication and {@link ConfidenceInterval#of} over the replication means.
 */
public final class Tally
{
    private final String name;
    private long n;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** @param name what is observed, for reports. */
    public Tally(final String name)
    {
        this.name = name;
    }

    /**
     * @param x an observation, finite.
     * @throws IllegalArgumentException naming the tally if {@code x} is NaN or infinite.
     */
    public void add(final double x)
    {
        if (!Double.isFinite(x))
        {
            throw new IllegalArgumentException("tally '" + name + "': observation " + x + " is not finite");
        }
        n++;
        final double delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
        min = Math.min(min, x);
        max = Math.max(max, x);
    }

    /** Forgets all observations (e.g. after a warm-up period). */
    public void reset()
    {
        n = 0;
        mean = 0;
        m2 = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    /** @return the name. */
    public String name()
    {
        return name;
    }

    /** @return the number of observations. */
    public long count()
    {
        return n;
    }

    /** @return the mean, NaN without observations. */
    public double mean()
    {
        return n == 0 ? Double.NaN : mean;
    }

    /** @return the sample variance (n - 1 denominator), NaN with fewer than 2 observations. */
    public double variance()
    {
        return n < 2 ? Double.NaN : m2 / (n - 1);
    }

    /** @return the sample standard deviation. */
    public double standardDeviation()
    {
        return Math.sqrt(variance());
    }

    /** @return the smallest observation, +infinity without observations. */
    public double min()
    {
        return min;
    }

    /** @return the largest observation, -infinity without observations. */
    public double max()
    {
        return max;
    }

    /**
     * @param level confidence level in (0, 1), e.g. 0.95.
     * @return the Student t interval for the mean (infinite half-width with fewer than 2 observations).
     */
    public ConfidenceInterval confidenceInterval(final double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new IllegalArgumentException("tally '" + name + "': confidence level " + level + " is not in (0, 1)");
        }
        if (n < 2)
        {
            return new ConfidenceInterval(mean(), Double.POSITIVE_INFINITY, level, n);
        }
        final double t = ConfidenceInterval.studentT(0.5 + level / 2, n - 1);
        return new ConfidenceInterval(mean, t * Math.sqrt(variance() / n), level, n);
    }

    @Override
    public String toString()
    {
        return String.format(Locale.ROOT, "%s: n %d, mean %.6g, sd %.4g, min %.6g, max %.6g", name, n, mean(),
            standardDeviation(), min, max);
    }
}
