package org.livestack.runtime;

import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.LinkModel;
import org.livestack.api.Message;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.spi.SimulationSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hub's forwarding decision for one frame, as its actor runs it (in the runtime's package to
 * reach the hub's code): hooks, port choice, the egress link's transmit (serialization and queue
 * limit) and the hand-off to the next hop. {@code hub} is the kind of hub and attachment:
 *
 * <ul>
 * <li>{@code latency}: a plain hub, pure-latency attachments (the baseline);</li>
 * <li>{@code link}: a plain hub whose attachments are 10 Gb/s links with a 64-frame queue (the
 *     hub's clock advances 10 ns per frame, so each of the 8 egress links carries a 64-byte frame,
 *     51.2 ns of serialization, about every 80 ns: busy, occasionally queueing);</li>
 * <li>{@code hook}: a plain hub with a hook that reads the frame's type and delays it by 100 ns;</li>
 * <li>{@code switch}: a learning switch, all ports learned.</li>
 * </ul>
 * In a run, a hub like {@code latency} (plain, no hooks, pure-latency ports) is transparent and
 * never runs: frames bypass it; its number here is what its actor's decision would cost.
 * The hand-off to the next hop is a field store here; the real one (a ring write to the next hop's
 * worker) is in {@code IpcBenchmark.ringWriteRead}. 8 ports, 64-byte frames from round-robin
 * sources to round-robin destinations.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar HubForwardingBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class HubForwardingBenchmark
{
    private static final int PORTS = 8;
    private static final int FRAME = 64;

    @Param({"latency", "link", "hook", "switch"})
    public String hub;

    private HubComponent component;
    private Message[] frames;
    private final Context ctx = new Context();
    private int next;

    /** The hub actor's context: its clock and where forwarded frames go. */
    static final class Context implements ComponentContext, HubComponent.Forwarding
    {
        long now;
        long lastVisible;
        int lastHop;
        long drops;

        @Override
        public void forward(final Message in, final Endpoint destination, final long visibleTime, final int type,
            final byte[] rewritten, final int hop)
        {
            lastVisible = visibleTime;
            lastHop = hop;
        }

        @Override
        public void dropped()
        {
            drops++;
        }

        @Override
        public long now()
        {
            return now;
        }

        @Override
        public VTask vtask()
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void advance(final long deltaNanos)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void advanceTo(final long timeNanos)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(final Endpoint from, final int type, final byte[] payload)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(final Endpoint from, final Endpoint to, final int type, final byte[] payload)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public long schedule(final long delayNanos, final Object payload)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean cancel(final long eventId)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void block()
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop()
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public RandomGenerator random()
        {
            throw new UnsupportedOperationException();
        }
    }

    @Setup
    public void setUp()
    {
        final Simulation.Builder b = Simulation.builder();
        final Hub h = "switch".equals(hub) ? b.switchHub("hub") : b.hub("hub");
        final Endpoint[] eps = new Endpoint[PORTS];
        final java.util.List<VTask> members = new java.util.ArrayList<>();
        members.add(h.vtask());
        for (int i = 0; i < PORTS; i++)
        {
            final VTask v = b.component("n" + i, new Component()
            {
            });
            members.add(v);
            eps[i] = b.endpoint(v, "e" + i);
            if ("link".equals(hub))
            {
                b.attach(eps[i], h, LinkModel.latency(500).bandwidth(10_000_000_000L).queueLimit(64));
            }
            else
            {
                b.attach(eps[i], h, 500);
            }
        }
        if ("hook".equals(hub))
        {
            b.hook(h, f -> f.delay(f.message().type() == 1 ? 100 : 0));
        }
        b.scope("all", 500, members);
        final SimulationSpec spec = b.horizon(1_000_000).build().spec();
        SimulationSpec.VTaskSpec hubSpec = null;
        for (final SimulationSpec.VTaskSpec v : spec.vtasks())
        {
            if (v.hub() == h)
            {
                hubSpec = v;
            }
        }
        component = new HubComponent(hubSpec, spec.connections());
        frames = new Message[PORTS * PORTS];
        int k = 0;
        for (int s = 0; s < PORTS; s++)
        {
            for (int d = 0; d < PORTS; d++)
            {
                final int to = (s + 1 + d % (PORTS - 1)) % PORTS;
                frames[k] = new MessageImpl(eps[s], eps[to], 0, 0, 1, k, new byte[FRAME], hubSpec.vtask().id());
                k++;
            }
        }
        if ("switch".equals(hub))
        {
            for (final Message m : frames)
            {
                component.onMessage(ctx, m); // learn every port
            }
        }
    }

    @Benchmark
    public long forward()
    {
        final int i = next;
        next = i + 1 == frames.length ? 0 : i + 1;
        ctx.now += 10;
        component.onMessage(ctx, frames[i]);
        return ctx.lastVisible + ctx.lastHop;
    }
}
