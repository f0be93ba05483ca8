package org.livestack.benchmarks.ssj;

import java.util.ArrayDeque;

import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Accumulate;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.stat.Tally;

/**
 * M/M/1 FIFO in SSJ's event style (after SSJ's own {@code QueueEv} example): arrivals at rate
 * {@code 1 / meanGap}, exponential service with mean {@code meanService}, statistics after a
 * warm-up. Times in nanoseconds, as doubles.
 */
public final class SsjMM1
{
    /**
     * One replication's results.
     *
     * @param meanWait    mean waiting time in queue (ns) after the warm-up.
     * @param utilisation busy fraction of the server after the warm-up.
     * @param customers   customers whose wait was observed.
     * @param events      events SSJ executed.
     */
    public record Result(double meanWait, double utilisation, long customers, long events)
    {
    }

    private final Simulator engine = new Simulator();
    private final ExponentialGen arrivals;
    private final ExponentialGen services;
    private final ArrayDeque<Double> queue = new ArrayDeque<>();
    private final Tally waits = new Tally("waiting times");
    private final Accumulate busy;
    private boolean serverBusy;
    private long events;

    private SsjMM1(final double meanGap, final double meanService, final long seed)
    {
        arrivals = new ExponentialGen(stream(seed), 1 / meanGap);
        services = new ExponentialGen(stream(seed + 1_000_003), 1 / meanService);
        engine.init();
        busy = new Accumulate(engine, "busy");
    }

    /**
     * Runs one replication.
     *
     * @param seed seed of the replication's two MRG32k3a streams, {@code >= 1}.
     */
    public static Result run(final double meanGap, final double meanService, final double warmUp, final double horizon,
        final long seed)
    {
        final SsjMM1 m = new SsjMM1(meanGap, meanService, seed);
        m.new Arrival().schedule(m.arrivals.nextDouble());
        m.new WarmUpEnd().schedule(warmUp);
        m.new End().schedule(horizon);
        m.engine.start();
        return new Result(m.waits.average(), m.busy.average(), m.waits.numberObs(), m.events);
    }

    /** An MRG32k3a stream with all six seed components derived from {@code seed} (each below 2^32 - 209). */
    static MRG32k3a stream(final long seed)
    {
        final MRG32k3a s = new MRG32k3a();
        final long[] v = new long[6];
        long z = seed;
        for (int i = 0; i < 6; i++)
        {
            z = z * 6364136223846793005L + 1442695040888963407L;
            v[i] = 1 + ((z >>> 33) % 4_294_944_000L);
        }
        s.setSeed(v);
        return s;
    }

    private final class Arrival extends Event
    {
        Arrival()
        {
            super(engine);
        }

        @Override
        public void actions()
        {
            events++;
            new Arrival().schedule(arrivals.nextDouble());
            if (serverBusy)
            {
                queue.add(engine.time());
            }
            else
            {
                waits.add(0);
                serverBusy = true;
                busy.update(1);
                new Departure().schedule(services.nextDouble());
            }
        }
    }

    private final class Departure extends Event
    {
        Departure()
        {
            super(engine);
        }

        @Override
        public void actions()
        {
            events++;
            final Double arrived = queue.poll();
            if (arrived == null)
            {
                serverBusy = false;
                busy.update(0);
            }
            else
            {
                waits.add(engine.time() - arrived);
                new Departure().schedule(services.nextDouble());
            }
        }
    }

    private final class WarmUpEnd extends Event
    {
        WarmUpEnd()
        {
            super(engine);
        }

        @Override
        public void actions()
        {
            events++;
            waits.init();
            busy.init(serverBusy ? 1 : 0);
        }
    }

    private final class End extends Event
    {
        End()
        {
            super(engine);
        }

        @Override
        public void actions()
        {
            events++;
            busy.update();
            engine.stop();
        }
    }
}
