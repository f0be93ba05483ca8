package org.livestack.kvm;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The native run loop preempts a guest that never exits, at quanta that end at its grant. */
class RunLoopTest
{
    @Test
    void aGuestThatNeverExitsIsPreemptedAtItsGrantAndStaysWithinTheSkewBound()
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
        final VcpuRunLoop loop = VcpuRunLoop.load();
        // one chunk of 300M iterations (~100 ms) with no exit in between
        final LiveHost spinner = new LiveHost(LiveHostTest.guest("", 1, 300_000_000), 1.0).withRunLoop(loop, 2_000_000);
        final LiveHost other = new LiveHost(LiveHostTest.guest("", 100, 1_000_000), 1.0).withRunLoop(loop, 2_000_000);
        final Simulation.Builder b = Simulation.builder();
        final VTask s = b.selfRunning("spinner", spinner);
        final VTask o = b.selfRunning("other", other);
        final long skew = 5_000_000;
        b.scope("rack", skew, s, o);
        final RunReport r = b.horizon(60_000_000_000L).workers(1).build().run();

        assertThat(spinner.exitStatus()).isEqualTo(7);
        assertThat(other.exitStatus()).isEqualTo(7);
        assertThat(spinner.quantumEnds()).as("preemptions of a guest with no exits").isGreaterThan(5);
        assertThat(r.scope("rack").maxSkewNanos()).isLessThanOrEqualTo(skew);
        System.out.printf("run loop: %d quantum ends, %d overruns, guest %.1f ms, vtime %.1f ms%n", spinner.quantumEnds(),
            spinner.overruns(), spinner.guestNanos() / 1e6, r.vtask("spinner").vtime() / 1e6);
    }
}
