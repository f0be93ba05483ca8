package org.livestack.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.kvm.GuestImage;
import org.livestack.kvm.KvmCapabilities;
import org.livestack.kvm.LiveHost;
import org.livestack.kvm.VcpuRunLoop;

/**
 * Live-vs-native accuracy (the paper's Table 2, on this repository's CoreMark-like kernels in
 * {@code native/guest/kernels.h}): the same kernels as a native Linux program (wall time measured
 * around the kernel) and as a LiveStack guest at CPL 3 (its virtual runtime at speed factor 1).
 * Prints the medians over several runs, the accuracy {@code 1 - |virtual - native| / native} and the
 * run's slowdown (simulation wall time / virtual time). Usage (from the repository root):
 * {@code LiveAccuracy [runs] [rounds] [cooperative]}.
 */
public final class LiveAccuracy
{
    private LiveAccuracy()
    {
    }

    /**
     * @param args optional number of runs and kernel rounds.
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        final KvmCapabilities caps = KvmCapabilities.probe();
        System.out.println(caps.describe());
        if (!caps.available())
        {
            return;
        }
        final GuestImage image = GuestImage.load(Path.of("native/target/guest/kernels.elf"));
        final boolean cooperative = args.length > 2 && args[2].equals("cooperative");
        final VcpuRunLoop loop = cooperative ? null : VcpuRunLoop.load();
        final double[] nativeMs = new double[runs];
        final double[] virtualMs = new double[runs];
        final double[] slowdown = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            final Process p = new ProcessBuilder("native/target/bin/kernels-native", Integer.toString(rounds)).start();
            final String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            p.waitFor();
            nativeMs[i] = Long.parseLong(out[1].trim()) / 1e6;
            final LiveHost host = new LiveHost(image, 1.0).args(rounds);
            if (loop != null)
            {
                host.withRunLoop(loop, 10_000_000);
            }
            final Simulation.Builder b = Simulation.builder();
            b.scope("host", 100_000_000_000L, b.selfRunning("guest", host));
            final RunReport r = b.horizon(1_000_000_000_000L).workers(1).build().run();
            if (!host.console().trim().equals(out[0].trim()))
            {
                throw new IllegalStateException("guest checksum " + host.console().trim() + " != native " + out[0]);
            }
            virtualMs[i] = r.vtask("guest").vtime() / 1e6;
            slowdown[i] = r.slowdown();
        }
        final double n = median(nativeMs);
        final double v = median(virtualMs);
        System.out.printf(Locale.ROOT, "kernels x%d, %d runs, %s: native %.1f ms, guest virtual %.1f ms (medians)%n", rounds,
            runs, cooperative ? "cooperative (no run loop)" : "run loop, 10 ms quanta", n, v);
        System.out.printf(Locale.ROOT, "accuracy %.1f %% on medians, slowdown %.2f (median)%n", 100 * (1 - Math.abs(v - n) / n),
            median(slowdown));
        // on a shared machine the native runs are the noisy side: best-of-N removes what others added
        final double nb = Arrays.stream(nativeMs).min().orElseThrow();
        final double vb = Arrays.stream(virtualMs).min().orElseThrow();
        System.out.printf(Locale.ROOT, "best of %d: native %.1f ms, guest virtual %.1f ms, accuracy %.1f %%%n", runs, nb, vb,
            100 * (1 - Math.abs(vb - nb) / nb));
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
