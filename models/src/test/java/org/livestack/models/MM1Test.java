package org.livestack.models;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.Endpoint;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The queueing models against M/M/1 theory: E[T] = 1 / (mu - lambda) plus the two link traversals. */
class MM1Test
{
    @Test
    void meanResponseTimeMatchesQueueingTheory()
    {
        final long meanGap = 2_000;      // lambda = 1/2000 per ns
        final long meanService = 1_000;  // mu = 1/1000 per ns, rho = 0.5
        final long latency = 50;
        final Simulation.Builder b = Simulation.builder();
        final PoissonSource source = new PoissonSource(meanGap);
        final FifoServer server = new FifoServer(meanService);
        final VTask s = b.component("client", source);
        final VTask q = b.component("server", server);
        final Endpoint sp = b.endpoint(s, "net");
        final Endpoint qp = b.endpoint(q, "net");
        b.link(sp, qp, latency);
        source.connect(sp, List.of(qp));
        b.scope("lan", latency, s, q);
        final RunReport report = b.horizon(400_000_000).seed(7).workers(2).build().run();

        final double expected = 1.0 / (1.0 / meanService - 1.0 / meanGap) + 2 * latency;
        assertThat(source.replies()).isGreaterThan(190_000);
        assertThat(source.meanResponseNanos()).isCloseTo(expected, within(expected * 0.05));
        assertThat((double)server.busyNanos() / report.virtualTimeNanos()).isCloseTo(0.5, within(0.02));
        assertThat(report.lateDeliveries()).isZero();
        assertThat(report.sent()).isEqualTo(report.delivered() + report.inFlight() + report.dropped());
    }
}
