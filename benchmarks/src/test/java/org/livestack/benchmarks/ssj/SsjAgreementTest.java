package org.livestack.benchmarks.ssj;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.Endpoint;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.stats.ConfidenceInterval;
import org.livestack.models.Distribution;
import org.livestack.models.Phold;
import org.livestack.models.PoissonSource;
import org.livestack.models.Station;

import static org.assertj.core.api.Assertions.assertThat;

/** The same models on LiveStack and on SSJ agree statistically. */
class SsjAgreementTest
{
    private static final int REPLICATIONS = 20;
    private static final long GAP = 1_250;
    private static final long SERVICE = 1_000;
    private static final long WARM_UP = 5_000_000;
    private static final long HORIZON = 50_000_000;

    private static double liveStackWait(final long seed)
    {
        final Simulation.Builder b = Simulation.builder();
        final PoissonSource source = new PoissonSource(GAP);
        final Station station = Station.fifo(1, Distribution.exponential(SERVICE)).warmUp(WARM_UP);
        final VTask s = b.component("arrivals", source);
        final VTask q = b.component("station", station);
        final Endpoint sp = b.endpoint(s, "out");
        final Endpoint qp = b.endpoint(q, "in");
        b.link(sp, qp, 100);
        source.connect(sp, List.of(qp));
        b.scope("lan", 100, s, q);
        b.horizon(HORIZON).seed(seed).workers(2).build().run();
        return station.waiting().mean();
    }

    @Test
    void mm1MeanWaitOnLiveStackAndOnSsjAgree()
    {
        final double[] live = new double[REPLICATIONS];
        final double[] ssj = new double[REPLICATIONS];
        for (int r = 0; r < REPLICATIONS; r++)
        {
            live[r] = liveStackWait(r + 1);
            ssj[r] = SsjMM1.run(GAP, SERVICE, WARM_UP, HORIZON, r + 1).meanWait();
        }
        final ConfidenceInterval l = ConfidenceInterval.of(live, 0.95);
        final ConfidenceInterval s = ConfidenceInterval.of(ssj, 0.95);
        final double theory = 0.8 * SERVICE / (1 - 0.8); // Wq = rho / (mu - lambda)
        System.out.printf("M/M/1 rho 0.8, Wq: LiveStack %s, SSJ %s, theory %.0f ns%n", l, s, theory);
        assertThat(l.overlaps(s)).as("LiveStack %s and SSJ %s", l, s).isTrue();
        // each against theory, jointly at 95 % (two intervals: 97.5 % each)
        assertThat(ConfidenceInterval.of(live, 0.975).contains(theory)).isTrue();
        assertThat(ConfidenceInterval.of(ssj, 0.975).contains(theory)).isTrue();
    }

    @Test
    void pholdEventRatesAgree()
    {
        final Phold.Params p = new Phold.Params(64, 8, 0.5, 200, 1_000, 99);
        final long horizon = 5_000_000;
        final Simulation.Builder b = Simulation.builder();
        final Phold phold = Phold.build(b, p);
        b.horizon(horizon).seed(1).workers(2).build().run();
        final SsjPhold.Result ssj = SsjPhold.run(p, horizon, 1);
        final double model = p.lps() * p.eventsPerLp() * (double)horizon / (p.lookaheadNanos() + p.meanDelayNanos());
        System.out.printf("PHOLD events: LiveStack %d, SSJ %d, model %.0f%n", phold.events(), ssj.events(), model);
        assertThat((double)phold.events()).isBetween(0.99 * ssj.events(), 1.01 * ssj.events());
        assertThat((double)ssj.events()).isBetween(0.98 * model, 1.01 * model);
        assertThat((double)ssj.remote() / ssj.events()).isBetween(0.49, 0.51);
    }
}
