package org.livestack.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.FaultPolicy;
import org.livestack.api.LinkModel;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.SimulationException;
import org.livestack.api.VTask;
import org.livestack.api.VTaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Misbehaving guests (native/guest/faults_guest.c) are stopped or throttled with a clear report,
 * and a modeled ping-pong beside them finishes its exchanges.
 */
class LiveFaultTest
{
    private static final long HORIZON = 50_000_000;
    private static final int EXCHANGES = 100;

    @BeforeAll
    static void kvm()
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
    }

    private static LiveHost faulty(final long mode, final long... more) throws IOException
    {
        final long[] args = new long[1 + more.length];
        args[0] = mode;
        System.arraycopy(more, 0, args, 1, more.length);
        return new LiveHost(GuestImage.load(LiveNetworkTest.GUESTS.resolve("faults.elf")), 1.0)
            .withRunLoop(VcpuRunLoop.load(), 2_000_000).args(args);
    }

    /** Bounces a counter {@code EXCHANGES} times over a 10 us link; counts what it received. */
    static final class PingPong implements Component
    {
        private final Endpoint[] outs;
        private final boolean starts;
        int received;

        /** @param out holds the endpoint, set once the builder has created it. */
        PingPong(final Endpoint[] out, final boolean starts)
        {
            this.outs = out;
            this.starts = starts;
        }

        @Override
        public void onStart(final ComponentContext ctx)
        {
            if (starts)
            {
                ctx.send(outs[0], 1, new byte[8]);
            }
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message message)
        {
            received++;
            if (received < EXCHANGES || !starts)
            {
                ctx.send(outs[0], 1, new byte[8]);
            }
        }
    }

    /** Adds a ping-pong pair to {@code b} in its own scope; returns the two components. */
    private static PingPong[] pingPong(final Simulation.Builder b)
    {
        final Endpoint[] pe = new Endpoint[1];
        final Endpoint[] qe = new Endpoint[1];
        final PingPong p = new PingPong(pe, true);
        final PingPong q = new PingPong(qe, false);
        final VTask pv = b.component("ping", p);
        final VTask qv = b.component("pong", q);
        pe[0] = b.endpoint(pv, "net");
        qe[0] = b.endpoint(qv, "net");
        b.link(pe[0], qe[0], 10_000);
        b.scope("pair", 10_000, pv, qv);
        return new PingPong[] {p, q};
    }

    private static RunReport runIsolated(final LiveHost host, final String name, final Simulation.Builder b)
    {
        b.scope("alone", 1_000_000, b.selfRunning(name, host));
        return b.horizon(HORIZON).watchdog(Duration.ofSeconds(30), FaultPolicy.ISOLATE).build().run();
    }

    private static void faultIsReported(final long mode, final String... expected) throws IOException
    {
        final LiveHost host = faulty(mode);
        final Simulation.Builder b = Simulation.builder();
        final PingPong[] pair = pingPong(b);
        final RunReport r = runIsolated(host, "bad", b);
        assertThat(r.vtask("bad").state()).isEqualTo(VTaskState.FAULTED);
        assertThat(r.faults()).singleElement().asString().contains("'bad'").contains(expected);
        assertThat(r.vtask("bad").details().get("exit")).isEqualTo("faulted");
        assertThat(r.vtask("bad").details().get("fault")).contains(expected);
        assertThat(pair[0].received).as("the ping-pong beside it finished").isEqualTo(EXCHANGES);
        System.out.println(r.faults().get(0));
    }

    @Test
    void aBadMemoryAccessIsReportedWithTheFaultingAddress() throws IOException
    {
        faultIsReported(1, "SHUTDOWN", "last page fault at 0x40000000", "a bad memory access");
    }

    @Test
    void anIllegalInstructionIsReported() throws IOException
    {
        faultIsReported(2, "SHUTDOWN", "ud2, an illegal instruction");
    }

    @Test
    void anUnknownPortOrHypercallIsReported() throws IOException
    {
        faultIsReported(5, "OUT to unknown port 0x99");
        faultIsReported(6, "unknown hypercall 42");
    }

    @Test
    void underFaultPolicyFailTheRunFailsNamingTheGuest() throws IOException
    {
        final LiveHost host = faulty(2);
        final Simulation.Builder b = Simulation.builder();
        b.scope("alone", 1_000_000, b.selfRunning("bad", host));
        assertThatThrownBy(() -> b.horizon(HORIZON).build().run()).isInstanceOf(SimulationException.class)
            .hasMessageContaining("bad").rootCause().isInstanceOf(GuestFaultException.class)
            .hasMessageContaining("faults.elf").hasMessageContaining("illegal instruction");
    }

    @Test
    void aGuestThatNeverExitsIsPreemptedAndStoppedAtTheHorizon() throws IOException
    {
        final LiveHost host = faulty(3);
        final Simulation.Builder b = Simulation.builder();
        final PingPong[] pair = pingPong(b);
        final RunReport r = runIsolated(host, "spinner", b);
        assertThat(r.virtualTimeNanos()).isEqualTo(HORIZON);
        assertThat(r.vtask("spinner").state()).isIn(VTaskState.RUNNABLE, VTaskState.RUNNING);
        assertThat(r.vtask("spinner").details().get("exit")).contains("never exited");
        assertThat(host.quantumEnds()).as("preempted by the run loop's timer").isGreaterThan(10);
        assertThat(r.faults()).isEmpty();
        assertThat(pair[0].received).isEqualTo(EXCHANGES);
    }

    @Test
    void aFloodingGuestIsPacedByItsNicAndItsLinkDropsTheExcess() throws IOException
    {
        final long rate = 100_000_000; // 100 Mb/s NIC: a 256-byte frame every 20.48 us of vtime
        final LiveHost flooder = faulty(4, 0).nicRate(rate);
        final int[] sunk = new int[1];
        final Simulation.Builder b = Simulation.builder();
        final PingPong[] pair = pingPong(b);
        final VTask f = b.selfRunning("flooder", flooder);
        final VTask sink = b.component("sink", new Component()
        {
            @Override
            public void onMessage(final ComponentContext ctx, final Message message)
            {
                sunk[0]++;
            }
        });
        final Endpoint fn = b.endpoint(f, "nic");
        final Endpoint sn = b.endpoint(sink, "nic");
        // the link is slower than the NIC (10 Mb/s) and queues 16 frames: the rest is dropped
        b.link(fn, sn, LinkModel.latency(10_000).bandwidth(10_000_000).queueLimit(16));
        flooder.nic(fn, sn);
        b.scope("flood", 10_000, f, sink);
        final RunReport r = b.horizon(HORIZON).build().run();

        final long paced = HORIZON * (rate / 1_000_000) / (256 * 8 * 1_000);
        final long lineRate = HORIZON * 10 / (256 * 8 * 1_000);
        System.out.printf("flood: guest sent %,d frames (NIC pace allows %,d), sink got %,d (link allows %,d), dropped %,d%n",
            flooder.framesSent(), paced, sunk[0], lineRate, r.dropped());
        assertThat(flooder.framesSent()).as("paced by the NIC").isLessThanOrEqualTo(paced + 1).isGreaterThan(paced / 20);
        assertThat((long)sunk[0]).as("the link's line rate").isLessThanOrEqualTo(lineRate + 1).isGreaterThan(lineRate / 2);
        assertThat(r.dropped()).as("the link queue dropped the excess").isGreaterThan(0);
        assertThat(r.vtask("flooder").details().get("nic")).contains("sent");
        assertThat(pair[0].received).isEqualTo(EXCHANGES);
    }

    @Test
    void aFullReceiveRingDropsAndCountsFrames() throws IOException
    {
        // a spinning guest never reads its NIC: frames beyond the ring are dropped and counted
        final LiveHost sleeper = faulty(3).rxRing(8);
        final Simulation.Builder b = Simulation.builder();
        final VTask h = b.selfRunning("sleeper", sleeper);
        final Endpoint[] out = new Endpoint[1];
        final VTask src = b.component("source", new Component()
        {
            private int sent;

            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.schedule(1_000, null);
            }

            @Override
            public void onEvent(final ComponentContext ctx, final long id, final Object payload)
            {
                ctx.send(out[0], 1, new byte[64]);
                if (++sent < 100)
                {
                    ctx.schedule(10_000, null);
                }
            }
        });
        out[0] = b.endpoint(src, "nic");
        final Endpoint hn = b.endpoint(h, "nic");
        b.link(out[0], hn, 10_000);
        sleeper.nic(hn);
        b.scope("s", 10_000, h, src);
        final RunReport r = b.horizon(HORIZON).build().run();
        assertThat(sleeper.framesReceived()).isEqualTo(8);
        assertThat(sleeper.rxDropped()).isEqualTo(92);
        assertThat(r.vtask("sleeper").details().get("nic")).contains("rx dropped 92 (ring 8)");
    }
}
