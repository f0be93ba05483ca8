package org.livestack.runtime;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.spi.SimulationSpec;

/**
 * The sequential reference engine: a deliberately simple event-list simulator over the same
 * {@link SimulationSpec}. One thread always handles the globally earliest event (ties by vtask id,
 * then sequence), no scopes, no skew, no workers. The parallel runtime with every skew bound 0 must
 * handle the same events at the same virtual times in the same order per component
 * ({@code DesEquivalenceTest}); use it to check a model, or as the baseline a parallel run is
 * measured against. Components get the same random streams as in the runtime
 * ({@link ComponentContext#random()}: {@link SplittableRandom} seeded from the simulation seed and
 * the vtask id). Runs components and hubs; self-running vtasks (live hosts, external components)
 * need the runtime.
 *
 * <pre>{@code
 * SequentialEngine.Result r = SequentialEngine.run(builder.build());
 * }</pre>
 */
public final class SequentialEngine
{
    /**
     * Counts of a sequential run.
     *
     * @param events    handled events (starts, messages, self-events).
     * @param sent      messages sent (including forwarded copies and drops).
     * @param delivered messages handled by their destination.
     * @param dropped   messages dropped by a link or a stopped destination.
     * @param inFlight  messages sent but neither delivered nor dropped at the horizon.
     * @param wallNanos wall time of the run.
     */
    public record Result(long events, long sent, long delivered, long dropped, long inFlight, long wallNanos)
    {
    }

    /**
     * Runs {@code simulation} to its horizon on one thread.
     *
     * @return the counts.
     * @throws IllegalArgumentException if the simulation has self-running vtasks.
     */
    public static Result run(final Simulation simulation)
    {
        final SequentialEngine engine = new SequentialEngine(simulation.spec());
        final long start = System.nanoTime();
        engine.run();
        return new Result(engine.events, engine.sent, engine.delivered, engine.dropped, engine.inFlight(),
            System.nanoTime() - start);
    }

    private static final Comparator<Ev> ORDER = Comparator.<Ev>comparingLong(e -> e.time)
        .thenComparingInt(e -> e.source).thenComparingLong(e -> e.seq);

    private static final class Ev
    {
        final long time;
        final int source;
        final long seq;
        final MessageImpl message;
        final Object payload;
        final boolean start;
        boolean cancelled;

        Ev(final long time, final int source, final long seq, final MessageImpl message, final Object payload,
            final boolean start)
        {
            this.time = time;
            this.source = source;
            this.seq = seq;
            this.message = message;
            this.payload = payload;
            this.start = start;
        }
    }

    private static final class Actor implements ComponentContext, HubComponent.Forwarding
    {
        final VTask task;
        final Component component;
        final PriorityQueue<Ev> messages = new PriorityQueue<>(ORDER);
        final PriorityQueue<Ev> timers = new PriorityQueue<>(ORDER);
        final Map<Long, Ev> timersById = new HashMap<>();
        final SequentialEngine sim;
        final SplittableRandom random;
        long vtime;
        long seq = 1;
        long version;
        boolean blocked;
        boolean done;

        Actor(final VTask task, final Component component, final SequentialEngine sim)
        {
            this.task = task;
            this.component = component;
            this.sim = sim;
            this.random = new SplittableRandom(ActorVTask.streamSeed(sim.spec.seed(), task.id()));
        }

        Ev head()
        {
            while (!timers.isEmpty() && timers.peek().cancelled)
            {
                timers.poll();
            }
            final Ev m = messages.peek();
            final Ev t = blocked ? null : timers.peek();
            if (m == null)
            {
                return t;
            }
            return t == null || ORDER.compare(m, t) <= 0 ? m : t;
        }

        long key()
        {
            final Ev h = done ? null : head();
            return h == null ? Long.MAX_VALUE : Math.max(vtime, h.time);
        }

        @Override
        public VTask vtask()
        {
            return task;
        }

        @Override
        public long now()
        {
            return vtime;
        }

        @Override
        public void advance(final long d)
        {
            vtime += d;
        }

        @Override
        public void advanceTo(final long t)
        {
            vtime = t;
        }

        @Override
        public void send(final Endpoint from, final int type, final byte[] payload)
        {
            send(from, sim.router.peerOf(from), type, payload);
        }

        @Override
        public void send(final Endpoint from, final Endpoint to, final int type, final byte[] payload)
        {
            final long visible = sim.router.transmit(from, to, vtime, payload.length);
            sim.sent++;
            if (visible == LinkState.DROPPED)
            {
                seq++;
                sim.dropped++;
                return;
            }
            sim.pendingSends.add(new MessageImpl(from, to, vtime, visible, type, seq++, payload.clone(),
                sim.router.nextHop(from, to)));
        }

