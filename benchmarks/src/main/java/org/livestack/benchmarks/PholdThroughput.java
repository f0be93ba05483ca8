package org.livestack.benchmarks;

import java.util.Arrays;
import java.util.Locale;

import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.benchmarks.ssj.SsjPhold;
import org.livestack.models.Phold;
import org.livestack.runtime.SequentialEngine;

/**
 * PHOLD events per second of wall time: SSJ (sequential, an established Java DES library), the
 * sequential reference engine, and the LiveStack runtime on 1, 2 and 4 workers, on the same model
 * ({@link Phold}) in one process. Time unit 1 us: lookahead {@code L} us (hops of L / 2), mean
 * exponential delay 1 us, skew one nanosecond below the hop latency (results independent of the
 * worker count). Arguments: {@code [lps] [eventsPerLp] [remote] [lookaheadUs] [horizonMs] [rounds]},
 * defaults 1024 16 0.5 1 1 5. Prints the median and best of the rounds after one warm-up round.
 */
public final class PholdThroughput
{
    private PholdThroughput()
    {
    }

    public static void main(final String[] args)
    {
        final int lps = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        final int events = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        final double remote = args.length > 2 ? Double.parseDouble(args[2]) : 0.5;
        final long lookahead = (args.length > 3 ? Long.parseLong(args[3]) : 1) * 1_000;
        final long horizon = (args.length > 4 ? Long.parseLong(args[4]) : 1) * 1_000_000;
        final int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        final Phold.Params p = new Phold.Params(lps, events, remote, lookahead, 1_000, lookahead / 2 - 1);
        System.out.printf(Locale.ROOT, "PHOLD: %d LPs x %d events, remote %.2f, lookahead %d ns, mean delay 1000 ns, " +
            "horizon %d ms, %d rounds after a warm-up; %d cores%n", lps, events, remote, lookahead, horizon / 1_000_000, rounds,
            Runtime.getRuntime().availableProcessors());
        report("SSJ 3.3.2 (sequential)", rounds, () ->
        {
            final SsjPhold.Result r = SsjPhold.run(p, horizon, 1);
            return new long[] {r.events(), r.wallNanos(), r.events()};
        });
        report("LiveStack sequential engine", rounds, () ->
        {
            final Simulation.Builder b = Simulation.builder();
            final Phold phold = Phold.build(b, p);
            final SequentialEngine.Result r = SequentialEngine.run(b.horizon(horizon).seed(1).build());
            return new long[] {phold.events(), r.wallNanos(), r.events()};
        });
        for (final int workers : new int[] {1, 2, 4})
        {
            report("LiveStack runtime, " + workers + " worker" + (workers > 1 ? "s" : ""), rounds, () ->
            {
                final Simulation.Builder b = Simulation.builder();
                final Phold phold = Phold.build(b, p);
                final RunReport r = b.horizon(horizon).seed(1).workers(workers).build().run();
                return new long[] {phold.events(), r.wallTimeNanos(), r.totalEvents()};
            });
        }
    }

    private interface Round
    {
        long[] run();
    }

    private static void report(final String what, final int rounds, final Round round)
    {
        round.run(); // warm-up
        final double[] rates = new double[rounds];
        long pholdEvents = 0;
        long engineEvents = 0;
        for (int i = 0; i < rounds; i++)
        {
            final long[] r = round.run();
            pholdEvents = r[0];
            engineEvents = r[2];
            rates[i] = r[0] / (r[1] / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%-32s %,12d PHOLD events (%,d engine events): median %.2f M/s, best %.2f M/s%n", what,
            pholdEvents, engineEvents, rates[rounds / 2] / 1e6, rates[rounds - 1] / 1e6);
    }
}
