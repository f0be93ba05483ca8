package org.livestack.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.RunObserver;
import org.livestack.api.RunReport;
import org.livestack.api.Scope;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.VTaskControl;
import org.livestack.api.VTaskState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario of the paper's Figure 2: two CPU-like vtasks and an I/O device in one scope. The
 * device is idle (blocked) most of the time and must not hold the CPUs back; when a request wakes
 * it, it is forwarded to the scope's vtime instead of resuming at its stale vtime; the faster CPU
 * is held at the skew bound by the slower one.
 */
class Figure2Test
{
    private static final long SKEW = 2_000;
    private static final long LATENCY = 5_000;
    private static final long REQUEST_AT = 200_000;
    private static final long HORIZON = 400_000;

    private record Dispatch(String task, long vtime, long seq)
    {
    }

    private record ScopeVtime(long vtime, long seq)
    {
    }

    @Test
    void idleDeviceIsExcludedForwardedOnWakeAndTheFastCpuIsHeldAtTheSkewBound()
    {
        final ConcurrentLinkedQueue<Dispatch> dispatches = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<ScopeVtime> scopeVtimes = new ConcurrentLinkedQueue<>();
        final Simulation.Builder b = Simulation.builder();
        final Endpoint[] cpuPort = new Endpoint[1];
        final AtomicInteger fastWaits = new AtomicInteger();
        final AtomicLong requestSentAt = new AtomicLong(-1);
        final AtomicLong replySeenAt = new AtomicLong(-1);

        final VTask fast = b.selfRunning("cpu-fast", c -> cpu(c, 400, 10, fastWaits, null, null, null));
        final VTask slow = b.selfRunning("cpu-slow", c -> cpu(c, 50, 40, new AtomicInteger(), cpuPort, requestSentAt,
            replySeenAt));
        final List<Long> deviceTimes = new ArrayList<>();
        final VTask device = b.component("io-device", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.block();
            }

            @Override
            public void onMessage(final ComponentContext ctx, final Message m)
            {
                deviceTimes.add(ctx.now());
                ctx.advance(1_000);
                ctx.send(m.destination(), 2, new byte[0]);
                ctx.block();
            }
        });
        cpuPort[0] = b.endpoint(slow, "pcie");
        b.link(cpuPort[0], b.endpoint(device, "pcie"), LATENCY);
        b.scope("host", SKEW, fast, slow, device);
        b.observer(new RunObserver()
        {
            @Override
            public void scopeVtime(final Scope scope, final long vtime, final long seq)
            {
                scopeVtimes.add(new ScopeVtime(vtime, seq));
            }

            @Override
            public void dispatch(final VTask task, final long vtime, final long grant, final long seq)
            {
                dispatches.add(new Dispatch(task.name(), vtime, seq));
            }
        });
        final RunReport report = b.horizon(HORIZON).workers(1).build().run();

        // the device was blocked at vtime 0 while both CPUs ran far past 0 + S: it was excluded
        assertThat(requestSentAt.get()).isGreaterThanOrEqualTo(REQUEST_AT);
        assertThat(deviceTimes).hasSize(1);
        // on wake it resumed at the request's visible time, not at its stale vtime 0, and never
        // behind the scope vtime committed before it ran
        final long wokeAt = deviceTimes.get(0);
        assertThat(wokeAt).isEqualTo(requestSentAt.get() + LATENCY);
        final long deviceSeq = dispatches.stream().filter(d -> d.task().equals("io-device") && d.vtime() == wokeAt)
            .mapToLong(Dispatch::seq).findFirst().orElseThrow();
        final long scopeBefore = scopeVtimes.stream().filter(s -> s.seq() < deviceSeq)
            .max(Comparator.comparingLong(ScopeVtime::seq)).orElseThrow().vtime();
        assertThat(wokeAt).isGreaterThanOrEqualTo(scopeBefore).isGreaterThan(SKEW);
        assertThat(replySeenAt.get()).isGreaterThanOrEqualTo(wokeAt + 1_000 + LATENCY);

        // the fast CPU asked for more than it was granted and waited: it was held at the bound
        assertThat(fastWaits.get()).isPositive();
        long leadWhileBothRun = 0;
        long leadWhileSlowBlocked = 0;
        long slowVtime = 0;
        final List<Dispatch> ordered = new ArrayList<>(dispatches);
        ordered.sort(Comparator.comparingLong(Dispatch::seq));
        for (final Dispatch d : ordered)
        {
            if (d.task().equals("cpu-slow"))
            {
                slowVtime = d.vtime();
            }
            else if (d.task().equals("cpu-fast"))
            {
                if (slowVtime < requestSentAt.get())
                {
                    leadWhileBothRun = Math.max(leadWhileBothRun, d.vtime() - slowVtime);
                }
                else
                {
                    leadWhileSlowBlocked = Math.max(leadWhileSlowBlocked, d.vtime() - slowVtime);
                }
            }
        }
        assertThat(leadWhileBothRun).as("fast CPU lead over the running slow one")
            .isLessThanOrEqualTo(SKEW).isGreaterThan(SKEW / 2);
        assertThat(leadWhileSlowBlocked).as("fast CPU lead while the slow one is blocked on I/O")
            .isGreaterThan(SKEW);
        assertThat(report.scope("host").maxSkewNanos()).isLessThanOrEqualTo(SKEW);
        assertThat(report.vtask("io-device").state()).isEqualTo(VTaskState.BLOCKED);
        assertThat(report.lateDeliveries()).isZero();
        assertThat(report.sent()).isEqualTo(2).isEqualTo(report.delivered() + report.inFlight() + report.dropped());
    }

    /**
     * A CPU: advances {@code step} ns per iteration after burning {@code spin} iterations of real
     * work; the slow one sends one request at REQUEST_AT and blocks until the reply.
     */
    private static void cpu(final VTaskControl c, final long step, final int spin, final AtomicInteger waits,
        final Endpoint[] port, final AtomicLong sentAt, final AtomicLong replyAt)
    {
        long sink = 0;
        while (true)
        {
            final long grant = c.awaitGrant();
            final long want = c.vtime() + step;
            if (grant < want)
            {
                waits.incrementAndGet();
            }
            for (int i = 0; i < spin * 100; i++)
            {
                sink += i ^ sink;
            }
            c.advanceTo(Math.min(grant, want));
            if (port != null && sentAt.get() < 0 && c.vtime() >= REQUEST_AT)
            {
                sentAt.set(c.vtime());
                c.send(port[0], 1, new byte[] {(byte)sink});
                c.block();
                final Message reply = c.poll();
                if (reply != null)
                {
                    replyAt.set(c.vtime());
                }
            }
        }
    }
}
