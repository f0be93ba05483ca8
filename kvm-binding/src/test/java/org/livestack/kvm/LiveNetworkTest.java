package org.livestack.kvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.LinkModel;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two live hosts talk through a modeled switch: the client measures round trips on its virtual
 * clock, the server reports its compute time; the round trips match the link model plus the
 * server's compute.
 */
class LiveNetworkTest
{
    static final Path GUESTS = Path.of("..", "native", "target", "guest");
    private static final long LATENCY = 50_000;
    private static final long BANDWIDTH = 1_000_000_000;
    private static final int REQUEST = 200;
    private static final int REPLY = 1000;
    private static final int REQUESTS = 12;

    @BeforeAll
    static void kvm()
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
    }

    static LiveHost host(final String guest, final long... args) throws IOException
    {
        return new LiveHost(GuestImage.load(GUESTS.resolve(guest + ".elf")), 1.0).withRunLoop(VcpuRunLoop.load(), 2_000_000)
            .args(args);
    }

    @Test
    void roundTripsThroughTheSwitchMatchTheLinkModelPlusTheServersCompute() throws IOException
    {
        final LiveHost client = host("rpc_client", 0, REQUESTS, REQUEST, 200_000);
        final LiveHost server = host("rpc_server", REQUESTS, 2_000, REPLY);
        final Simulation.Builder b = Simulation.builder();
        final VTask c = b.selfRunning("client", client);
        final VTask s = b.selfRunning("server", server);
        final Endpoint cn = b.endpoint(c, "nic");
        final Endpoint sn = b.endpoint(s, "nic");
        final Hub tor = b.switchHub("tor");
        final LinkModel port = LinkModel.latency(LATENCY).bandwidth(BANDWIDTH);
        b.attach(cn, tor, port).attach(sn, tor, port);
        client.nic(cn, sn);
        server.nic(sn, cn);
        b.scope("rack", LATENCY, c, s, tor.vtask()); // S = L: no late deliveries allowed
        final RunReport r = b.horizon(2_000_000_000L).workers(2).build().run();

        assertThat(client.exitStatus()).as(client.console()).isZero();
        assertThat(server.exitStatus()).as(server.console()).isZero();
        assertThat(r.lateDeliveries()).isZero();
        final List<Long> rtts = client.consoleNumbers("rtt ", 2);
        final List<Long> computes = server.consoleNumbers("served ", 3);
        assertThat(rtts).hasSize(REQUESTS);
        assertThat(computes).hasSize(REQUESTS);
        final long network = 4 * LATENCY + 2 * port.serializationNanos(REQUEST) + 2 * port.serializationNanos(REPLY);
        // Between the client's clock reads and the frames there are four exits (the client's send and
        // receive, the server's receive and send), each charged the modeled exit cost; the rest is
        // the network model and the server's compute, to a few hundred nanoseconds. No round trip may
        // beat the model (causality) by more than the server's clock may overstate its compute: time
        // the host preempted the server's vCPU thread while it ran is excluded from vtime but, on a
        // host whose ring 3 ignores the TSC offset, seen by the guest's clock until the next entry
        // (docs/live-hosts.md). On this 2-core host an excluded preemption is sometimes misjudged by
        // tens of microseconds, so most, not all, round trips must be within the tolerance.
        final long exitCosts = 4 * 1_000;
        final long tolerance = 2_000;
        final long overstated = server.maxPreemptedNanos();
        int exact = 0;
        for (int i = 0; i < REQUESTS; i++)
        {
            final long expected = network + computes.get(i) + exitCosts;
            final long diff = rtts.get(i) - expected;
            System.out.printf("rtt %d: %,d ns, model %,d ns (network %,d + compute %,d + 4 exits), diff %,d%n", i, rtts.get(i),
                expected, network, computes.get(i), diff);
            assertThat(diff).as("round trip %d against the model", i).isGreaterThanOrEqualTo(-tolerance - overstated);
            exact += Math.abs(diff) <= tolerance ? 1 : 0;
        }
        assertThat(exact).as("round trips within %d ns of the model", tolerance).isGreaterThanOrEqualTo(REQUESTS * 3 / 4);
        System.out.println(r.format(10));
    }
}
