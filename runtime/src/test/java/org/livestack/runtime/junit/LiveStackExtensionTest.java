package org.livestack.runtime.junit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.livestack.runtime.junit.LiveStackAssertions.assertThatVirtualTime;

/** The extension injects a seeded harness and, when a test fails, names the seed and writes the report. */
class LiveStackExtensionTest
{
    private static RunReport tick(final SimulationHarness h, final long horizon)
    {
        final Simulation.Builder b = h.builder();
        final VTask t = b.component("ticker", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.schedule(1_000, null);
            }

            @Override
            public void onEvent(final ComponentContext ctx, final long id, final Object payload)
            {
                ctx.schedule(1_000, null);
            }
        });
        b.scope("s", 0, t);
        return h.run(b.horizon(horizon).workers(1));
    }

    /** Run only through the test kit below. */
    @EnabledIfSystemProperty(named = "livestack.extension.selftest", matches = "true")
    @Seed(7)
    static class Sample
    {
        @SimulationTest
        void passes(final SimulationHarness h)
        {
            assertThat(h.seed()).isEqualTo(7);
            LiveStackAssertions.assertThat(tick(h, 50_000)).reachedVirtualTime(50_000).hasNoLateDeliveries()
                .skewStayedWithinBound("s").lostNoMessage();
        }

        @SimulationTest
        @Seed(99)
        void fails(final SimulationHarness h)
        {
            tick(h, 20_000);
            LiveStackAssertions.assertThat(h.lastReport()).reachedVirtualTime(1_000_000);
        }
    }

    @Test
    void aFailingExperimentNamesItsSeedAndLeavesItsReport(@TempDir final Path dir)
    {
        final PrintStream original = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setProperty("livestack.extension.selftest", "true");
        System.setProperty("livestack.reports", dir.toString());
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(Sample.class)).execute().testEvents()
                .assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        }
        finally
        {
            System.setErr(original);
            System.clearProperty("livestack.extension.selftest");
            System.clearProperty("livestack.reports");
        }
        final String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said).contains("LiveStack: fails(SimulationHarness) in Sample failed with seed 99")
            .contains("report of its last run: " + dir);
        try (var files = Files.list(dir))
        {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("Sample-fails-") && n.endsWith(".json"));
        }
        catch (final java.io.IOException e)
        {
            throw new AssertionError(e);
        }
    }

    @Test
    void virtualTimeAssertionsSayWhatWasExpected()
    {
        assertThatVirtualTime(42_000).isAtMost(50, TimeUnit.MICROSECONDS).isAtLeast(40, TimeUnit.MICROSECONDS)
            .isWithin(1, TimeUnit.MICROSECONDS, 42_500);
        assertThatThrownBy(() -> assertThatVirtualTime(60_000).isAtMost(50, TimeUnit.MICROSECONDS))
            .hasMessageContaining("expected at most 50 MICROSECONDS of virtual time but was 60000 ns");
        assertThatThrownBy(() -> assertThatVirtualTime(60_000).isWithin(2, TimeUnit.MICROSECONDS, 50_000))
            .hasMessageContaining("off by 10000 ns");
    }
}
