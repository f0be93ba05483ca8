package org.livestack.benchmarks;

import java.nio.file.Path;
import java.util.Locale;

import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.kvm.GuestImage;
import org.livestack.kvm.KvmCapabilities;
import org.livestack.kvm.LiveHost;
import org.livestack.kvm.VcpuRunLoop;

/**
 * What a vCPU exit and a quantum kick cost on this host, to choose quanta: (1) a guest doing
 * 100,000 port writes (each a KVM exit handled by the VMM in Java and a re-entry, with a grant check
 * in between) run as a live host: wall time per exit; (2) a guest spinning on its clock for 50 ms
 * with 1 ms quanta: wall time of the run minus guest time, per quantum end. Run from the repository
 * root: {@code VcpuExitCost}.
 */
public final class VcpuExitCost
{
    private VcpuExitCost()
    {
    }

    /**
     * @param args ignored.
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        System.out.println(KvmCapabilities.probe().describe());
        final VcpuRunLoop loop = VcpuRunLoop.load();
        for (int round = 0; round < 3; round++)
        {
            final LiveHost exits = new LiveHost(GuestImage.load(Path.of("native/target/guest/exitcost.elf")), 1.0)
                .withRunLoop(loop, 10_000_000);
            final RunReport r1 = run(exits);
            final LiveHost spin = new LiveHost(GuestImage.load(Path.of("native/target/guest/busywait.elf")), 1.0)
                .withRunLoop(loop, 1_000_000);
            final RunReport r2 = run(spin);
            if (round > 0)
            {
                System.out.printf(Locale.ROOT, "port-I/O exit round trip: %.1f us (%,d exits, %.1f ms wall)%n",
                    (r1.wallTimeNanos() - exits.calibrationNanos()) / 1e3 / exits.exits(), exits.exits(), r1.wallTimeNanos() / 1e6);
                System.out.printf(Locale.ROOT, "calibrated host overhead a live host removes: %.1f us per port-I/O exit, %.1f us per quantum end%n",
                    exits.hostExitOverheadNanos() / 1e3, exits.hostKickOverheadNanos() / 1e3);
                System.out.printf(Locale.ROOT, "quantum end (timer kick + re-entry): %.1f us per quantum (%,d quanta, guest %.1f ms, wall %.1f ms)%n",
                    (r2.wallTimeNanos() - spin.calibrationNanos() - spin.guestNanos()) / 1e3 / Math.max(1, spin.quantumEnds()), spin.quantumEnds(),
                    spin.guestNanos() / 1e6, r2.wallTimeNanos() / 1e6);
            }
        }
    }

    private static RunReport run(final LiveHost host)
    {
        final Simulation.Builder b = Simulation.builder();
        b.scope("host", 100_000_000_000L, b.selfRunning("guest", host));
        return b.horizon(1_000_000_000_000L).workers(1).build().run();
    }
}
