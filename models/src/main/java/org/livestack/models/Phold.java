package org.livestack.models;

import java.util.ArrayList;
import java.util.List;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.Message;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

/**
 * PHOLD, the standard benchmark of parallel discrete-event simulators: {@code lps} logical
 * processes start with {@code eventsPerLp} events each; handling an event schedules exactly one new
 * event, {@code lookahead + Exp(meanDelay)} later, at a uniformly chosen other LP with probability
 * {@code remote}, else at the same LP. LPs are components on one hub whose ports each have latency
 * {@code lookahead / 2}, so a remote event is a message that leaves after its exponential delay (a
 * self-event that is not counted as a PHOLD event) and arrives a lookahead later. All LPs share one
 * scope with skew bound {@code skew}: at most {@code lookahead / 2} (one hop) for no late
 * deliveries, below it for results independent of the worker count.
 *
 * <p>Per LP it records the PHOLD events handled, remote events sent and received, and a checksum
 * over the virtual times of its events: equal on any number of workers for the same seed.
 */
public final class Phold
{
    /** Message type of a remote event. */
    public static final int EVENT = 7;

    /**
     * @param lps            logical processes, {@code >= 2}.
     * @param eventsPerLp    initial events per LP, {@code >= 1}.
     * @param remote         probability an event's successor is remote, in [0, 1].
     * @param lookaheadNanos minimum delay of every event, even and {@code >= 2} (ports get half each).
     * @param meanDelayNanos mean of the exponential part of the delay, {@code > 0}.
     * @param skewNanos      the scope's skew bound, {@code >= 0}; below {@code lookahead / 2} for results
     *                       independent of the worker count.
     */
    public record Params(int lps, int eventsPerLp, double remote, long lookaheadNanos, long meanDelayNanos, long skewNanos)
    {
        /** Validates, naming the bad parameter. */
        public Params
        {
            if (lps < 2)
            {
                throw new IllegalArgumentException("PHOLD needs at least 2 LPs, got " + lps);
            }
            if (eventsPerLp < 1)
            {
                throw new IllegalArgumentException("PHOLD events per LP " + eventsPerLp + " must be >= 1");
            }
            if (!(remote >= 0 && remote <= 1))
            {
                throw new IllegalArgumentException("PHOLD remote probability " + remote + " is outside [0, 1]");
            }
            if (lookaheadNanos < 2 || lookaheadNanos % 2 != 0)
            {
                throw new IllegalArgumentException("PHOLD lookahead " + lookaheadNanos +
                    " ns must be even and >= 2 (each hub port carries half of it)");
            }
            if (meanDelayNanos <= 0)
            {
                throw new IllegalArgumentException("PHOLD mean delay " + meanDelayNanos + " ns must be > 0");
            }
            if (skewNanos < 0)
            {
                throw new IllegalArgumentException("PHOLD skew bound " + skewNanos + " ns must be >= 0");
            }
        }
    }

    /** One logical process. */
    public static final class Lp implements Component
    {
        private static final Object LOCAL = new Object();
        private final int index;
        private final Params params;
        private Endpoint port;
        private List<Endpoint> all;
        private long events;
        private long sent;
        private long received;
        private long checksum;

        Lp(final int index, final Params params)
        {
            this.index = index;
            this.params = params;
        }

        @Override
        public void onStart(final ComponentContext ctx)
        {
            for (int i = 0; i < params.eventsPerLp(); i++)
            {
                ctx.schedule(delay(ctx), LOCAL);
            }
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message message)
        {
            if (message.type() == EVENT && message.destination() == port)
            {
                received++;
                handle(ctx);
            }
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
        {
            if (payload == LOCAL)
            {
                handle(ctx);
            }
            else
            {
                sent++;
                ctx.send(port, (Endpoint)payload, EVENT, new byte[0]);
            }
        }

        private void handle(final ComponentContext ctx)
        {
            events++;
            checksum = checksum * 31 + ctx.now();
            if (ctx.random().nextDouble() < params.remote())
            {
                int j = ctx.random().nextInt(params.lps() - 1);
                j = j >= index ? j + 1 : j;
                ctx.schedule(Math.round(ctx.random().nextExponential() * params.meanDelayNanos()), all.get(j));
            }
            else
            {
                ctx.schedule(delay(ctx), LOCAL);
            }
        }

        private long delay(final ComponentContext ctx)
        {
            return params.lookaheadNanos() + Math.round(ctx.random().nextExponential() * params.meanDelayNanos());
        }

        /** @return PHOLD events handled (local and remote arrivals). */
        public long events()
        {
            return events;
        }

        /** @return remote events sent. */
        public long sent()
        {
            return sent;
        }

        /** @return remote events received. */
        public long received()
        {
            return received;
        }

        /** @return a hash of the virtual times of this LP's events, in order. */
        public long checksum()
        {
            return checksum;
        }
    }

    private final List<Lp> lps;

    private Phold(final List<Lp> lps)
    {
        this.lps = lps;
    }

    /**
     * Adds PHOLD's LPs, hub and scope to {@code b}.
     *
     * @return the model, for its statistics after the run.
     */
    public static Phold build(final Simulation.Builder b, final Params p)
    {
        final Hub hub = b.hub("phold");
        final List<Lp> lps = new ArrayList<>(p.lps());
        final List<Endpoint> ports = new ArrayList<>(p.lps());
        final VTask[] members = new VTask[p.lps() + 1];
        for (int i = 0; i < p.lps(); i++)
        {
            final Lp lp = new Lp(i, p);
            final VTask t = b.component("lp" + i, lp);
            lp.port = b.endpoint(t, "port");
            b.attach(lp.port, hub, p.lookaheadNanos() / 2);
            lps.add(lp);
            ports.add(lp.port);
            members[i] = t;
        }
        members[p.lps()] = hub.vtask();
        final List<Endpoint> all = List.copyOf(ports);
        lps.forEach(lp -> lp.all = all);
        b.scope("phold", p.skewNanos(), members);
        return new Phold(List.copyOf(lps));
    }

    /** @return the LPs, in index order. */
    public List<Lp> lps()
    {
        return lps;
    }

    /** @return PHOLD events handled by all LPs. */
    public long events()
    {
        return lps.stream().mapToLong(Lp::events).sum();
    }

    /** @return per LP: events, sent, received, checksum (for comparing runs). */
    public List<List<Long>> perLp()
    {
        return lps.stream().map(lp -> List.of(lp.events(), lp.sent(), lp.received(), lp.checksum())).toList();
    }
}
