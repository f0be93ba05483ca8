package org.livestack.runtime;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md 3, blocked vtasks: a vtask woken by a message is forwarded to
 * {@code max(own vtime, max over its scopes of scope.vtime)}. Here the receiver is in two scopes;
 * the other one ran far ahead while it slept, so it wakes there (a late delivery, counted).
 */
class WakeForwardTest
{
    @Test
    void wakeUpForwardsToTheLatestOfTheReceiversScopes() throws Exception
    {
        final Simulation.Builder b = Simulation.builder();
        final AtomicLong handledAt = new AtomicLong(-1);
        final Endpoint[] out = new Endpoint[1];
        final VTask sender = b.selfRunning("sender", c ->
        {
            Thread.sleep(300); // wall time: let the ticker run ahead first
            c.awaitGrant();
            c.send(out[0], 1, new byte[0]);
            c.block();
        });
        final VTask receiver = b.component("receiver", new Component()
        {
            @Override
            public void onMessage(final ComponentContext ctx, final Message m)
            {
                handledAt.set(ctx.now());
            }
        });
        final VTask ticker = b.component("ticker", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.schedule(10, null);
            }

            @Override
            public void onEvent(final ComponentContext ctx, final long id, final Object payload)
            {
                if (ctx.now() < 10_000)
                {
                    ctx.schedule(10, null);
                }
            }
        });
        out[0] = b.endpoint(sender, "out");
        b.link(out[0], b.endpoint(receiver, "in"), 100);
        b.scope("with-sender", 1_000, sender, receiver);
        b.scope("with-ticker", 0, receiver, ticker);
        final RunReport report = b.horizon(20_000).workers(1).build().run();

        assertThat(report.vtask("ticker").vtime()).isEqualTo(10_000);
        assertThat(handledAt.get()).as("forwarded to the ticker scope's vtime").isGreaterThanOrEqualTo(9_990);
        assertThat(report.lateDeliveries()).isEqualTo(1);
        assertThat(report.maxLatenessNanos()).isEqualTo(handledAt.get() - 100);
    }
}
