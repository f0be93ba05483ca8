package org.livestack.api.stats;

import java.util.Arrays;

/**
 * Fixed-width bins over [{@code low}, {@code high}) with counts of observations below and above,
 * and quantile estimates (linear within a bin).
 */
public final class Histogram
{
    private final String name;
    private final double low;
    private final double width;
    private final long[] bins;
    private long underflow;
    private long overflow;
    private long count;

    /**
     * @param name what is observed.
     * @param low  lower edge of the first bin.
     * @param high upper edge of the last bin, {@code > low}.
     * @param bins number of bins, {@code >= 1}.
     * @throws IllegalArgumentException naming the histogram and the bad parameter.
     */
    public Histogram(final String name, final double low, final double high, final int bins)
    {
        if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high))
        {
            throw new IllegalArgumentException("histogram '" + name + "': range [" + low + ", " + high + ") is empty or not finite");
        }
        if (bins < 1)
        {
            throw new IllegalArgumentException("histogram '" + name + "': " + bins + " bins, need at least 1");
        }
        this.name = name;
        this.low = low;
        this.width = (high - low) / bins;
        this.bins = new long[bins];
    }

    /** @param x an observation. */
    public void add(final double x)
    {
        count++;
        if (x < low)
        {
            underflow++;
            return;
        }
        final long i = (long)((x - low) / width);
        if (i >= bins.length)
        {
            overflow++;
        }
        else
        {
            bins[(int)i]++;
        }
    }

    /** @return the name. */
    public String name()
    {
        return name;
    }

    /** @return the observations, including under- and overflow. */
    public long count()
    {
        return count;
    }

    /** @return a copy of the bin counts. */
    public long[] bins()
    {
        return Arrays.copyOf(bins, bins.length);
    }

    /** @return lower edge of bin {@code i}. */
    public double binLow(final int i)
    {
        return low + i * width;
    }

    /** @return observations below the range. */
    public long underflow()
    {
        return underflow;
    }

    /** @return observations at or above the range's upper edge. */
    public long overflow()
    {
        return overflow;
    }

    /**
     * @param q in [0, 1].
     * @return an estimate of the q-quantile, interpolated within its bin; -infinity or +infinity if
     *         it falls in the underflow or overflow.
     */
    public double quantile(final double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new IllegalArgumentException("histogram '" + name + "': quantile " + q + " is not in [0, 1]");
        }
        if (count == 0)
        {
            return Double.NaN;
        }
        final double target = q * count;
        double seen = underflow;
        if (target < seen || (target == 0 && underflow > 0))
        {
            return Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < bins.length; i++)
        {
            if (bins[i] > 0 && seen + bins[i] >= target)
            {
                return binLow(i) + width * (target - seen) / bins[i];
            }
            seen += bins[i];
        }
        return Double.POSITIVE_INFINITY;
    }
}
