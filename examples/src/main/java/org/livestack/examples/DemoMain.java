package org.livestack.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.LinkModel;
import org.livestack.api.Message;
import org.livestack.api.Progress;
import org.livestack.api.RunReport;
import org.livestack.api.RunReports;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.VTaskControl;
import org.livestack.models.FifoServer;
import org.livestack.models.Jobs;
import org.livestack.models.PoissonSource;

/**
 * The README's main job: a small cluster under one virtual time.
 *
 * <pre>
 *  scope "host" (S = 5 us)                     scope "rack" (S = 250 ns = one hop's lookahead)
 *  +-----------+   pcie 5 us   +-----+  eth   +-------------+   +-----------+
 *  | cpu0 (*)  |---------------| nic |--------| switch "tor"|---| server-0  |
 *  | cpu1 (*)  |               +-----+        | 10 Gb/s,    |---| server-1  |
 *  +-----------+                              | 250 ns/port |---| client-0..7
 *                                             +-------------+
 * </pre>
 *
 * (*) self-running vtasks on threads of their own: they burn real CPU and advance their vtime by
 * the time they measured, as a vCPU will. cpu0 sends a request through the nic to server-0 every
 * 50 us of virtual time and waits for nothing; eight Poisson clients load both servers. The nic is
 * in both scopes; a third scope, "cluster", holds everyone and bounds how far the host may run
 * ahead of the rack. Usage: {@code DemoMain [workers] [horizonMicros] [clusterSkewNanos]}.
 */
public final class DemoMain
{
    private static final long PCIE_LATENCY = 5_000;
    private static final long PORT_LATENCY = 250;
    private static final long PACKET_EVERY = 50_000;

    private DemoMain()
    {
    }

    /** A CPU-like vtask: burns real CPU in slices and reports the measured time as virtual time. */
    static final class Cpu
    {
        final Endpoint[] pcie = new Endpoint[1];
        long replies;
        long totalRoundTrip;
        long slices;

        void run(final VTaskControl c)
        {
            long nextPacket = PACKET_EVERY;
            long sink = 0;
            while (true)
            {
                final long grant = c.awaitGrant();
                Message m;
                while ((m = c.poll()) != null)
                {
                    replies++;
                    totalRoundTrip += c.vtime() - Jobs.issuedAt(m);
                }
                long target = Math.min(grant, c.vtime() + 5_000);
                if (pcie[0] != null)
                {
                    target = Math.min(target, nextPacket);
                }
                if (target <= c.vtime())
                {
                    continue;
                }
                final long start = System.nanoTime();
                long spent;
                do
                {
                    sink += sink * 31 + 7;
                    spent = System.nanoTime() - start;
                }
                while (spent < target - c.vtime());
                c.advanceTo(Math.min(grant, c.vtime() + spent));
                slices++;
                if (pcie[0] != null && c.vtime() >= nextPacket)
                {
                    c.send(pcie[0], PoissonSource.REQUEST, Jobs.request(c.vtime()));
                    nextPacket += PACKET_EVERY;
                }
                if (sink == 42)
                {
                    System.out.print("");
                }
            }
        }
    }

