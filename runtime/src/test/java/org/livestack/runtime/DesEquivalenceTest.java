package org.livestack.runtime;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md 3, DES equivalence: with S = 0 and positive latencies the runtime handles the same
 * events at the same virtual times in the same order as a sequential event-list simulator, on any
 * number of workers.
 */
class DesEquivalenceTest
{
    private static final int SEEDS = Integer.getInteger("livestack.seeds", 120);

    @Test
    void zeroSkewRunsMatchTheSequentialReferenceOnOneTwoAndFourWorkers()
    {
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final long horizon = 200 + (seed * 7919) % 20_000;
            final RandomTopology ref = new RandomTopology(seed, 1, 60, true);
            final Simulation refSim = ref.build(0, horizon, 1, null);
            final SequentialEngine reference = new SequentialEngine(refSim.spec());
            reference.run();
            final List<List<String>> expected = ref.traces();
            assertThat(reference.events).as("seed %d: reference handled no event", seed).isPositive();

            for (final int workers : new int[] {1, 2, 4})
            {
                final RandomTopology topology = new RandomTopology(seed, 1, 60, true);
                final RunReport report = topology.build(0, horizon, workers, null).run();
                final List<List<String>> actual = topology.traces();
                for (int i = 0; i < expected.size(); i++)
                {
                    assertThat(actual.get(i))
                        .as("seed %d, %d workers, vtask m%d: trace differs from the sequential reference", seed, workers, i)
                        .containsExactlyElementsOf(expected.get(i));
                }
                assertThat(report.totalEvents()).as("seed %d, %d workers: events", seed, workers).isEqualTo(reference.events);
                assertThat(report.sent()).as("seed %d, %d workers: sent", seed, workers).isEqualTo(reference.sent);
                assertThat(report.delivered()).as("seed %d: delivered", seed).isEqualTo(reference.delivered);
                assertThat(report.dropped()).as("seed %d: dropped", seed).isEqualTo(reference.dropped);
                assertThat(report.inFlight()).as("seed %d: in flight", seed).isEqualTo(reference.inFlight());
                assertThat(report.sent()).as("seed %d: message accounting", seed)
                    .isEqualTo(report.delivered() + report.inFlight() + report.dropped());
                assertThat(report.lateDeliveries()).as("seed %d: late deliveries at S=0", seed).isZero();
                assertThat(report.scope("all").maxSkewNanos()).as("seed %d: skew at S=0", seed).isZero();
            }
        }
    }
}
