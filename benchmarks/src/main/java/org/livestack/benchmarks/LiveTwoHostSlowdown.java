package org.livestack.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.livestack.api.Endpoint;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.kvm.GuestImage;
import org.livestack.kvm.KvmCapabilities;
import org.livestack.kvm.LiveHost;
import org.livestack.kvm.VcpuRunLoop;

/**
 * Slowdown of a two-host request/response run: the {@code rpc_client} guest sends {@code requests}
 * 64-byte requests over a link of latency L to the {@code rpc_server} guest, which computes a CRC
 * over each one {@code rounds} times and replies; the client thinks 50 us between requests. Both
 * guests are in one scope with skew S = L (no late deliveries). For each L it prints, medians over
 * {@code runs} runs: virtual time, wall time, slowdown (wall / virtual), the client's mean round trip
 * and the quantum ends per host (each costs this host 0.2 ms of wall time, see {@code VcpuExitCost}).
 * Usage (from the repository root): {@code LiveTwoHostSlowdown [runs] [requests] [rounds]}.
 */
public final class LiveTwoHostSlowdown
{
    private static final long[] LATENCIES = {50_000, 200_000, 1_000_000};
    private static final long THINK = 50_000;

    private LiveTwoHostSlowdown()
    {
    }

    /**
     * @param args optional runs, requests, server rounds.
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        final KvmCapabilities caps = KvmCapabilities.probe();
        System.out.println(caps.describe());
        if (!caps.available())
        {
            return;
        }
        final VcpuRunLoop loop = VcpuRunLoop.load();
        run(loop, 50_000, requests, rounds); // warm-up: calibration, JIT
        System.out.printf(Locale.ROOT, "%d requests, server CRC x%d, think %d us, %d runs (medians)%n", requests, rounds,
            THINK / 1000, runs);
        System.out.printf(Locale.ROOT, "%10s %12s %10s %9s %14s %22s%n", "L = S", "virtual ms", "wall ms", "slowdown",
            "mean RTT us", "quantum ends c/s");
        for (final long latency : LATENCIES)
        {
            final double[] virtual = new double[runs];
            final double[] wall = new double[runs];
            final double[] slowdown = new double[runs];
            final double[] rtt = new double[runs];
            final double[] endsClient = new double[runs];
            final double[] endsServer = new double[runs];
            for (int i = 0; i < runs; i++)
            {
                final Run r = run(loop, latency, requests, rounds);
                virtual[i] = r.report.virtualTimeNanos() / 1e6;
                wall[i] = r.report.wallTimeNanos() / 1e6;
                slowdown[i] = r.report.slowdown();
                rtt[i] = r.meanRttNanos / 1e3;
                endsClient[i] = r.client.quantumEnds();
                endsServer[i] = r.server.quantumEnds();
            }
            System.out.printf(Locale.ROOT, "%7d us %12.2f %10.2f %9.2f %14.1f %14.0f/%.0f%n", latency / 1000, median(virtual),
                median(wall), median(slowdown), median(rtt), median(endsClient), median(endsServer));
        }
    }

    private record Run(RunReport report, double meanRttNanos, LiveHost client, LiveHost server)
    {
    }

    private static Run run(final VcpuRunLoop loop, final long latency, final int requests, final int rounds)
        throws java.io.IOException
    {
        final LiveHost client = new LiveHost(GuestImage.builtIn("rpc_client"), 1.0).withRunLoop(loop, latency);
        final LiveHost server = new LiveHost(GuestImage.builtIn("rpc_server"), 1.0).withRunLoop(loop, latency);
        final Simulation.Builder b = Simulation.builder();
        final VTask c = b.selfRunning("client", client);
        final VTask s = b.selfRunning("server", server);
        final Endpoint cn = b.endpoint(c, "nic");
        final Endpoint sn = b.endpoint(s, "nic");
        b.link(cn, sn, latency);
        client.nic(cn, sn).args(0, requests, 64, THINK);
        server.nic(sn, cn).args(requests, rounds, 64);
        b.scope("pair", latency, c, s);
        final RunReport report = b.horizon(100_000_000_000L).workers(1).build().run();
        if (client.exitStatus() != 0 || server.exitStatus() != 0)
        {
            throw new IllegalStateException("a guest failed: client " + client.exitStatus() + ", server " +
                server.exitStatus() + "\n" + report.format(10));
        }
        final List<Long> rtts = client.consoleNumbers("rtt ", 2);
        if (rtts.size() != requests)
        {
            throw new IllegalStateException(rtts.size() + " round trips of " + requests);
        }
        return new Run(report, rtts.stream().mapToLong(Long::longValue).average().orElseThrow(), client, server);
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
