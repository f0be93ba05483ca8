package org.livestack.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.RunObserver;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

/**
 * A random network of {@link RandomModel}s, rebuilt identically from its seed for every run:
 * random links with random latencies, and a hub joining a random subset.
 */
final class RandomTopology
{
    final long seed;
    final int size;
    final List<RandomModel> models = new ArrayList<>();
    final List<VTask> tasks = new ArrayList<>();
    final Simulation.Builder builder = Simulation.builder();

    /**
     * @param minLatency smallest link latency (the lookahead), {@code >= 0}.
     * @param maxLatency largest link latency.
     */
    RandomTopology(final long seed, final long minLatency, final long maxLatency, final boolean mayBlock)
    {
        this.seed = seed;
        final SplittableRandom r = new SplittableRandom(seed);
        size = 2 + r.nextInt(24);
        for (int i = 0; i < size; i++)
        {
            final RandomModel m = new RandomModel(r.nextLong(), 50 + r.nextInt(250), mayBlock);
            models.add(m);
            tasks.add(builder.component("m" + i, m));
        }
        final int links = size - 1 + r.nextInt(2 * size);
        for (int l = 0; l < links; l++)
        {
            final int a = l < size - 1 ? l : r.nextInt(size);
            int b = l < size - 1 ? l + 1 : r.nextInt(size);
            if (a == b)
            {
                b = (a + 1) % size;
            }
            final Endpoint ea = builder.endpoint(tasks.get(a), "l" + l);
            final Endpoint eb = builder.endpoint(tasks.get(b), "l" + l);
            builder.link(ea, eb, r.nextLong(minLatency, maxLatency + 1));
            models.get(a).links.add(ea);
            models.get(b).links.add(eb);
        }
        if (size > 2 && r.nextBoolean())
        {
            final List<Integer> members = new ArrayList<>();
            for (int i = 0; i < size; i++)
            {
                if (r.nextInt(3) == 0)
                {
                    members.add(i);
                }
            }
            if (members.size() >= 2)
            {
                final Hub hub = r.nextBoolean() ? builder.hub("hub") : builder.switchHub("hub");
                final List<Endpoint> ports = new ArrayList<>();
                for (final int i : members)
                {
                    final Endpoint p = builder.endpoint(tasks.get(i), "hub");
                    builder.attach(p, hub, r.nextLong(minLatency, maxLatency + 1));
                    ports.add(p);
                    models.get(i).hubPort = p;
                }
                for (final int i : members)
                {
                    for (final Endpoint p : ports)
                    {
                        if (p != models.get(i).hubPort)
                        {
                            models.get(i).hubPeers.add(p);
                        }
                    }
                }
            }
        }
    }

    /** One scope with all vtasks. */
    Simulation build(final long skew, final long horizon, final int workers, final RunObserver observer)
    {
        builder.scope("all", skew, tasks);
        return builder.horizon(horizon).workers(workers).observer(observer).build();
    }

    List<List<String>> traces()
    {
        final List<List<String>> traces = new ArrayList<>();
        for (final RandomModel m : models)
        {
            traces.add(m.trace);
        }
        return traces;
    }
}
