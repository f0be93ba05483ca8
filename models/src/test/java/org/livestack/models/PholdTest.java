package org.livestack.models;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.runtime.SequentialEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PHOLD: identical per-LP statistics on 1, 2 and 4 workers (skew below the hop latency); at skew 0
 * on one worker the sequential reference engine agrees.
 */
class PholdTest
{
    /** Skew just below the hop latency (lookahead / 2): no late deliveries and no equal-time races. */
    private static final Phold.Params PARAMS = new Phold.Params(64, 8, 0.5, 200, 1_000, 99);
    private static final long HORIZON = 2_000_000;

    private record Run(List<List<Long>> perLp, long events, RunReport report)
    {
    }

    private static Run run(final Phold.Params p, final int workers, final long seed)
    {
        final Simulation.Builder b = Simulation.builder();
        final Phold phold = Phold.build(b, p);
        final RunReport r = b.horizon(HORIZON).seed(seed).workers(workers).build().run();
        return new Run(phold.perLp(), phold.events(), r);
    }

    @Test
    void perLpStatisticsAreIdenticalOnOneTwoAndFourWorkers()
    {
        for (long seed = 1; seed <= 5; seed++)
        {
            final Run one = run(PARAMS, 1, seed);
            assertThat(one.events()).as("seed %d: events", seed).isGreaterThan(100_000);
            assertThat(one.report().lateDeliveries()).isZero();
            for (final int workers : new int[] {2, 4})
            {
                final Run other = run(PARAMS, workers, seed);
                assertThat(other.perLp()).as("seed %d, %d workers: per-LP events, sent, received, checksum", seed, workers)
                    .isEqualTo(one.perLp());
                assertThat(other.report().lateDeliveries()).isZero();
            }
        }
    }

    @Test
    void eventCountMatchesTheModelsRate()
    {
        // every event schedules one successor lookahead + Exp(mean) later: each LP's token chains
        // run at 1 / (lookahead + mean) events per ns
        final Run r = run(PARAMS, 2, 9);
        final double expected = PARAMS.lps() * PARAMS.eventsPerLp() * (double)HORIZON /
            (PARAMS.lookaheadNanos() + PARAMS.meanDelayNanos());
        assertThat((double)r.events()).isBetween(0.97 * expected, 1.01 * expected);
        final long sent = r.perLp().stream().mapToLong(l -> l.get(1)).sum();
        final long received = r.perLp().stream().mapToLong(l -> l.get(2)).sum();
        assertThat((double)sent / r.events()).isBetween(0.48, 0.52); // remote probability 0.5
        assertThat(received).isLessThanOrEqualTo(sent).isGreaterThan(sent - PARAMS.lps() * PARAMS.eventsPerLp());
    }

    @Test
    void zeroSkewOnOneWorkerMatchesTheSequentialEngine()
    {
        final Phold.Params p = new Phold.Params(16, 4, 0.7, 100, 500, 0);
        final Run runtime = run(p, 1, 3);
        final Simulation.Builder b = Simulation.builder();
        final Phold reference = Phold.build(b, p);
        final SequentialEngine.Result r = SequentialEngine.run(b.horizon(HORIZON).seed(3).build());
        assertThat(runtime.perLp()).isEqualTo(reference.perLp());
        assertThat(runtime.report().totalEvents()).isEqualTo(r.events());
    }

    @Test
    void badParametersAreRejectedByName()
    {
        assertThatThrownBy(() -> new Phold.Params(1, 1, 0.5, 2, 1, 0)).hasMessageContaining("at least 2 LPs");
        assertThatThrownBy(() -> new Phold.Params(4, 0, 0.5, 2, 1, 0)).hasMessageContaining("events per LP 0");
        assertThatThrownBy(() -> new Phold.Params(4, 1, 1.5, 2, 1, 0)).hasMessageContaining("remote probability 1.5 is outside [0, 1]");
        assertThatThrownBy(() -> new Phold.Params(4, 1, -0.1, 2, 1, 0)).hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> new Phold.Params(4, 1, 0.5, 3, 1, 0)).hasMessageContaining("lookahead 3 ns must be even");
        assertThatThrownBy(() -> new Phold.Params(4, 1, 0.5, 2, 0, 0)).hasMessageContaining("mean delay 0");
        assertThatThrownBy(() -> new Phold.Params(4, 1, 0.5, 2, 1, -1)).hasMessageContaining("skew bound -1");
    }
}
