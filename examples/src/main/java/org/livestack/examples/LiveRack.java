package org.livestack.examples;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.LinkModel;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.kvm.GuestImage;
import org.livestack.kvm.KvmCapabilities;
import org.livestack.kvm.LiveHost;
import org.livestack.kvm.VcpuRunLoop;
import org.livestack.models.Disk;
import org.livestack.models.Distribution;

/**
 * Two live hosts and a modeled disk behind a modeled top-of-rack switch: the client guest
 * (native/guest/rpc_client_guest.c) sends requests to the server guest (rpc_server_guest.c), which
 * computes a CRC over each, reads a 4 KiB block from the disk (a {@link Disk}: exponential access,
 * 100 us mean, queue depth 1, 500 MB/s) and replies. Both guests run real code at CPL 3 under KVM; round trips are measured on the client's
 * virtual clock. All four share one scope whose skew bound equals the port latency, so no frame can
 * be late.
 */
public final class LiveRack
{
    /** Latency of every switch port. */
    public static final long PORT_LATENCY = 20_000;
    /** Port bandwidth: 10 Gb/s. */
    public static final long PORT_BANDWIDTH = 10_000_000_000L;

    private LiveRack()
    {
    }

    /**
     * What the run measured.
     *
     * @param report        the run report.
     * @param roundTrips    the client's round trips in virtual ns.
     * @param serverCompute the server's compute per request (disk wait excluded).
     * @param client        the client host.
     * @param server        the server host.
     */
    public record Result(RunReport report, List<Long> roundTrips, List<Long> serverCompute, LiveHost client, LiveHost server)
    {
    }

    /**
     * @param requests client requests.
     * @param rounds   CRC rounds the server computes per request.
     * @return the result.
     * @throws IOException if a guest image cannot be read.
     */
    public static Result run(final int requests, final int rounds) throws IOException
    {
        final VcpuRunLoop loop = VcpuRunLoop.load();
        final LiveHost client = new LiveHost(GuestImage.builtIn("rpc_client"), 1.0).withRunLoop(loop, 2_000_000);
        final LiveHost server = new LiveHost(GuestImage.builtIn("rpc_server"), 1.0).withRunLoop(loop, 2_000_000);
        final Simulation.Builder b = Simulation.builder();
        final VTask c = b.selfRunning("client", client);
        final VTask s = b.selfRunning("server", server);
        final VTask d = b.component("disk", new Disk(Distribution.exponential(100_000), 1, 500e6));
        final Endpoint cn = b.endpoint(c, "nic");
        final Endpoint sn = b.endpoint(s, "nic");
        final Endpoint dn = b.endpoint(d, "nic");
        final Hub tor = b.switchHub("tor");
        final LinkModel port = LinkModel.latency(PORT_LATENCY).bandwidth(PORT_BANDWIDTH);
        b.attach(cn, tor, port).attach(sn, tor, port).attach(dn, tor, port);
        // address books: the client knows the server as 0; the server knows the client and the disk
        client.nic(cn, sn).args(0, requests, 256, 50_000);
        server.nic(sn, cn, dn).args(requests, rounds, 1024, 1);
        b.scope("rack", PORT_LATENCY, c, s, d, tor.vtask());
        final RunReport report = b.horizon(10_000_000_000L).workers(1).build().run();
        return new Result(report, client.consoleNumbers("rtt ", 2), server.consoleNumbers("served ", 3), client, server);
    }

    /** @return a few lines on the round trips, for the demo's report. */
    static String summary(final Result r)
    {
        final StringBuilder sb = new StringBuilder();
        final List<Long> rtts = r.roundTrips();
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (final long v : rtts)
        {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        long compute = 0;
        for (final long v : r.serverCompute())
        {
            compute += v;
        }
        sb.append(String.format(Locale.ROOT, "  client  : %d requests, round trip mean %,d ns (min %,d, max %,d)%n", rtts.size(),
            rtts.isEmpty() ? 0 : sum / rtts.size(), rtts.isEmpty() ? 0 : min, max));
        sb.append(String.format(Locale.ROOT, "  server  : compute mean %,d ns per request (guest code at CPL 3), exit status %d%n",
            r.serverCompute().isEmpty() ? 0 : compute / r.serverCompute().size(), r.server().exitStatus()));
        return sb.toString();
    }

    /**
     * @param args optional requests and server CRC rounds.
     * @throws IOException if a guest image cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        final KvmCapabilities caps = KvmCapabilities.probe();
        System.out.println("host: " + caps.describe());
        if (!caps.available())
        {
            System.out.println("live hosts need /dev/kvm: " + caps.reason());
            return;
        }
        final Result r = run(args.length > 0 ? Integer.parseInt(args[0]) : 20, args.length > 1 ? Integer.parseInt(args[1]) : 500);
        System.out.print(r.report().format(20));
        System.out.print(summary(r));
    }
}
