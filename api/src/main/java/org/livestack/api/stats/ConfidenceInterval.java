package org.livestack.api.stats;

import java.util.Locale;

/**
 * A two-sided Student t confidence interval for a mean: {@code mean +- halfWidth} at
 * {@code level}.
 *
 * @param mean      the sample mean.
 * @param halfWidth {@code t(level, n - 1) * s / sqrt(n)}; infinite with fewer than 2 observations.
 * @param level     the confidence level, e.g. 0.95.
 * @param n         the number of observations.
 */
public record ConfidenceInterval(double mean, double halfWidth, double level, long n)
{
    /**
     * @param observations independent observations, e.g. one mean per replication; at least 2.
     * @param level        in (0, 1).
     * @return the interval.
     * @throws IllegalArgumentException with fewer than 2 observations or a level outside (0, 1).
     */
    public static ConfidenceInterval of(final double[] observations, final double level)
    {
        final Tally t = new Tally("observations");
        for (final double x : observations)
        {
            t.add(x);
        }
        return t.confidenceInterval(level);
    }

    /** @return the lower bound. */
    public double lower()
    {
        return mean - halfWidth;
    }

    /** @return the upper bound. */
    public double upper()
    {
        return mean + halfWidth;
    }

    /** @return whether {@code x} lies in the closed interval. */
    public boolean contains(final double x)
    {
        return x >= lower() && x <= upper();
    }

    /** @return whether the two intervals share a point. */
    public boolean overlaps(final ConfidenceInterval other)
    {
        return lower() <= other.upper() && other.lower() <= upper();
    }

    @Override
    public String toString()
    {
        return String.format(Locale.ROOT, "%.6g +- %.3g (%.3g %%, n = %d)", mean, halfWidth, level * 100, n);
    }

    /**
     * The Student t quantile: {@code P(T <= t) = p} for {@code df} degrees of freedom (Hill's
     * algorithm 396, the one R's {@code qt} starts from; within 1e-5 of tables for df >= 1).
     *
     * @param p  in (0.5, 1).
     * @param df degrees of freedom, {@code >= 1}.
     */
    public static double studentT(final double p, final long df)
    {
        if (!(p > 0.5 && p < 1) || df < 1)
        {
            throw new IllegalArgumentException("Student t quantile needs p in (0.5, 1) and df >= 1, got p = " + p +
                ", df = " + df);
        }
        final double tail = 2 * (1 - p); // two-sided tail probability
        if (df == 1)
        {
            return Math.cos(tail * Math.PI / 2) / Math.sin(tail * Math.PI / 2);
        }
        if (df == 2)
        {
            return Math.sqrt(2 / (tail * (2 - tail)) - 2);
        }
        final double n = df;
        final double a = 1 / (n - 0.5);
        final double b = 48 / (a * a);
        double c = ((20700 * a / b - 98) * a - 16) * a + 96.36;
        final double d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt(a * Math.PI / 2) * n;
        double x = d * tail;
        double y = Math.pow(x, 2 / n);
        if (y > 0.05 + a)
        {
            x = normal(tail / 2);
            y = x * x;
            if (df < 5)
            {
                c += 0.3 * (n - 4.5) * (x + 0.6);
            }
            c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
            y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
            y = a * y * y;
            y = y > 0.002 ? Math.exp(y) - 1 : 0.5 * y * y + y;
        }
        else
        {
            y = ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) * (n + 1) /
                (n + 2) + 1 / y;
        }
        return Math.sqrt(n * y);
    }

    /** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
    static double normal(final double p)
    {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        if (p < 0.02425)
        {
            final double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425)
        {
            return -normal(1 - p);
        }
        final double q = p - 0.5;
        final double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
