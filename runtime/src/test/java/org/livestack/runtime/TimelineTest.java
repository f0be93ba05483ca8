package org.livestack.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.Timeline;
import org.livestack.api.VTask;

/** What a run records in its timeline, checked against what the topology must produce. */
class TimelineTest
{
    private static final long PORT = 300;
    private static final long SKEW = 300;

    /** Sends a 16-byte message every microsecond; the server echoes each one. */
    static final class Ticker implements Component
    {
        Endpoint out;
        Endpoint to;
        long sent;

        @Override
        public void onStart(final ComponentContext ctx)
        {
            ctx.schedule(1_000, null);
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            ctx.send(out, to, 1, new byte[16]);
            sent++;
            ctx.schedule(1_000, null);
        }
    }

    static final class Echo implements Component
    {
        Endpoint port;
        Endpoint back;

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            ctx.send(port, back, 2, new byte[8]);
        }
    }

    private static RunReport run(final boolean timeline, final int workers)
    {
        final Simulation.Builder b = Simulation.builder();
        final Ticker t = new Ticker();
        final Echo e = new Echo();
        final VTask tv = b.component("ticker", t);
        final VTask ev = b.component("echo", e);
        final Hub hub = b.hub("hub");
        t.out = b.endpoint(tv, "eth");
        e.port = b.endpoint(ev, "eth");
        e.back = t.out;
        t.to = e.port;
        b.attach(t.out, hub, PORT).attach(e.port, hub, PORT);
        b.scope("all", SKEW, tv, ev, hub.vtask());
        final RunReport r = b.horizon(2_000_000).workers(workers).timeline(timeline).build().run();
        assertThat(t.sent).isPositive();
        return r;
    }

    @Test
    void linksSequenceAndSamplesMatchTheTopology()
    {
        for (final int workers : new int[] {1, 2})
        {
            final RunReport r = run(true, workers);
            final Timeline t = r.timeline();
            assertThat(t.vtasks()).containsExactly("ticker", "echo", "hub");
            assertThat(t.scopes()).containsExactly("all");
            // two links, end to end through the hub: two ports of 300 ns, no serialization
            assertThat(t.links()).hasSize(2);
            for (final Timeline.LinkLatency l : t.links())
            {
                assertThat(l.minNanos()).isEqualTo(2 * PORT);
                assertThat(l.maxNanos()).isEqualTo(2 * PORT);
                assertThat(l.bucketLows()).containsExactly(Timeline.bucketLow(Timeline.bucket(2 * PORT)));
                assertThat(l.bucketCounts()).containsExactly(l.count());
            }
            final Timeline.LinkLatency out = t.links().stream().filter(l -> l.from().equals("ticker.eth")).findFirst()
                .orElseThrow();
            final Timeline.LinkLatency back = t.links().stream().filter(l -> l.from().equals("echo.eth")).findFirst()
                .orElseThrow();
            assertThat(out.to()).isEqualTo("echo.eth");
            assertThat(out.count()).isEqualTo(r.vtask("echo").received());
            assertThat(back.count()).isEqualTo(r.vtask("ticker").received());
            // the first messages: tick at 1 us, visible at 1.6 us; its echo visible at 2.2 us; ...
            assertThat(t.sequence()).hasSize(64);
            assertThat(t.sequence().get(0)).isEqualTo(new Timeline.Delivery("ticker.eth", "echo.eth", "ticker", "echo", 1_000,
                1_600, 1, 16));
            assertThat(t.sequence().get(1)).isEqualTo(new Timeline.Delivery("echo.eth", "ticker.eth", "echo", "ticker", 1_600,
                2_200, 2, 8));
            for (int i = 1; i < t.sequence().size(); i++)
            {
                assertThat(t.sequence().get(i).visibleTime()).isGreaterThanOrEqualTo(t.sequence().get(i - 1).visibleTime());
            }
            // samples: wall time ascending, vtimes never past the horizon, skew never above the bound
            assertThat(t.samples()).isNotEmpty();
            long wall = -1;
            for (final Timeline.Sample s : t.samples())
            {
                assertThat(s.wallNanos()).isGreaterThan(wall);
                wall = s.wallNanos();
                assertThat(s.vtimes()).hasSize(3);
                for (final long v : s.vtimes())
                {
                    assertThat(v).isBetween(0L, 2_000_000L);
                }
                assertThat(s.skews()[0]).isBetween(0L, SKEW);
            }
            final Timeline.Sample last = t.samples().get(t.samples().size() - 1);
            assertThat(last.wallNanos()).isEqualTo(r.wallTimeNanos());
            assertThat(last.vtimes()[0]).isEqualTo(r.vtask("ticker").vtime());
        }
    }

    @Test
    void nothingIsRecordedUnlessAsked()
    {
        assertThat(run(false, 1).timeline()).isEqualTo(Timeline.EMPTY);
    }
}
