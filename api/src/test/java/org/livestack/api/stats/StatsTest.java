package org.livestack.api.stats;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StatsTest
{
    @Test
    void studentTQuantilesMatchTables()
    {
        // two-sided 95 % (p = 0.975) and 99 % (p = 0.995) critical values from standard tables
        final double[][] table = {{1, 12.7062, 63.6567}, {2, 4.3027, 9.9248}, {3, 3.1824, 5.8409}, {4, 2.7764, 4.6041},
            {5, 2.5706, 4.0321}, {9, 2.2622, 3.2498}, {19, 2.0930, 2.8609}, {29, 2.0452, 2.7564}, {99, 1.9842, 2.6264},
            {1000, 1.9623, 2.5808}};
        for (final double[] row : table)
        {
            assertThat(ConfidenceInterval.studentT(0.975, (long)row[0])).as("t(0.975, %d)", (long)row[0])
                .isCloseTo(row[1], within(2e-4));
            assertThat(ConfidenceInterval.studentT(0.995, (long)row[0])).as("t(0.995, %d)", (long)row[0])
                .isCloseTo(row[2], within(2e-3));
        }
        assertThat(ConfidenceInterval.normal(0.975)).isCloseTo(1.959964, within(1e-6));
    }

    @Test
    void tallyAgreesWithTwoPassFormulas()
    {
        final SplittableRandom r = new SplittableRandom(3);
        final double[] xs = new double[10_000];
        final Tally t = new Tally("x");
        for (int i = 0; i < xs.length; i++)
        {
            xs[i] = 1e9 + r.nextDouble() * 10; // a large offset: the naive sum-of-squares formula loses it
            t.add(xs[i]);
        }
        double sum = 0;
        for (final double x : xs)
        {
            sum += x;
        }
        final double mean = sum / xs.length;
        double ss = 0;
        for (final double x : xs)
        {
            ss += (x - mean) * (x - mean);
        }
        assertThat(t.count()).isEqualTo(xs.length);
        assertThat(t.mean()).isCloseTo(mean, within(1e-4)); // the plain sum itself rounds at 1e13
        assertThat(t.variance()).isCloseTo(ss / (xs.length - 1), within(1e-6));
        assertThat(t.variance()).isCloseTo(100.0 / 12, within(0.3)); // uniform on [0, 10)
        final ConfidenceInterval ci = t.confidenceInterval(0.95);
        assertThat(ci.halfWidth()).isCloseTo(1.9602 * Math.sqrt(t.variance() / xs.length), within(1e-4));
        assertThat(ci.contains(1e9 + 5)).isTrue();
        t.reset();
        assertThat(t.count()).isZero();
        assertThat(t.mean()).isNaN();
    }

    @Test
    void confidenceIntervalsCoverTheTrueMeanAboutNinetyFivePercentOfTheTime()
    {
        final SplittableRandom r = new SplittableRandom(11);
        int covered = 0;
        final int trials = 2_000;
        for (int trial = 0; trial < trials; trial++)
        {
            final double[] sample = new double[8];
            for (int i = 0; i < sample.length; i++)
            {
                sample[i] = -Math.log(1 - r.nextDouble()); // exponential, mean 1
            }
            covered += ConfidenceInterval.of(sample, 0.95).contains(1.0) ? 1 : 0;
        }
        // exponential samples of 8 under-cover a little (skewed); a wrong t would be far off
        assertThat(covered / (double)trials).isBetween(0.88, 0.97);
    }

    @Test
    void timeWeightedAverageIntegratesOverVirtualTime()
    {
        final TimeWeighted q = new TimeWeighted("queue", 0, 0);
        q.update(10, 2);   // 0 for 10
        q.update(30, 1);   // 2 for 20
        q.add(40, 3);      // 1 for 10, then 4
        assertThat(q.average(50)).isCloseTo((0 * 10 + 2 * 20 + 1 * 10 + 4 * 10) / 50.0, within(1e-12));
        assertThat(q.max()).isEqualTo(4);
        q.reset(50);
        assertThat(q.average(60)).isEqualTo(4);
        assertThatThrownBy(() -> q.update(45, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'queue'").hasMessageContaining("went back from 50 to 45");
    }

    @Test
    void histogramCountsAndQuantiles()
    {
        final Histogram h = new Histogram("latency", 0, 100, 10);
        for (int i = 0; i < 100; i++)
        {
            h.add(i + 0.5);
        }
        h.add(-1);
        h.add(100);
        assertThat(h.count()).isEqualTo(102);
        assertThat(h.bins()).containsOnly(10L);
        assertThat(h.underflow()).isEqualTo(1);
        assertThat(h.overflow()).isEqualTo(1);
        assertThat(h.quantile(0.5)).isCloseTo(50, within(1.5));
        assertThat(h.quantile(1.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> new Histogram("h", 5, 5, 10)).hasMessageContaining("'h'").hasMessageContaining("empty");
        assertThatThrownBy(() -> new Histogram("h", 0, 1, 0)).hasMessageContaining("0 bins");
        assertThatThrownBy(() -> h.quantile(1.5)).hasMessageContaining("not in [0, 1]");
    }

    @Test
    void badObservationsAndLevelsAreRejectedByName()
    {
        final Tally t = new Tally("rtt");
        assertThatThrownBy(() -> t.add(Double.NaN)).hasMessageContaining("'rtt'").hasMessageContaining("not finite");
        assertThatThrownBy(() -> t.confidenceInterval(1.0)).hasMessageContaining("confidence level 1.0");
        assertThatThrownBy(() -> ConfidenceInterval.studentT(0.975, 0)).hasMessageContaining("df >= 1");
    }
}
