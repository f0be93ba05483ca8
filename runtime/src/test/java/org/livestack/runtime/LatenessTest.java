package org.livestack.runtime;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md 3, causality: with S at most the lookahead L no message is ever late; with S > L late
 * deliveries are counted and none is later than S - L.
 */
class LatenessTest
{
    private static final int SEEDS = Integer.getInteger("livestack.seeds", 60);

    @Test
    void skewWithinLookaheadNeverDeliversLate()
    {
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final long lookahead = 20 + seed % 30;
            final long skew = seed % 3 == 0 ? lookahead : seed % lookahead;
            final RandomTopology t = new RandomTopology(seed, lookahead, lookahead + 80, true);
            final RunReport r = t.build(skew, 30_000, 1 + (int)(seed % 3), null).run();
            assertThat(r.lateDeliveries()).as("seed %d: S=%d <= L=%d", seed, skew, lookahead).isZero();
            assertThat(r.scope("all").maxSkewNanos()).as("seed %d", seed).isLessThanOrEqualTo(skew);
            assertThat(r.sent()).as("seed %d", seed).isEqualTo(r.delivered() + r.inFlight() + r.dropped());
        }
    }

    @Test
    void skewBeyondLookaheadCountsLateDeliveriesBoundedBySkewMinusLookahead()
    {
        long totalLate = 0;
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final long lookahead = 1 + seed % 5;
            final long skew = 200 + seed * 10;
            final RandomTopology t = new RandomTopology(seed, lookahead, lookahead + 10, false);
            final RunReport r = t.build(skew, 30_000, 2, null).run();
            assertThat(r.maxLatenessNanos()).as("seed %d: S=%d L=%d", seed, skew, lookahead)
                .isLessThanOrEqualTo(skew - lookahead);
            assertThat(r.sent()).as("seed %d", seed).isEqualTo(r.delivered() + r.inFlight() + r.dropped());
            totalLate += r.lateDeliveries();
        }
        assertThat(totalLate).as("late deliveries over all seeds with S > L").isPositive();
    }
}
