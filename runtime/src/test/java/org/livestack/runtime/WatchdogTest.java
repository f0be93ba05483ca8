package org.livestack.runtime;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.FaultPolicy;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.SimulationException;
import org.livestack.api.VTask;
import org.livestack.api.VTaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * DESIGN.md 3, watchdog: a vtask that holds its thread without progress is detected; FAIL ends the
 * run with an error naming it, ISOLATE marks it FAULTED and finishes the run. Neither hangs.
 */
class WatchdogTest
{
    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    /** Lets the looping handlers of a finished test return, so their threads do not burn the CPU. */
    private static volatile boolean released;

    @AfterEach
    void release()
    {
        released = true;
    }

    /** Loops forever from the runtime's point of view once it sees a message at or after 5 us. */
    private static final class Stuck implements Component
    {
        @Override
        public void onStart(final ComponentContext ctx)
        {
            ctx.schedule(5_000, null);
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            released = false;
            while (!released)
            {
                Thread.onSpinWait();
            }
            ctx.schedule(1_000, null); // throws once the component was isolated
        }
    }

    private static final class Ticker implements Component
    {
        @Override
        public void onStart(final ComponentContext ctx)
        {
            ctx.schedule(100, null);
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            ctx.schedule(100, null);
        }
    }

    private static Simulation.Builder twoComponents(final FaultPolicy policy)
    {
        final Simulation.Builder b = Simulation.builder();
        final VTask stuck = b.component("stuck-model", new Stuck());
        final VTask ticker = b.component("ticker", new Ticker());
        b.scope("s", 1_000, stuck, ticker);
        return b.horizon(50_000).workers(2).watchdog(TIMEOUT, policy);
    }

    @Test
    void failEndsTheRunWithAnErrorNamingTheStuckComponent()
    {
        final Simulation sim = twoComponents(FaultPolicy.FAIL).build();
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(sim::run)
            .isInstanceOf(SimulationException.class)
            .hasMessageContaining("stuck-model")
            .hasMessageContaining("watchdog")
            .satisfies(e -> assertThat(((SimulationException)e).vtaskName()).isEqualTo("stuck-model")));
    }

    @Test
    void isolateFinishesTheRunWithTheStuckComponentFaulted()
    {
        final Simulation sim = twoComponents(FaultPolicy.ISOLATE).build();
        final RunReport report = assertTimeoutPreemptively(NO_HANG, sim::run);
        assertThat(report.vtask("stuck-model").state()).isEqualTo(VTaskState.FAULTED);
        assertThat(report.vtask("ticker").vtime()).isGreaterThanOrEqualTo(49_900);
        assertThat(report.virtualTimeNanos()).isEqualTo(50_000);
        assertThat(report.faults()).singleElement().asString().contains("stuck-model").contains("watchdog");
    }

    @Test
    void aStuckSelfRunningVTaskIsDetectedToo()
    {
        final Simulation.Builder b = Simulation.builder();
        final VTask cpu = b.selfRunning("stuck-cpu", c ->
        {
            c.advanceTo(c.awaitGrant());
            released = false;
            while (!released)
            {
                Thread.onSpinWait();
            }
            c.awaitGrant(); // throws: the vtask was isolated
        });
        final VTask ticker = b.component("ticker", new Ticker());
        b.scope("s", 1_000, cpu, ticker);
        final RunReport report = assertTimeoutPreemptively(NO_HANG,
            () -> b.horizon(50_000).workers(1).watchdog(TIMEOUT, FaultPolicy.ISOLATE).build().run());
        assertThat(report.vtask("stuck-cpu").state()).isEqualTo(VTaskState.FAULTED);
        assertThat(report.vtask("ticker").vtime()).isGreaterThanOrEqualTo(49_900);
    }

    @Test
    void aThrowingHandlerFollowsTheFaultPolicy()
    {
        final Component thrower = new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.schedule(1_000, null);
            }

            @Override
            public void onEvent(final ComponentContext ctx, final long id, final Object payload)
            {
                throw new IllegalStateException("model bug");
            }
        };
        final Simulation.Builder failing = Simulation.builder();
        failing.scope("s", 0, failing.component("buggy", thrower), failing.component("ticker", new Ticker()));
        assertThatThrownBy(() -> failing.horizon(10_000).build().run())
            .isInstanceOf(SimulationException.class).hasMessageContaining("buggy").hasRootCauseMessage("model bug");

        final Simulation.Builder isolating = Simulation.builder();
        isolating.scope("s", 0, isolating.component("buggy", thrower), isolating.component("ticker", new Ticker()));
        final RunReport report = isolating.horizon(10_000).watchdog(TIMEOUT, FaultPolicy.ISOLATE).build().run();
        assertThat(report.vtask("buggy").state()).isEqualTo(VTaskState.FAULTED);
        assertThat(report.faults()).singleElement().asString().contains("model bug");
        assertThat(report.vtask("ticker").events()).isEqualTo(100);
    }
}
