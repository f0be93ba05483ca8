package org.livestack.runtime;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Progress;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressLineTest
{
    @Test
    void aLineSaysWhereTheRunIsAndWhatIsLeft()
    {
        final ProgressLine p = new ProgressLine(Progress.LINES, 1_000_000, 20_000_000, 0, System.err, false);
        // 5 ms of 20 ms virtual after 2 s of wall, 3 M events: 25 %, slowdown 400, 1.5 M/s, 6 s left
        assertThat(p.line(2_000_000_000L, 5_000_000, 3_000_000))
            .isEqualTo("progress: virtual 5.000 ms of 20.000 ms (25.0 %), wall 2.0 s, slowdown 400, 1.50 M actor events/s, ETA 6.0 s");
        assertThat(p.line(1_000, 0, 0)).contains("slowdown n/a").contains("ETA unknown");
        assertThat(new ProgressLine(Progress.QUIET, 1, 10, 0, System.err, false).due(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aRunWithProgressPrintsLinesAndAQuietOneNothing()
    {
        final PrintStream original = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            run(Progress.LINES);
            final String withProgress = captured.toString(StandardCharsets.UTF_8);
            captured.reset();
            run(Progress.QUIET);
            assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("progress:");
            final Matcher m = Pattern.compile("progress: virtual .* \\(([0-9.]+) %\\)").matcher(withProgress);
            int lines = 0;
            double last = -1;
            while (m.find())
            {
                final double percent = Double.parseDouble(m.group(1));
                assertThat(percent).isBetween(last, 100.0);
                last = percent;
                lines++;
            }
            assertThat(lines).as(withProgress).isGreaterThanOrEqualTo(2);
        }
        finally
        {
            System.setErr(original);
        }
        assertThatThrownBy(() -> Simulation.builder().progress(Progress.LINES, Duration.ofMillis(1)))
            .hasMessageContaining("at least 10 ms");
    }

    /** A component that burns about 300 ms of wall time over 3 ms of virtual time. */
    private static void run(final Progress mode)
    {
        final Simulation.Builder b = Simulation.builder();
        final VTask t = b.component("busy", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.schedule(10_000, null);
            }

            @Override
            public void onEvent(final ComponentContext ctx, final long id, final Object payload)
            {
                final long until = System.nanoTime() + 1_000_000;
                while (System.nanoTime() < until)
                {
                    Thread.onSpinWait();
                }
                ctx.schedule(10_000, null);
            }
        });
        b.scope("s", 0, t);
        b.horizon(3_000_000).workers(1).progress(mode, Duration.ofMillis(40)).build().run();
    }
}
