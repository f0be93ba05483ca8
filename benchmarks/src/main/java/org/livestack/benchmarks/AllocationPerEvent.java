package org.livestack.benchmarks;

import java.util.Locale;

import org.livestack.api.RunReport;

/**
 * Measures heap bytes allocated per handled event on the message path of a 1,000-component ring
 * (every event is a message handling and a send), as the difference between a long and a short run
 * so that set-up allocations cancel. Run it with a GC that never collects, so used heap = bytes
 * allocated: {@code java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xmx16g ... AllocationPerEvent}.
 */
public final class AllocationPerEvent
{
    private AllocationPerEvent()
    {
    }

    private static long used()
    {
        final Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long[] measure(final long horizon, final int workers)
    {
        final long before = used();
        final RunReport r = RingTopology.build(1_000, 1, 1_000, 0, horizon, workers).run();
        return new long[] {used() - before, r.totalEvents()};
    }

    /**
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        for (final int workers : new int[] {1, 2})
        {
            measure(2_000_000, workers);
            measure(2_000_000, workers);
            final long[] small = measure(1_000_000, workers);
            final long[] large = measure(4_000_000, workers);
            System.out.printf(Locale.ROOT, "%d worker(s): %.2f bytes allocated per event (%,d extra events)%n", workers,
                (double)(large[0] - small[0]) / (large[1] - small[1]), large[1] - small[1]);
        }
    }
}
