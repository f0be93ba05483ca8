package org.livestack.examples;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example compiles, runs and does what the README says. */
class QuickStartTest
{
    @Test
    void pingsEvery10usAndEachPongArrives4usLater()
    {
        final RunReport r = QuickStart.run();
        // pings at 0, 10, ..., 990 us; a pong is back 1 + 2 + 1 = 4 us after its ping
        assertThat(r.vtask("client").sent()).isEqualTo(100);
        assertThat(r.vtask("server").received()).isEqualTo(100);
        assertThat(r.vtask("client").received()).isEqualTo(100);
        assertThat(r.lateDeliveries()).isZero();
        assertThat(r.sent()).isEqualTo(r.delivered() + r.inFlight() + r.dropped());
    }
}
