package org.livestack.kvm;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Virtual time is what the guest sees: a guest busy-waiting 50 ms on its clock measures 50 ms of
 * virtual time although its vCPU thread is stalled between quanta (wall time runs on meanwhile).
 */
class GuestClockTest
{
    private static final Path GUEST = Path.of("..", "native", "target", "guest", "busywait.elf");

    @Test
    void aGuestBusyWaitingOnItsClockMeasuresVirtualTimeDespiteStalls() throws Exception
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
        final long quantum = 2_000_000;
        final LiveHost host = new LiveHost(GuestImage.load(GUEST), 1.0).withRunLoop(VcpuRunLoop.load(), quantum)
            .stallBetweenQuanta(5_000_000);
        final Simulation.Builder b = Simulation.builder();
        b.scope("host", 1_000_000_000L, b.selfRunning("guest", host));
        final RunReport r = b.horizon(600_000_000_000L).workers(1).build().run();

        assertThat(host.exitStatus()).isZero();
        final long measured = Long.parseUnsignedLong(host.console().trim(), 16);
        assertThat(host.stalls()).as("the vCPU thread was stalled between quanta").isGreaterThanOrEqualTo(10);
        // the guest saw 50 ms (plus at most the clock read's granularity), not 50 ms + the stalls
        assertThat(measured).isBetween(50_000_000L, 51_000_000L);
        // its vtask's vtime agrees with the guest's clock up to the entry/exit overhead counted per
        // quantum (tens of us each here), far from the 50 ms + stalls a wall clock would show; host
        // preemption while the guest ran is excluded from vtime but seen by the guest's clock on this
        // host (ring 3 ignores the TSC offset), so vtime may fall short of 50 ms by that much
        assertThat(r.vtask("guest").vtime()).isBetween(50_000_000L - host.preemptedNanos(), 60_000_000L);
        System.out.printf("guest clock: measured %.3f ms, vtime %.3f ms, %d stalls of 5 ms, %,d ns of host preemption excluded%n",
            measured / 1e6, r.vtask("guest").vtime() / 1e6, host.stalls(), host.preemptedNanos());
    }
}
