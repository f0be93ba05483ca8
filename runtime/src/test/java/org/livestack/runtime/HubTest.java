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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hubs: egress queueing, the learning switch, hooks. All times hand-computed. */
class HubTest
{
    /** Sends scripted frames: at each listed time, one frame to one destination. */
    private static final class Host implements Component
    {
        Host(final int index)
        {
            this.index = index;
        }

        final List<long[]> script = new ArrayList<>(); // {time, destination index, size}
        final List<String> received = new ArrayList<>();
        final int index;
        Endpoint port;
        List<Endpoint> peers;

        @Override
        public void onStart(final ComponentContext ctx)
        {
            for (int i = 0; i < script.size(); i++)
            {
                ctx.schedule(script.get(i)[0], i);
            }
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            final long[] step = script.get((Integer)payload);
            final byte[] frame = new byte[(int)step[2]];
            frame[0] = (byte)((Integer)payload + 10 * index);
            ctx.send(port, peers.get((int)step[1]), 1, frame);
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            received.add(m.source().vtask().name() + ">" + m.destination().vtask().name() + "#" + m.payload().get(0) +
                "@" + ctx.now());
        }
    }

    private record Star(Simulation.Builder builder, Hub hub, List<Host> hosts)
    {
    }

    private static Star star(final boolean isSwitch, final LinkModel port, final int hosts)
    {
        final Simulation.Builder b = Simulation.builder();
        final Hub hub = isSwitch ? b.switchHub("sw") : b.hub("hub");
        final List<Host> list = new ArrayList<>();
        final List<VTask> tasks = new ArrayList<>();
        final List<Endpoint> ports = new ArrayList<>();
        for (int i = 0; i < hosts; i++)
        {
            final Host h = new Host(i);
            final VTask t = b.component("h" + i, h);
            h.port = b.endpoint(t, "eth");
            b.attach(h.port, hub, port);
            ports.add(h.port);
            list.add(h);
            tasks.add(t);
        }
        for (final Host h : list)
        {
            h.peers = ports;
        }
        b.scope("lan", 0, tasks);
        return new Star(b, hub, list);
    }

    @Test
    void framesFromTwoSendersQueueBackToBackOnTheReceiversPort()
    {
        // 1 Gb/s: a 1000-byte frame takes 8 us; 100 ns per attachment
        final Star s = star(false, LinkModel.latency(100).bandwidth(1_000_000_000L).queueLimit(1), 3);
        s.hosts().get(0).script.add(new long[] {0, 2, 1000});
        s.hosts().get(1).script.add(new long[] {0, 2, 1000});
        s.hosts().get(0).script.add(new long[] {1, 2, 500});
        final RunReport r = s.builder().horizon(1_000_000).workers(2).build().run();

        // both arrive at the hub at 8,100 (own links); h0's frame first (source order), on the wire
        // 8,100..16,100, visible 16,200; h1's waits (queue 1) and goes 16,100..24,100, visible 24,200.
        // h0's 500-byte frame left h0 at 8,000..12,000 (behind its first) and reaches the hub at
        // 12,100 while h1's is still waiting: the port queue is full, it is dropped.
        assertThat(s.hosts().get(2).received).containsExactly("h0>h2#0@16200", "h1>h2#10@24200");
        assertThat(r.dropped()).isEqualTo(1);
        assertThat(r.vtask("hub").events()).as("three frames and its start").isEqualTo(4);
        assertThat(r.sent()).isEqualTo(r.delivered() + r.inFlight() + r.dropped());
    }

    @Test
    void theSwitchFloodsUnknownDestinationsLearnsSourcesAndThenForwards()
    {
        final Star s = star(true, LinkModel.latency(100), 4);
        s.hosts().get(0).script.add(new long[] {0, 1, 64});     // h1 unknown: flooded to h1, h2, h3
        s.hosts().get(1).script.add(new long[] {1_000, 0, 64}); // h0 learned: to h0 only
        s.hosts().get(0).script.add(new long[] {2_000, 1, 64}); // h1 learned: to h1 only
        s.hosts().get(3).script.add(new long[] {3_000, 2, 64}); // h2 never sent: flooded to h0, h1, h2
        final RunReport r = s.builder().horizon(1_000_000).workers(2).build().run();

        assertThat(s.hosts().get(0).received).containsExactly("h1>h0#10@1200", "h3>h2#30@3200");
        assertThat(s.hosts().get(1).received).containsExactly("h0>h1#0@200", "h0>h1#1@2200", "h3>h2#30@3200");
        assertThat(s.hosts().get(2).received).containsExactly("h0>h1#0@200", "h3>h2#30@3200");
        assertThat(s.hosts().get(3).received).containsExactly("h0>h1#0@200");
        assertThat(r.vtask("sw").sent()).isEqualTo(8);
    }

