package org.livestack.examples;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.api.VTaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The two-live-host example: every request is answered through the switch and the disk, none late. */
class LiveRackTest
{
    @Test
    void twoLiveHostsTalkThroughTheSwitchWithAModeledDiskBehindIt() throws Exception
    {
        assumeTrue(Files.exists(Path.of("/dev/kvm")), "no /dev/kvm on this machine: live-host example skipped");
        final LiveRack.Result r = LiveRack.run(8, 200);
        final RunReport report = r.report();
        assertThat(r.client().exitStatus()).as(r.client().console()).isZero();
        assertThat(r.server().exitStatus()).as(r.server().console()).isZero();
        assertThat(r.roundTrips()).hasSize(8);
        assertThat(report.lateDeliveries()).isZero();
        assertThat(report.vtask("disk").sent()).as("one disk read per request").isEqualTo(8);
        assertThat(report.vtask("client").state()).isEqualTo(VTaskState.DONE);
        // request and reply each cross two switch ports, the disk read two more each way: at least
        // 8 port latencies plus the server's compute and the disk's service (exponential, > 0). The
        // server's own clock may overstate its compute by host preemption excluded from its vtime
        // (docs/live-hosts.md), at most the largest such preemption.
        final long overstated = r.server().maxPreemptedNanos();
        for (int i = 0; i < 8; i++)
        {
            assertThat(r.roundTrips().get(i)).isGreaterThan(8 * LiveRack.PORT_LATENCY + r.serverCompute().get(i) - overstated);
        }
        assertThat(report.vtask("server").details()).containsKeys("image", "exit", "vcpu", "nic", "kvm", "console");
    }
}
