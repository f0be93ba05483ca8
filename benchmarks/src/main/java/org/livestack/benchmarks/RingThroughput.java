package org.livestack.benchmarks;

import java.util.Arrays;
import java.util.Locale;

import org.livestack.api.RunReport;

/**
 * Macro benchmark: modeled events per second of a 1,000-component ring for 1 and 2 workers, at
 * S = 0 (exact discrete-event mode) and S = L. Prints the median of the measured runs after warm-up
 * runs. Usage: {@code RingThroughput [size] [horizonNanos] [runs]}.
 */
public final class RingThroughput
{
    private RingThroughput()
    {
    }

    /**
     * @param args optional size, horizon and number of measured runs.
     */
    public static void main(final String[] args)
    {
        final int size = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        final long horizon = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
        final int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        final long latency = 1_000;
        System.out.printf(Locale.ROOT, "ring of %,d components, 1 token each, link latency %,d ns, horizon %,d ns, %d cores%n",
            size, latency, horizon, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-8s %-10s %16s %14s %12s%n", "workers", "skew", "events/s", "events", "wall ms");
        for (final long skew : new long[] {0, latency})
        {
            for (final int workers : new int[] {1, 2})
            {
                for (int i = 0; i < 2; i++)
                {
                    RingTopology.build(size, 1, latency, skew, horizon, workers).run();
                }
                final double[] rates = new double[runs];
                long events = 0;
                long wall = 0;
                for (int i = 0; i < runs; i++)
                {
                    final RunReport r = RingTopology.build(size, 1, latency, skew, horizon, workers).run();
                    rates[i] = r.totalEvents() * 1e9 / r.wallTimeNanos();
                    events = r.totalEvents();
                    wall = r.wallTimeNanos();
                }
                Arrays.sort(rates);
                System.out.printf(Locale.ROOT, "%-8d %-10s %,16.0f %,14d %12.1f%n", workers, skew + " ns",
                    rates[runs / 2], events, wall / 1e6);
            }
        }
    }
}
