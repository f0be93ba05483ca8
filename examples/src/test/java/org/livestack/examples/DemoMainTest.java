package org.livestack.examples;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.api.VTaskState;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's demo runs, and its report is consistent. */
class DemoMainTest
{
    @Test
    void demoRunsToItsHorizonWithAConsistentReport()
    {
        final DemoMain.Result result = DemoMain.run(2, 2_000_000, 250);
        final RunReport r = result.report();
        assertThat(r.virtualTimeNanos()).isEqualTo(2_000_000);
        assertThat(r.sent()).isPositive().isEqualTo(r.delivered() + r.inFlight() + r.dropped());
        assertThat(r.vtask("cpu0").state()).isNotEqualTo(VTaskState.FAULTED);
        assertThat(r.vtask("nic").received()).isPositive();
        // the nic bridges "host" and "rack": a reply from the rack may find it forwarded to the host's
        // vtime, which the "cluster" scope keeps within its 250 ns bound of the rack (docs/scheduling.md)
        assertThat(r.maxLatenessNanos()).isLessThanOrEqualTo(250);
        for (final RunReport.ScopeStats s : r.scopes())
        {
            assertThat(s.maxSkewNanos()).isLessThanOrEqualTo(s.skewNanos());
        }
        assertThat(result.models()).contains("server-0").contains("requests answered");
    }
}
