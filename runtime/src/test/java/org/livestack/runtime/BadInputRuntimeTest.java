package org.livestack.runtime;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Simulation;
import org.livestack.api.SimulationException;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input that can only be seen while running: sends to endpoints the sender cannot reach. */
class BadInputRuntimeTest
{
    @Test
    void aMessageToAnUnknownEndpointFailsTheRunNamingBothEndpoints()
    {
        final Simulation.Builder other = Simulation.builder();
        final Endpoint foreign = other.endpoint(other.component("elsewhere", new Component() {}), "port");

        final Simulation.Builder b = Simulation.builder();
        final Endpoint[] out = new Endpoint[1];
        final VTask sender = b.component("sender", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.send(out[0], foreign, 1, new byte[0]);
            }
        });
        final VTask peer = b.component("peer", new Component() {});
        out[0] = b.endpoint(sender, "out");
        b.link(out[0], b.endpoint(peer, "in"), 10);
        b.scope("s", 0, sender, peer);
        assertThatThrownBy(() -> b.horizon(100).build().run())
            .isInstanceOf(SimulationException.class)
            .hasMessageContaining("sender")
            .rootCause().isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unknown endpoint elsewhere.port").hasMessageContaining("sender.out");
    }

    @Test
    void aMessageToAnEndpointNotOnTheSendersLinkOrHubIsRejected()
    {
        final Simulation.Builder b = Simulation.builder();
        final Endpoint[] ports = new Endpoint[3];
        final VTask a = b.component("a", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.send(ports[0], ports[2], 1, new byte[0]);
            }
        });
        final VTask c = b.component("c", new Component() {});
        ports[0] = b.endpoint(a, "x");
        ports[1] = b.endpoint(c, "x");
        ports[2] = b.endpoint(c, "unlinked");
        b.link(ports[0], ports[1], 5);
        b.scope("s", 0, a, c);
        assertThatThrownBy(() -> b.horizon(100).build().run())
            .isInstanceOf(SimulationException.class)
            .rootCause().hasMessageContaining("unknown endpoint c.unlinked for a send from a.x");
    }

    @Test
    void sendingFromAnotherComponentsEndpointIsRejected()
    {
        final Simulation.Builder b = Simulation.builder();
        final Endpoint[] ports = new Endpoint[2];
        final VTask a = b.component("a", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.send(ports[1], 1, new byte[0]);
            }
        });
        final VTask c = b.component("c", new Component() {});
        ports[0] = b.endpoint(a, "x");
        ports[1] = b.endpoint(c, "x");
        b.link(ports[0], ports[1], 5);
        b.scope("s", 0, a, c);
        assertThatThrownBy(() -> b.horizon(100).build().run())
            .rootCause().hasMessageContaining("endpoint c.x does not belong to vtask 'a'");
    }
}
