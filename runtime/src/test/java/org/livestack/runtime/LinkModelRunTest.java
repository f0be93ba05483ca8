package org.livestack.runtime;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.LinkModel;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;

/** Link model numbers against hand-computed serialization and queueing. */
class LinkModelRunTest
{
    private static final LinkModel TEN_GIG = LinkModel.latency(500).bandwidth(10_000_000_000L).queueLimit(3);

    /** Sends five 1500-byte frames at t = 0 and one at t = 10 us. */
    private static final class Burst implements Component
    {
        Endpoint out;
        Endpoint to;

        @Override
        public void onStart(final ComponentContext ctx)
        {
            for (int i = 0; i < 5; i++)
            {
                send(ctx, i);
            }
            ctx.schedule(10_000, null);
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            send(ctx, 5);
        }

        private void send(final ComponentContext ctx, final int n)
        {
            final byte[] frame = new byte[1500];
            frame[0] = (byte)n;
            if (to == null)
            {
                ctx.send(out, 1, frame);
            }
            else
            {
                ctx.send(out, to, 1, frame);
            }
        }
    }

    private static final class Sink implements Component
    {
        final List<String> arrivals = new ArrayList<>();

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            arrivals.add(m.payload().get(0) + "@" + ctx.now());
        }
    }

    @Test
    void backToBackFramesFinishAtTheExpectedTimesAndTheOverflowingFrameIsDropped()
    {
        final Simulation.Builder b = Simulation.builder();
        final Burst burst = new Burst();
        final Sink sink = new Sink();
        final VTask s = b.component("sender", burst);
        final VTask r = b.component("receiver", sink);
        burst.out = b.endpoint(s, "eth");
        b.link(burst.out, b.endpoint(r, "eth"), TEN_GIG);
        b.scope("lan", 500, s, r);
        final RunReport report = b.horizon(100_000).workers(2).build().run();

        // 1.2 us per frame back to back, + 0.5 us propagation; frame 4 would be the 4th waiting: dropped
        assertThat(sink.arrivals).containsExactly("0@1700", "1@2900", "2@4100", "3@5300", "5@11700");
        assertThat(report.sent()).isEqualTo(6);
        assertThat(report.dropped()).isEqualTo(1);
        assertThat(report.delivered()).isEqualTo(5);
        assertThat(report.lateDeliveries()).isZero();
    }

    @Test
    void aHubAttachmentSerializesTheSendersFramesThenAddsTheReceiversLatency()
    {
        final Simulation.Builder b = Simulation.builder();
        final Burst burst = new Burst();
        final Sink sink = new Sink();
        final VTask s = b.component("sender", burst);
        final VTask r = b.component("receiver", sink);
        final Hub hub = b.hub("switch");
        burst.out = b.endpoint(s, "eth");
        burst.to = b.endpoint(r, "eth");
        b.attach(burst.out, hub, TEN_GIG);
        b.attach(burst.to, hub, 300);
        b.scope("lan", 800, s, r);
        final RunReport report = b.horizon(100_000).workers(1).build().run();

        assertThat(sink.arrivals).containsExactly("0@2000", "1@3200", "2@4400", "3@5600", "5@12000");
        assertThat(report.dropped()).isEqualTo(1);
        assertThat(report.sent()).isEqualTo(report.delivered() + report.inFlight() + report.dropped());
    }
}
