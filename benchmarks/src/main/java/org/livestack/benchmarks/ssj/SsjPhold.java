package org.livestack.benchmarks.ssj;

import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import org.livestack.models.Phold;

/**
 * PHOLD in SSJ with the rule of {@link Phold}: handling an event at an LP schedules one new event
 * {@code lookahead + Exp(meanDelay)} later, at a uniformly chosen other LP with probability
 * {@code remote}, else at the same LP. Sequential, so a remote event is scheduled directly (no
 * message and no departure event as in LiveStack). Times in nanoseconds, as doubles.
 */
public final class SsjPhold
{
    /**
     * @param events  PHOLD events executed before the horizon.
     * @param remote  of which arrived from another LP.
     * @param wallNanos wall time of the run.
     */
    public record Result(long events, long remote, long wallNanos)
    {
    }

    private final Simulator engine = new Simulator();
    private final Phold.Params p;
    private final MRG32k3a random;
    private long events;
    private long remote;

    private SsjPhold(final Phold.Params p, final long seed)
    {
        this.p = p;
        this.random = SsjMM1.stream(seed);
        engine.init();
    }

    /** Runs PHOLD with {@code p} (its skew is ignored: SSJ is sequential) until {@code horizon} ns. */
    public static Result run(final Phold.Params p, final double horizon, final long seed)
    {
        final SsjPhold m = new SsjPhold(p, seed);
        for (int lp = 0; lp < p.lps(); lp++)
        {
            for (int i = 0; i < p.eventsPerLp(); i++)
            {
                m.new PholdEvent(lp, false).schedule(m.delay());
            }
        }
        new Event(m.engine)
        {
            @Override
            public void actions()
            {
                m.engine.stop();
            }
        }.schedule(horizon);
        final long start = System.nanoTime();
        m.engine.start();
        return new Result(m.events, m.remote, System.nanoTime() - start);
    }

    private double delay()
    {
        return p.lookaheadNanos() - Math.log(1 - random.nextDouble()) * p.meanDelayNanos();
    }

    private final class PholdEvent extends Event
    {
        private final int lp;
        private final boolean fromRemote;

        PholdEvent(final int lp, final boolean fromRemote)
        {
            super(engine);
            this.lp = lp;
            this.fromRemote = fromRemote;
        }

        @Override
        public void actions()
        {
            events++;
            remote += fromRemote ? 1 : 0;
            if (random.nextDouble() < p.remote())
            {
                int j = random.nextInt(0, p.lps() - 2);
                j = j >= lp ? j + 1 : j;
                new PholdEvent(j, true).schedule(delay());
            }
            else
            {
                new PholdEvent(lp, false).schedule(delay());
            }
        }
    }
}
