package org.livestack.runtime;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many senders on several workers into one hub (its actor on odd seeds, transparent on even seeds),
 * with more workers than this machine has cores (so
 * threads are preempted mid-protocol): with S equal to the hop latency no delivery is late; with S
 * below it every component's trace is the same on 1, 3 and 4 workers (at S = L a message and an
 * event of the receiver at exactly the same time may be handled in either order). Found two holes: a worker dispatched an
 * event later than a message still in its ring (the grant, scope vtime + S, may exceed it), and a
 * record committed behind another sender's uncommitted claim was left in the ring after inboundMin
 * had been reset.
 */
class FanInLatenessTest
{
    private static final int SEEDS = Integer.getInteger("livestack.seeds", 4);
    private static final int NODES = 48;
    private static final long HOP = 100;

    /** Hold a token for a random time, then pass it to a random node through the hub. */
    private static final class Node implements Component
    {
        final List<String> trace = new ArrayList<>();
        Endpoint port;
        List<Endpoint> all;

        @Override
        public void onStart(final ComponentContext ctx)
        {
            for (int i = 0; i < 6; i++)
            {
                ctx.schedule(1 + ctx.random().nextInt(2_000), null);
            }
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            trace.add(ctx.now() + " m " + m.source().vtask().id());
            ctx.schedule(ctx.random().nextInt(500), null);
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            trace.add(ctx.now() + " e");
            final Endpoint to = all.get(ctx.random().nextInt(all.size()));
            if (to == port)
            {
                ctx.schedule(1 + ctx.random().nextInt(500), null);
            }
            else
            {
                ctx.send(port, to, 1, new byte[8]);
            }
        }
    }

    private static List<List<String>> run(final long seed, final int workers, final long skew, final long[] late)
    {
        final Simulation.Builder b = Simulation.builder();
        final Hub hub = b.hub("hub");
        final List<Node> nodes = new ArrayList<>();
        final List<Endpoint> ports = new ArrayList<>();
        final VTask[] members = new VTask[NODES + 1];
        for (int i = 0; i < NODES; i++)
        {
            final Node n = new Node();
            final VTask t = b.component("n" + i, n);
            n.port = b.endpoint(t, "p");
            b.attach(n.port, hub, HOP);
            nodes.add(n);
            ports.add(n.port);
            members[i] = t;
        }
        members[NODES] = hub.vtask();
        nodes.forEach(n -> n.all = ports);
        if (seed % 2 == 1)
        {
            // odd seeds: a no-op hook makes the hub an actor that every sender writes to (many
            // producers into one worker's ring); even seeds: a transparent hub, straight to the nodes
            b.hook(hub, f -> { });
        }
        b.scope("all", skew, members);
        final RunReport r = b.horizon(300_000).seed(seed).workers(workers).build().run();
        late[0] = r.lateDeliveries();
        assertThat(r.sent()).isEqualTo(r.delivered() + r.inFlight() + r.dropped());
        return nodes.stream().map(n -> n.trace).toList();
    }

    @Test
    void skewEqualToTheHopLatencyNeverDeliversLateOnMoreWorkersThanCores()
    {
        final long[] late = new long[1];
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            for (final int workers : new int[] {3, 4})
            {
                final List<List<String>> traces = run(seed, workers, HOP, late);
                assertThat(traces.stream().mapToInt(List::size).sum()).as("seed %d: events", seed).isGreaterThan(10_000);
                assertThat(late[0]).as("seed %d, %d workers: late deliveries with S = hop latency", seed, workers).isZero();
            }
        }
    }

    @Test
    void skewBelowTheHopLatencyGivesIdenticalTracesOnOneThreeAndFourWorkers()
    {
        final long[] late = new long[1];
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final List<List<String>> one = run(seed, 1, HOP - 1, late);
            for (final int workers : new int[] {3, 4})
            {
                final List<List<String>> other = run(seed, workers, HOP - 1, late);
                assertThat(late[0]).as("seed %d, %d workers: late deliveries", seed, workers).isZero();
                for (int i = 0; i < NODES; i++)
                {
                    assertThat(other.get(i)).as("seed %d, %d workers, node %d: trace", seed, workers, i)
                        .containsExactlyElementsOf(one.get(i));
                }
            }
        }
    }
}