    @Test
    void hooksDropEveryKthFrameAndAddDelayExactly()
    {
        final Star s = star(false, LinkModel.latency(100), 2);
        for (int i = 0; i < 9; i++)
        {
            s.hosts().get(0).script.add(new long[] {i * 1_000L, 1, 16});
        }
        final int[] seen = new int[1];
        s.builder().hook(s.hub(), frame ->
        {
            if (++seen[0] % 3 == 0)
            {
                frame.drop();
            }
        });
        s.builder().hook(s.hub(), frame -> frame.delay(frame.message().payload().get(0) * 10L));
        final RunReport r = s.builder().horizon(1_000_000).workers(1).build().run();

        // frames 2, 5, 8 dropped; frame i arrives at i*1000 + 100, is held 10*i, + 100 to h1
        assertThat(s.hosts().get(1).received).containsExactly(
            "h0>h1#0@200", "h0>h1#1@1210", "h0>h1#3@3230", "h0>h1#4@4240", "h0>h1#6@6260", "h0>h1#7@7270");
        assertThat(r.dropped()).isEqualTo(3);
        assertThat(r.sent()).isEqualTo(r.delivered() + r.inFlight() + r.dropped());
    }

    @Test
    void hooksRewriteAndReroute()
    {
        final Star s = star(false, LinkModel.latency(100), 3);
        s.hosts().get(0).script.add(new long[] {0, 1, 8});
        s.builder().hook(s.hub(), frame ->
        {
            frame.rewrite(7, new byte[] {99});
            frame.reroute(s.hosts().get(2).port);
        });
        s.builder().horizon(10_000).build().run();
        assertThat(s.hosts().get(1).received).isEmpty();
        assertThat(s.hosts().get(2).received).containsExactly("h0>h2#99@200");
    }

    @Test
    void aHookReroutingOffTheHubFailsTheRunNamingTheEndpoint()
    {
        final Star s = star(false, LinkModel.latency(100), 2);
        final Simulation.Builder b = s.builder();
        final VTask outsider = b.component("outsider", new Component() {});
        final Endpoint away = b.endpoint(outsider, "eth");
        b.link(away, b.endpoint(outsider, "loop"), 5);
        b.scope("alone", 0, outsider);
        s.hosts().get(0).script.add(new long[] {0, 1, 8});
        b.hook(s.hub(), frame -> frame.reroute(away));
        assertThatThrownBy(() -> b.horizon(10_000).build().run())
            .hasMessageContaining("hub")
            .rootCause().hasMessageContaining("cannot re-route to outsider.eth: it is not attached to Hub['hub']");
    }

    /**
     * A plain hub without hooks and with pure-latency ports is transparent: frames go straight to
     * their destination at send + ingress + egress latency and the hub's actor handles none; the same
     * hub with a hook (which forces its actor) delivers every frame at the same times.
     */
    @Test
    void aTransparentHubDeliversAsItsActorWouldWithoutRunningIt()
    {
        final List<List<String>> seen = new ArrayList<>();
        for (final boolean hooked : new boolean[] {false, true})
        {
            final Simulation.Builder b = Simulation.builder();
            final Hub hub = b.hub("hub");
            final List<Host> hosts = new ArrayList<>();
            final List<Endpoint> ports = new ArrayList<>();
            final List<VTask> tasks = new ArrayList<>(List.of(hub.vtask()));
            for (int i = 0; i < 3; i++)
            {
                final Host h = new Host(i);
                final VTask t = b.component("h" + i, h);
                h.port = b.endpoint(t, "eth");
                b.attach(h.port, hub, 100L * (i + 1)); // 100, 200, 300 ns
                hosts.add(h);
                ports.add(h.port);
                tasks.add(t);
            }
            hosts.forEach(h -> h.peers = ports);
            if (hooked)
            {
                b.hook(hub, f -> { });
            }
            hosts.get(0).script.add(new long[] {0, 2, 64});     // 0 + 100 + 300
            hosts.get(1).script.add(new long[] {50, 2, 64});    // 50 + 200 + 300
            hosts.get(2).script.add(new long[] {1_000, 0, 64}); // 1,000 + 300 + 100
            hosts.get(0).script.add(new long[] {2_000, 0, 64}); // to itself: 2,000 + 100 + 100
            b.scope("lan", 100, tasks);
            final RunReport r = b.horizon(1_000_000).workers(2).build().run();
            assertThat(hosts.get(2).received).containsExactly("h0>h2#0@400", "h1>h2#10@550");
            assertThat(hosts.get(0).received).containsExactly("h2>h0#20@1400", "h0>h0#1@2200");
            assertThat(r.vtask("hub").events()).as("frames the hub's actor handled, plus its start")
                .isEqualTo(hooked ? 5 : 1);
            assertThat(r.vtask("hub").details()).containsKey(hooked ? "forwarded" : "forwarding");
            assertThat(r.sent()).isEqualTo(r.delivered() + r.inFlight() + r.dropped());
            assertThat(r.lateDeliveries()).isZero();
            seen.add(hosts.stream().flatMap(h -> h.received.stream()).toList());
        }
        assertThat(seen.get(0)).isEqualTo(seen.get(1));
    }
}
