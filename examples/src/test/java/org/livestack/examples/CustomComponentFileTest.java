package org.livestack.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.cli.Experiment;
import org.livestack.cli.ExperimentException;

/** A component of one's own, named in an experiment file, runs in a sweep of its parameters. */
class CustomComponentFileTest
{
    @Test
    void theBurstSourceRunsFromTheShippedFileAndBiggerBurstsWaitLonger()
    {
        final Experiment e = Experiment.load(Path.of("experiments", "bursts.yaml"));
        final List<Experiment.Point> points = e.points();
        assertThat(points).hasSize(3);
        double previous = -1;
        for (final Experiment.Point p : points)
        {
            final RunReport r = p.build().simulation().run();
            final long burst = Long.parseLong(p.values().get("components.gen.params.burst"));
            // 10 ms at one burst per 20 us: 499 or 500 bursts, every request answered but those in flight at the end
            assertThat(Long.parseLong(r.vtask("gen").details().get("sent"))).isBetween(499 * burst, 500 * burst);
            assertThat(Long.parseLong(r.vtask("gen").details().get("replies")))
                .isGreaterThan(Long.parseLong(r.vtask("gen").details().get("sent")) - 2 * burst);
            final double response = Double.parseDouble(r.vtask("gen").details().get("mean response ns"));
            // at least the two hops there and back (4 x 500 ns) and a bit of service; more with bigger bursts
            assertThat(response).isGreaterThan(2_000).isGreaterThan(previous);
            previous = response;
        }
    }

    @Test
    void badParametersOfTheClassAreReportedAtTheirPath()
    {
        final Experiment good = Experiment.load(Path.of("experiments", "bursts.yaml"));
        assertThat(good.name()).isEqualTo("bursts");
        assertThatThrownBy(() -> Experiment.load(Path.of("experiments", "bursts.yaml"))
            .with(java.util.Map.of("components.gen.params.period-ns", "0")))
            .isInstanceOf(ExperimentException.class)
            .hasMessageContaining("components[0].params: class 'org.livestack.examples.BurstSource' rejected its parameters: " +
                "parameter 'period-ns' must be > 0, found 0");
    }
}
