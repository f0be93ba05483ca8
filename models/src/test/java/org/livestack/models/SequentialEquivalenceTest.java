package org.livestack.models;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.runtime.SequentialEngine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The M/M/1 model run by LiveStack on one worker with skew 0 handles the same events at the same
 * virtual times in the same order as on the sequential reference engine, and ends with the same
 * statistics.
 */
class SequentialEquivalenceTest
{
    /** Records every handler call of the component it wraps. */
    private static final class Traced implements Component
    {
        final Component inner;
        final List<String> trace = new ArrayList<>();

        Traced(final Component inner)
        {
            this.inner = inner;
        }

        @Override
        public void onStart(final ComponentContext ctx)
        {
            trace.add(ctx.now() + " start");
            inner.onStart(ctx);
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            trace.add(ctx.now() + " message " + m.type() + " from " + m.source() + " seq " + m.sequence());
            inner.onMessage(ctx, m);
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            trace.add(ctx.now() + " event " + id);
            inner.onEvent(ctx, id, payload);
        }
    }

    private record Model(Simulation simulation, Traced source, Traced station, Station server, PoissonSource arrivals)
    {
    }

    private static Model build(final long seed)
    {
        final Simulation.Builder b = Simulation.builder();
        final PoissonSource arrivals = new PoissonSource(1_250);
        final Station server = Station.fifo(1, Distribution.exponential(1_000));
        final Traced source = new Traced(arrivals);
        final Traced station = new Traced(server);
        final VTask s = b.component("arrivals", source);
        final VTask q = b.component("station", station);
        final Endpoint sp = b.endpoint(s, "out");
        final Endpoint qp = b.endpoint(q, "in");
        b.link(sp, qp, 100);
        arrivals.connect(sp, List.of(qp));
        b.scope("lan", 0, s, q);
        return new Model(b.horizon(20_000_000).seed(seed).workers(1).build(), source, station, server, arrivals);
    }

    @Test
    void mm1OnOneWorkerAtSkewZeroIsEventForEventTheSequentialEngine()
    {
        for (long seed = 1; seed <= 3; seed++)
        {
            final Model live = build(seed);
            final long events = live.simulation().run().totalEvents();
            final Model reference = build(seed);
            final SequentialEngine.Result r = SequentialEngine.run(reference.simulation());

            assertThat(live.source().trace).as("seed %d: the source's events", seed).hasSizeGreaterThan(10_000)
                .containsExactlyElementsOf(reference.source().trace);
            assertThat(live.station().trace).as("seed %d: the station's events", seed)
                .containsExactlyElementsOf(reference.station().trace);
            assertThat(events).isEqualTo(r.events());
            assertThat(live.server().waiting().mean()).isEqualTo(reference.server().waiting().mean());
            assertThat(live.arrivals().meanResponseNanos()).isEqualTo(reference.arrivals().meanResponseNanos());
        }
    }
}
