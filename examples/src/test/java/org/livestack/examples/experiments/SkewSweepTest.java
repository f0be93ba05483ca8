package org.livestack.examples.experiments;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.models.Phold;
import org.livestack.runtime.junit.LiveStackExtension;
import org.livestack.runtime.junit.Seed;
import org.livestack.runtime.junit.SimulationHarness;

import static org.livestack.runtime.junit.LiveStackAssertions.assertThat;

/**
 * An experiment as a JUnit test: sweep the skew bound of a PHOLD cluster whose hops take 500 ns
 * and check the causality rule: no late delivery while the skew is at most the hop latency, and
 * none later than {@code skew - hop} beyond it.
 */
@ExtendWith(LiveStackExtension.class)
@Seed(2026)
class SkewSweepTest
{
    private static final long LOOKAHEAD = 1_000; // two hub hops of 500 ns
    private static final long HORIZON = 2_000_000;

    @ParameterizedTest(name = "skew {0} ns")
    @ValueSource(longs = {0, 250, 499, 500, 1_000, 4_000})
    void lateDeliveriesOnlyBeyondTheHopLatency(final long skew, final SimulationHarness h)
    {
        final Simulation.Builder b = h.builder();
        Phold.build(b, new Phold.Params(64, 4, 0.8, LOOKAHEAD, 1_000, skew));
        final RunReport r = h.run(b.horizon(HORIZON).workers(2));
        System.out.printf("skew %,d ns: %,d late deliveries (max %,d ns), wall %.2f s%n", skew, r.lateDeliveries(),
            r.maxLatenessNanos(), r.wallTimeNanos() / 1e9);

        assertThat(r).reachedVirtualTime(HORIZON).skewStayedWithinBound("phold").lostNoMessage();
        if (skew <= LOOKAHEAD / 2)
        {
            assertThat(r).hasNoLateDeliveries();
        }
        else
        {
            assertThat(r).latenessAtMost(skew - LOOKAHEAD / 2);
        }
    }
}
