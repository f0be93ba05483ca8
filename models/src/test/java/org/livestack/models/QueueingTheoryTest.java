package org.livestack.models;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.Endpoint;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.stats.ConfidenceInterval;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * M/M/1 and M/M/c on LiveStack against queueing theory: over independent replications (seeds 1 ..
 * {@value #REPLICATIONS}, fixed in advance), the analytic mean waiting time (Erlang C for M/M/c) and
 * utilisation lie in the confidence intervals, at loads 0.5, 0.8 and 0.95. The {@value #CHECKS}
 * checks of this class hold with 95 % confidence jointly (Bonferroni: each interval at
 * {@code 1 - 0.05 / CHECKS}); with each at 95 %, about one in twenty would miss by chance. The
 * plain 95 % intervals are printed too. Theory is evaluated at the simulated parameters (the mean
 * gap is a whole number of nanoseconds).
 */
class QueueingTheoryTest
{
    static final int REPLICATIONS = 20;
    static final int CHECKS = 13;
    static final double LEVEL = 1 - 0.05 / CHECKS;
    static final long MEAN_SERVICE = 1_000;
    static final long LATENCY = 100;

    /** One replication's outcome. */
    record Outcome(double meanWait, double utilisation, double meanResponse, long served)
    {
    }

    /** Poisson arrivals at rate {@code servers * rho / MEAN_SERVICE} into {@code station}. */
    static Outcome replicate(final Station station, final double rho, final long warmUp, final long horizon, final long seed,
        final int workers, final long skew)
    {
        final Simulation.Builder b = Simulation.builder();
        final long meanGap = Math.round(MEAN_SERVICE / (rho * station.servers()));
        final PoissonSource source = new PoissonSource(meanGap);
        final VTask s = b.component("arrivals", source);
        final VTask q = b.component("station", station.warmUp(warmUp));
        final Endpoint sp = b.endpoint(s, "out");
        final Endpoint qp = b.endpoint(q, "in");
        b.link(sp, qp, LATENCY);
        source.connect(sp, List.of(qp));
        b.scope("lan", skew, s, q);
        b.horizon(horizon).seed(seed).workers(workers).build().run();
        return new Outcome(station.waiting().mean(), station.busy().average(horizon) / station.servers(),
            station.response().mean(), station.served());
    }

    /** Erlang C: the probability an arrival waits in M/M/c with offered load {@code a = lambda / mu}. */
    static double erlangC(final int c, final double a)
    {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < c; k++)
        {
            term *= a / k;
            sum += term;
        }
        final double last = term * a / c / (1 - a / c);
        return last / (sum + last);
    }

    /** Mean waiting time in queue of M/M/c at utilisation rho (per server). */
    static double analyticWait(final int c, final double rho)
    {
        final double mu = 1.0 / MEAN_SERVICE;
        final double lambda = rho * c * mu;
        return erlangC(c, lambda / mu) / (c * mu - lambda);
    }

    /** The utilisation actually simulated for a target rho: the mean gap is rounded to whole ns. */
    static double simulatedRho(final int c, final double rho)
    {
        return (double)MEAN_SERVICE / (Math.round(MEAN_SERVICE / (rho * c)) * c);
    }

    private static void check(final int c, final double rho, final long horizon)
    {
        final double[] waits = new double[REPLICATIONS];
        final double[] utils = new double[REPLICATIONS];
        for (int r = 0; r < REPLICATIONS; r++)
        {
            final Outcome o = replicate(Station.fifo(c, Distribution.exponential(MEAN_SERVICE)), rho, horizon / 10, horizon,
                r + 1, 1, LATENCY);
            waits[r] = o.meanWait();
            utils[r] = o.utilisation();
        }
        final double actual = simulatedRho(c, rho);
        final double expected = analyticWait(c, actual);
        final ConfidenceInterval w = ConfidenceInterval.of(waits, LEVEL);
        final ConfidenceInterval u = ConfidenceInterval.of(utils, LEVEL);
        System.out.printf("M/M/%d rho %.4f: Wq %s (theory %.1f ns, plain 95 %% CI %s), utilisation %s (theory %.4f, plain %s)%n",
            c, actual, w, expected, ConfidenceInterval.of(waits, 0.95), u, actual, ConfidenceInterval.of(utils, 0.95));
        assertThat(w.contains(expected)).as("M/M/%d at %.4f: Wq %.1f ns in %s", c, actual, expected, w).isTrue();
        assertThat(u.contains(actual)).as("M/M/%d at %.4f: utilisation in %s", c, actual, u).isTrue();
        assertThat(w.halfWidth()).as("a CI that wide says nothing").isLessThan(0.15 * expected);
    }

    @Test
    void mm1AtLoadsHalfEightyAndNinetyFivePercent()
    {
        check(1, 0.5, 20_000_000);
        check(1, 0.8, 50_000_000);
        check(1, 0.95, 300_000_000);
    }

    @Test
    void mm3AtLoadsHalfEightyAndNinetyFivePercent()
    {
        check(3, 0.5, 10_000_000);
        check(3, 0.8, 20_000_000);
        check(3, 0.95, 100_000_000);
    }

    @Test
    void erlangCMatchesKnownValues()
    {
        assertThat(erlangC(1, 0.8)).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-12)); // M/M/1: P(wait) = rho
        // c = 2, a = 1 (rho 0.5): C = (1/2 * 2) / (1 + 1 + 1) = 1/3
        assertThat(erlangC(2, 1.0)).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void processorSharingHasTheMm1MeanResponseTime()
    {
        // M/M/1-PS: E[T] = 1 / (mu - lambda), the same mean as FIFO, a check of the sharing arithmetic
        final double rho = 0.8;
        final double[] responses = new double[REPLICATIONS];
        for (int r = 0; r < REPLICATIONS; r++)
        {
            responses[r] = replicate(Station.processorSharing(1, Distribution.exponential(MEAN_SERVICE)), rho, 5_000_000,
                50_000_000, r + 1, 1, LATENCY).meanResponse();
        }
        final ConfidenceInterval ci = ConfidenceInterval.of(responses, LEVEL);
        final double expected = MEAN_SERVICE / (1 - simulatedRho(1, rho));
        System.out.printf("M/M/1-PS rho 0.80: E[T] %s (theory %.1f ns)%n", ci, expected);
        assertThat(ci.contains(expected)).as("E[T] %.1f in %s", expected, ci).isTrue();
    }
}
