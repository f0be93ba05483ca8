package org.livestack.runtime;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.FaultPolicy;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.SimulationException;
import org.livestack.api.VTask;
import org.livestack.api.VTaskControl;
import org.livestack.api.VTaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A self-running vtask that reports vtime backwards or past its grant is rejected, naming it. */
class SelfRunningReportTest
{
    private interface Body
    {
        void run(VTaskControl c);
    }

    private static Simulation.Builder with(final Body body)
    {
        final Simulation.Builder b = Simulation.builder();
        final VTask cpu = b.selfRunning("cpu", body::run);
        final VTask idle = b.component("idle", new Component() {});
        b.scope("s", 100, cpu, idle);
        return b.horizon(10_000);
    }

    @Test
    void reportingVtimeBackwardsFailsTheRunNamingTheVTask()
    {
        final Simulation.Builder b = with(c ->
        {
            c.advanceTo(c.awaitGrant());
            c.advanceTo(c.vtime() - 1);
        });
        assertThatThrownBy(() -> b.build().run())
            .isInstanceOf(SimulationException.class).hasMessageContaining("'cpu'")
            .rootCause().hasMessageContaining("is before its vtime");
    }

    @Test
    void reportingVtimePastTheGrantFailsTheRunNamingTheVTask()
    {
        final Simulation.Builder b = with(c ->
        {
            final long grant = c.awaitGrant();
            c.advanceTo(grant + 1);
        });
        assertThatThrownBy(() -> b.build().run())
            .isInstanceOf(SimulationException.class).hasMessageContaining("'cpu'")
            .rootCause().hasMessageContaining("is beyond its grant");
    }

    @Test
    void underIsolateTheBadReporterIsFaultedAndTheRunFinishes()
    {
        final Simulation.Builder b = with(c ->
        {
            final long grant = c.awaitGrant();
            c.advanceTo(grant + 1);
        });
        final RunReport r = b.watchdog(java.time.Duration.ofSeconds(5), FaultPolicy.ISOLATE).build().run();
        assertThat(r.vtask("cpu").state()).isEqualTo(VTaskState.FAULTED);
        assertThat(r.faults()).singleElement().asString().contains("beyond its grant");
    }

    @Test
    void usingTheControlFromAnotherThreadIsRejected()
    {
        final Simulation.Builder b = with(c ->
        {
            final Throwable[] seen = new Throwable[1];
            final Thread other = new Thread(() ->
            {
                try
                {
                    c.awaitGrant();
                }
                catch (final Throwable t)
                {
                    seen[0] = t;
                }
            });
            other.start();
            try
            {
                other.join();
            }
            catch (final InterruptedException e)
            {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("from the other thread: " + seen[0].getMessage());
        });
        assertThatThrownBy(() -> b.build().run())
            .rootCause().hasMessageContaining("must be used from its own thread");
    }
}
