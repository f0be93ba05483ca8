package org.livestack.benchmarks;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

/**
 * A ring of modeled components: each forwards every token it receives to its successor over a link
 * of fixed latency; each starts with the same number of tokens. The classic PHOLD-like load for a
 * conservative scheduler: all events are message handlings, all cross-worker traffic is at the
 * partition boundaries.
 */
public final class RingTopology
{
    private RingTopology()
    {
    }

    /**
     * @param size            number of components.
     * @param tokensPerNode   tokens each component injects at time 0.
     * @param latencyNanos    link latency (the lookahead).
     * @param skewNanos       skew bound of the one scope.
     * @param horizonNanos    virtual time to run to.
     * @param workers         worker threads.
     * @return the simulation, ready to run.
     */
    public static Simulation build(final int size, final int tokensPerNode, final long latencyNanos,
        final long skewNanos, final long horizonNanos, final int workers)
    {
        final Simulation.Builder b = Simulation.builder();
        final VTask[] tasks = new VTask[size];
        final Endpoint[] in = new Endpoint[size];
        final Endpoint[] out = new Endpoint[size];
        for (int i = 0; i < size; i++)
        {
            final Node node = new Node(tokensPerNode);
            tasks[i] = b.component("node-" + i, node);
            in[i] = b.endpoint(tasks[i], "in");
            out[i] = b.endpoint(tasks[i], "out");
            node.out = out[i];
        }
        for (int i = 0; i < size; i++)
        {
            b.link(out[i], in[(i + 1) % size], latencyNanos);
        }
        b.scope("ring", skewNanos, tasks);
        return b.horizon(horizonNanos).workers(workers).build();
    }

    private static final class Node implements Component
    {
        private static final byte[] TOKEN = new byte[8];
        private final int tokens;
        Endpoint out;

        Node(final int tokens)
        {
            this.tokens = tokens;
        }

        @Override
        public void onStart(final ComponentContext ctx)
        {
            for (int i = 0; i < tokens; i++)
            {
                ctx.send(out, 1, TOKEN);
            }
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message message)
        {
            ctx.send(out, 1, TOKEN);
        }
    }
}
