package org.livestack.models;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A non-negative random quantity (a service time in ns, a size in bytes), sampled from a
 * component's own stream ({@code ctx.random()}, so runs are reproducible). Factories validate their
 * parameters and say which one is wrong.
 */
public interface Distribution
{
    /** @return a sample, {@code >= 0}. */
    double sample(RandomGenerator random);

    /** @return the mean. */
    double mean();

    /** @return a sample rounded to a long, at least {@code min}. */
    default long sampleLong(final RandomGenerator random, final long min)
    {
        return Math.max(min, Math.round(sample(random)));
    }

    /** @param value the constant, {@code >= 0}. */
    static Distribution constant(final double value)
    {
        check(value >= 0 && Double.isFinite(value), "constant value " + value + " must be finite and >= 0");
        return new Named("constant(" + value + ")", value, r -> value);
    }

    /** @param mean the mean, {@code > 0} (rate {@code 1 / mean}). */
    static Distribution exponential(final double mean)
    {
        check(mean > 0 && Double.isFinite(mean), "exponential mean " + mean + " must be finite and > 0 (a rate must be positive)");
        return new Named("exponential(mean " + mean + ")", mean, r -> r.nextExponential() * mean);
    }

    /** @param low lower bound, {@code >= 0}; @param high upper bound, {@code >= low}. */
    static Distribution uniform(final double low, final double high)
    {
        check(low >= 0 && high >= low && Double.isFinite(high), "uniform bounds [" + low + ", " + high +
            "] must satisfy 0 <= low <= high < infinity");
        return new Named("uniform(" + low + ", " + high + ")", (low + high) / 2, r -> low + r.nextDouble() * (high - low));
    }

    /**
     * Erlang: the sum of {@code k} exponentials, mean {@code mean} (coefficient of variation
     * {@code 1 / sqrt(k)}).
     */
    static Distribution erlang(final int k, final double mean)
    {
        check(k >= 1, "Erlang shape k = " + k + " must be >= 1");
        check(mean > 0 && Double.isFinite(mean), "Erlang mean " + mean + " must be finite and > 0");
        return new Named("erlang(" + k + ", mean " + mean + ")", mean, r ->
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                sum += r.nextExponential();
            }
            return sum * mean / k;
        });
    }

    /**
     * Log-normal with the given mean and standard deviation of the variable itself (not of its log):
     * heavy-tailed latencies such as an SSD's.
     */
    static Distribution logNormal(final double mean, final double sd)
    {
        check(mean > 0 && Double.isFinite(mean), "log-normal mean " + mean + " must be finite and > 0");
        check(sd >= 0 && Double.isFinite(sd), "log-normal standard deviation " + sd + " must be finite and >= 0");
        final double sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
        final double mu = Math.log(mean) - sigma2 / 2;
        final double sigma = Math.sqrt(sigma2);
        return new Named("lognormal(mean " + mean + ", sd " + sd + ")", mean, r -> Math.exp(mu + sigma * r.nextGaussian()));
    }

    /** @param values observed values to resample uniformly (a trace), non-empty, each {@code >= 0}. */
    static Distribution empirical(final double... values)
    {
        check(values.length > 0, "empirical distribution needs at least one value");
        final double[] v = values.clone();
        for (int i = 0; i < v.length; i++)
        {
            check(v[i] >= 0 && Double.isFinite(v[i]), "empirical value [" + i + "] = " + v[i] + " must be finite and >= 0");
        }
        return new Named("empirical(" + v.length + " values)", Arrays.stream(v).average().orElseThrow(),
            r -> v[r.nextInt(v.length)]);
    }

    private static void check(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** A distribution with a description. */
    record Named(String description, double mean, Sampler sampler) implements Distribution
    {
        @Override
        public double sample(final RandomGenerator random)
        {
            return sampler.sample(random);
        }

        @Override
        public String toString()
        {
            return description;
        }
    }

    /** The sampling function of a {@link Named} distribution. */
    @FunctionalInterface
    interface Sampler
    {
        /** @return a sample. */
        double sample(RandomGenerator random);
    }
}