    /** Bridges the host and the rack: requests from the CPU go to server-0, replies come back. */
    static final class Nic implements Component
    {
        Endpoint pcie;
        Endpoint eth;
        Endpoint server;
        long forwarded;

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            if (m.destination() != pcie && m.destination() != eth)
            {
                return; // flooded by the switch to this port, addressed to someone else
            }
            final byte[] payload = new byte[m.length()];
            m.payload().get(payload);
            if (m.destination() == pcie)
            {
                ctx.send(eth, server, PoissonSource.REQUEST, payload);
            }
            else
            {
                ctx.send(pcie, PoissonSource.REPLY, payload);
            }
            forwarded++;
        }
    }

    /**
     * Builds and runs the demo.
     *
     * @param workers       worker threads for the modeled components.
     * @param horizonNanos  virtual time to simulate.
     * @param clusterSkewNanos skew bound of the scope that holds everyone: how far the CPUs may run
     *                         ahead of the rack (fidelity against speed).
     * @return the report, plus the per-model statistics as text.
     */
    static Result run(final int workers, final long horizonNanos, final long clusterSkewNanos)
    {
        return run(workers, horizonNanos, clusterSkewNanos, Progress.QUIET);
    }

    static Result run(final int workers, final long horizonNanos, final long clusterSkewNanos, final Progress progress)
    {
        final Simulation.Builder b = Simulation.builder();
        final Cpu cpu0 = new Cpu();
        final Cpu cpu1 = new Cpu();
        final VTask c0 = b.selfRunning("cpu0", cpu0::run);
        final VTask c1 = b.selfRunning("cpu1", cpu1::run);
        final Nic nic = new Nic();
        final VTask nicTask = b.component("nic", nic);

        final Hub tor = b.switchHub("tor");
        final LinkModel tenGig = LinkModel.latency(PORT_LATENCY).bandwidth(10_000_000_000L).queueLimit(64);
        final List<VTask> rack = new ArrayList<>();
        final List<Endpoint> serverPorts = new ArrayList<>();
        final List<FifoServer> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++)
        {
            final FifoServer server = new FifoServer(800);
            final VTask t = b.component("server-" + i, server);
            final Endpoint port = b.endpoint(t, "eth");
            b.attach(port, tor, tenGig);
            rack.add(t);
            serverPorts.add(port);
            servers.add(server);
        }
        final List<PoissonSource> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++)
        {
            final PoissonSource client = new PoissonSource(8_000);
            final VTask t = b.component("client-" + i, client);
            final Endpoint port = b.endpoint(t, "eth");
            b.attach(port, tor, tenGig);
            client.connect(port, serverPorts);
            rack.add(t);
            clients.add(client);
        }
        cpu0.pcie[0] = b.endpoint(c0, "pcie");
        nic.pcie = b.endpoint(nicTask, "pcie");
        nic.eth = b.endpoint(nicTask, "eth");
        nic.server = serverPorts.get(0);
        b.link(cpu0.pcie[0], nic.pcie, PCIE_LATENCY);
        b.attach(nic.eth, tor, tenGig);
        rack.add(nicTask);

        b.scope("host", PCIE_LATENCY, c0, c1, nicTask);
        b.scope("rack", PORT_LATENCY, rack);
        final List<VTask> everyone = new ArrayList<>(rack);
        everyone.add(c0);
        everyone.add(c1);
        b.scope("cluster", clusterSkewNanos, everyone);
        final RunReport report = b.horizon(horizonNanos).workers(workers).seed(2026)
            .progress(progress, java.time.Duration.ofMillis(500)).build().run();

        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < servers.size(); i++)
        {
            final FifoServer s = servers.get(i);
            sb.append(String.format(Locale.ROOT, "  server-%d: served %,d, utilisation %.2f, longest queue %d%n", i,
                s.served(), (double)s.busyNanos() / report.virtualTimeNanos(), s.maxQueue()));
        }
        long replies = 0;
        double sum = 0;
        for (final PoissonSource c : clients)
        {
            replies += c.replies();
            sum += c.meanResponseNanos() * c.replies();
        }
        sb.append(String.format(Locale.ROOT, "  clients : %,d replies, mean response %.0f ns%n", replies, sum / replies));
        sb.append(String.format(Locale.ROOT, "  cpu0    : %,d slices of measured CPU time, %,d requests answered, mean round trip %.0f ns%n",
            cpu0.slices, cpu0.replies, cpu0.replies == 0 ? Double.NaN : (double)cpu0.totalRoundTrip / cpu0.replies));
        sb.append(String.format(Locale.ROOT, "  cpu1    : %,d slices of measured CPU time%n", cpu1.slices));
        return new Result(report, sb.toString());
    }

    /**
     * @param report the run report.
     * @param models per-model statistics.
     */
    record Result(RunReport report, String models)
    {
    }

    /** Where the main job writes its reports (relative to the examples module when run by Maven). */
    static final java.nio.file.Path REPORTS = java.nio.file.Path.of("target", "reports");

    /**
     * @param args optional worker count, horizon in microseconds and cluster skew bound in ns;
     *             {@code --quiet} anywhere turns the progress line off.
     */
    public static void main(final String[] raw) throws java.io.IOException
    {
        final boolean quiet = java.util.Arrays.asList(raw).contains("--quiet");
        final String[] args = java.util.Arrays.stream(raw).filter(a -> !a.equals("--quiet")).toArray(String[]::new);
        final int workers = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        final long horizon = (args.length > 1 ? Long.parseLong(args[1]) : 20_000) * 1_000;
        final long clusterSkew = args.length > 2 ? Long.parseLong(args[2]) : PORT_LATENCY;
        final Result result = run(workers, horizon, clusterSkew, quiet ? Progress.QUIET : Progress.AUTO);
        System.out.print(result.report().format(30));
        System.out.println("models:");
        System.out.print(result.models());
        System.out.println("report: " + RunReports.write(result.report(), REPORTS, "demo-cluster").toAbsolutePath() +
            " (and demo-cluster-vtasks.csv, demo-cluster-scopes.csv)");
        System.out.println();
        final org.livestack.kvm.KvmCapabilities caps = org.livestack.kvm.KvmCapabilities.probe();
        System.out.println("Part 2: two live KVM hosts and a modeled disk behind the switch (examples/LiveRack)");
        System.out.println("host: " + caps.describe());
        if (!caps.available())
        {
            System.out.println("skipped: live hosts need /dev/kvm (" + caps.reason() + ")");
            return;
        }
        try
        {
            final LiveRack.Result live = LiveRack.run(10, 300);
            System.out.print(live.report().format(10));
            System.out.print(LiveRack.summary(live));
            System.out.println("report: " + RunReports.write(live.report(), REPORTS, "demo-liverack").toAbsolutePath());
        }
        catch (final java.io.IOException | RuntimeException e)
        {
            System.out.println("live part failed: " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }
}
