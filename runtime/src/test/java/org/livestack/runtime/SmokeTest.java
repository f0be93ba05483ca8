package org.livestack.runtime;

import org.junit.jupiter.api.Test;
import org.livestack.api.*;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest
{
    @Test
    void tokenRing()
    {
        final Simulation.Builder b = Simulation.builder();
        final int n = 10;
        final VTask[] tasks = new VTask[n];
        final Endpoint[] in = new Endpoint[n];
        final Endpoint[] out = new Endpoint[n];
        for (int i = 0; i < n; i++)
        {
            final int me = i;
            final Endpoint[] myOut = new Endpoint[1];
            tasks[i] = b.component("node" + i, new Component()
            {
                @Override
                public void onStart(final ComponentContext ctx)
                {
                    if (me == 0)
                    {
                        ctx.send(myOut[0], 1, new byte[8]);
                    }
                }

                @Override
                public void onMessage(final ComponentContext ctx, final Message m)
                {
                    ctx.send(myOut[0], 1, new byte[8]);
                }
            });
            in[i] = b.endpoint(tasks[i], "in");
            out[i] = b.endpoint(tasks[i], "out");
            myOut[0] = out[i];
        }
        for (int i = 0; i < n; i++)
        {
            b.link(out[i], in[(i + 1) % n], 10);
        }
        b.scope("all", 0, tasks);
        final RunReport r = b.horizon(100_000).workers(2).build().run();
        System.out.println(r);
        assertThat(r.delivered()).isEqualTo(9_999);
        assertThat(r.sent()).isEqualTo(r.delivered() + r.inFlight() + r.dropped());
    }
}
