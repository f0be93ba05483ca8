package org.livestack.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livestack.api.RunObserver;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.VTaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two CPU-bound guests in one scope with skew S, one of them modeling a CPU half as fast, and a
 * third guest asleep in the same scope: the recorded vtimes of the two runners never differ by more
 * than S, each guest's own clock is ahead of its recorded vtime by at most its largest overshoot (one
 * late-kicked quantum), and the sleeper holds no one back.
 */
class LiveSkewTest
{
    private static final long SKEW = 1_000_000;
    private static final long WAKE = 2_000_000_000L;

    @BeforeAll
    static void kvm()
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
    }

    @Test
    void cpuBoundGuestsStayWithinTheSkewBoundAndASleeperHoldsNoOneBack() throws IOException
    {
        final VcpuRunLoop loop = VcpuRunLoop.load();
        final GuestImage kernels = GuestImage.load(LiveNetworkTest.GUESTS.resolve("kernels.elf"));
        final LiveHost fast = new LiveHost(kernels, 1.0).withRunLoop(loop, 2_000_000).args(60);
        final LiveHost slow = new LiveHost(kernels, 2.0).withRunLoop(loop, 2_000_000).args(60);
        final LiveHost sleeper = new LiveHost(GuestImage.load(LiveNetworkTest.GUESTS.resolve("sleeper.elf")), 1.0)
            .withRunLoop(loop, 2_000_000).args(WAKE);
        final Simulation.Builder b = Simulation.builder();
        final VTask f = b.selfRunning("fast", fast);
        final VTask s = b.selfRunning("slow", slow);
        final VTask z = b.selfRunning("sleeper", sleeper);
        b.scope("rack", SKEW, f, s, z);
        final ConcurrentHashMap<String, AtomicLong> latest = new ConcurrentHashMap<>();
        latest.put("fast", new AtomicLong());
        latest.put("slow", new AtomicLong());
        final AtomicLong maxDiff = new AtomicLong();
        final AtomicLong checks = new AtomicLong();
        b.observer(new RunObserver()
        {
            @Override
            public void dispatch(final VTask task, final long vtime, final long grant, final long seq)
            {
                final AtomicLong mine = latest.get(task.name());
                if (mine == null)
                {
                    return;
                }
                mine.set(vtime);
                final AtomicLong other = latest.get(task.name().equals("fast") ? "slow" : "fast");
                // while both run (the slow one finishes last, so compare only before the fast one is done)
                if (fast.exitStatus() < 0)
                {
                    maxDiff.accumulateAndGet(Math.abs(vtime - other.get()), Math::max);
                    checks.incrementAndGet();
                }
            }
        });
        final RunReport r = b.horizon(10_000_000_000L).workers(1).build().run();

        assertThat(fast.exitStatus()).isZero();
        assertThat(slow.exitStatus()).isZero();
        assertThat(fast.console()).isEqualTo(slow.console());
        System.out.printf("recorded vtime difference: max %,d ns over %,d progress reports (S = %,d ns); overshoot past "
            + "the grant: fast max %,d ns in %d of %d entries, slow max %,d ns%n", maxDiff.get(), checks.get(), SKEW,
            fast.maxOvershootNanos(), fast.overruns(), fast.quantumEnds() + fast.exits(), slow.maxOvershootNanos());
        System.out.printf("final vtimes: fast %,d ns (guest %,d ns), slow %,d ns (guest %,d ns)%n", r.vtask("fast").vtime(),
            fast.guestNanos(), r.vtask("slow").vtime(), slow.guestNanos());
        assertThat(checks.get()).isGreaterThan(20);
        assertThat(maxDiff.get()).as("the fast CPU is held within S of the slow one").isLessThanOrEqualTo(SKEW)
            .isGreaterThan(SKEW / 2);
        assertThat(r.scope("rack").maxSkewNanos()).isLessThanOrEqualTo(SKEW);
        // the sleeper is BLOCKED until 2 s: had it held the scope at its vtime, no one could pass S
        assertThat(r.vtask("slow").vtime()).isLessThan(WAKE);
        assertThat(r.vtask("sleeper").state()).isEqualTo(VTaskState.DONE);
        // it printed after one console hypercall: the wake time plus one exit cost and a few instructions
        assertThat(Long.parseLong(sleeper.console().trim().substring("woke ".length()))).isBetween(WAKE, WAKE + 5_000);
        // vtime = guest time x speed factor + 1 us per exit (a host preemption inside an entry counts as
        // guest time on both sides, so the two guests' times are not compared with each other)
        assertThat(r.vtask("slow").vtime()).as("the slow CPU's guest time counts double")
            .isBetween(2 * slow.guestNanos(), 2 * slow.guestNanos() + 1_000 * slow.exits() + 2);
        assertThat(r.vtask("fast").vtime()).isBetween(fast.guestNanos(), fast.guestNanos() + 1_000 * fast.exits() + 2);
    }
}