        @Override
        public void forward(final Message in, final Endpoint destination, final long visibleTime, final int type,
            final byte[] rewritten, final int hop)
        {
            sim.sent++;
            final byte[] payload = rewritten != null ? rewritten : ((MessageImpl)in).payloadArray();
            sim.pendingSends.add(new MessageImpl(in.source(), destination, in.sendTime(), visibleTime, type, task.id(),
                seq++, in.sequence(), payload, hop));
        }

        @Override
        public void dropped()
        {
            sim.sent++;
            sim.dropped++;
        }

        @Override
        public long schedule(final long delay, final Object payload)
        {
            final Ev e = new Ev(vtime + delay, task.id(), seq++, null, payload, false);
            timers.add(e);
            timersById.put(e.seq, e);
            return e.seq;
        }

        @Override
        public boolean cancel(final long id)
        {
            final Ev e = timersById.remove(id);
            if (e == null)
            {
                return false;
            }
            e.cancelled = true;
            return true;
        }

        @Override
        public void block()
        {
            sim.blockRequested = true;
        }

        @Override
        public void stop()
        {
            sim.stopRequested = true;
        }

        @Override
        public RandomGenerator random()
        {
            return random;
        }
    }

    private final SimulationSpec spec;
    private final Actor[] actors;
    private final java.util.ArrayList<MessageImpl> pendingSends = new java.util.ArrayList<>();
    private final Router router;
    private boolean blockRequested;
    private boolean stopRequested;
    long sent;
    long delivered;
    long dropped;
    long events;

    SequentialEngine(final SimulationSpec spec)
    {
        this.spec = spec;
        this.router = new Router(spec);
        actors = new Actor[spec.vtasks().size()];
        for (final SimulationSpec.VTaskSpec v : spec.vtasks())
        {
            if (v.body() != null)
            {
                throw new IllegalArgumentException("the sequential engine runs components and hubs only; '" +
                    v.vtask().name() + "' is self-running (a live host or external component needs the runtime)");
            }
            final Actor a = new Actor(v.vtask(), v.hub() != null ? new HubComponent(v, spec.connections()) : v.component(),
                this);
            a.timers.add(new Ev(0, v.vtask().id(), 0, null, null, true));
            actors[v.vtask().id()] = a;
        }
    }

    /** A component's key at some version; stale entries (an older version) are skipped. */
    private record Entry(long key, int id, long version)
    {
    }

    private static final Comparator<Entry> BY_KEY = Comparator.<Entry>comparingLong(e -> e.key).thenComparingInt(e -> e.id);
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(BY_KEY);

    private void push(final Actor a)
    {
        a.version++;
        final long k = a.key();
        if (k != Long.MAX_VALUE)
        {
            queue.add(new Entry(k, a.task.id(), a.version));
        }
    }

    /** Runs to the horizon: always the component with the smallest key (ties: the smallest vtask id). */
    void run()
    {
        for (final Actor a : actors)
        {
            push(a);
        }
        while (!queue.isEmpty())
        {
            final Entry e = queue.poll();
            final Actor a = actors[e.id()];
            if (e.version() != a.version)
            {
                continue;
            }
            if (e.key() >= spec.horizonNanos())
            {
                return;
            }
            handle(a);
        }
    }

    /** @return messages sent but neither delivered nor dropped. */
    long inFlight()
    {
        long n = 0;
        for (final Actor a : actors)
        {
            n += a.messages.size();
        }
        return n;
    }

    private void handle(final Actor a)
    {
        final Ev e = a.head();
        if (e.message != null)
        {
            a.messages.poll();
            a.blocked = false;
            delivered++;
        }
        else
        {
            a.timers.poll();
            a.timersById.remove(e.seq);
        }
        a.vtime = Math.max(a.vtime, e.time);
        events++;
        blockRequested = false;
        stopRequested = false;
        if (e.message != null)
        {
            a.component.onMessage(a, e.message);
        }
        else if (e.start)
        {
            a.component.onStart(a);
        }
        else
        {
            a.component.onEvent(a, e.seq, e.payload);
        }
        if (blockRequested)
        {
            a.blocked = true;
        }
        if (stopRequested)
        {
            a.done = true;
            dropped += a.messages.size();
            a.messages.clear();
            a.timers.clear();
        }
        for (final MessageImpl m : pendingSends)
        {
            final Actor r = actors[m.hop];
            if (r.done)
            {
                dropped++;
            }
            else
            {
                r.messages.add(new Ev(m.time, m.sourceId, m.sequence, m, null, false));
                push(r);
            }
        }
        pendingSends.clear();
        push(a);
    }
}
