package org.livestack.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livestack.api.RunReport;
import org.livestack.kvm.KvmCapabilities;

/** The guide's steps run and produce what the guide says. */
class GuideTest
{
    @Test
    void twoModelsWaitAsMm1TheorySays()
    {
        final RunReport r = TwoModels.run();
        assertThat(r.virtualTimeNanos()).isEqualTo(100_000_000);
        assertThat(r.lateDeliveries()).isZero();
        // about 10,000 requests at load 0.8; theory 32 us of waiting, within this run's sampling error
        final double wait = Double.parseDouble(r.vtask("server").details().get("mean waiting ns"));
        assertThat(Long.parseLong(r.vtask("server").details().get("served"))).isBetween(9_000L, 11_000L);
        assertThat(wait).isBetween(24_000.0, 40_000.0);
    }

    @Test
    void theRackWritesItsReportsWithPlots(@TempDir final Path dir) throws Exception
    {
        final RunReport r = Rack.run(dir);
        assertThat(r.lateDeliveries()).isZero();
        assertThat(r.timeline().samples()).isNotEmpty();
        assertThat(r.timeline().links()).isNotEmpty();
        for (final String f : new String[] {"rack.json", "rack.html", "rack-vtasks.csv", "rack-scopes.csv"})
        {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        assertThat(Files.readString(dir.resolve("rack.html"))).contains("data-plot=\"latency\"", "data-plot=\"sequence\"");
    }

    @Test
    void twoLiveHostsExchangeRequests() throws Exception
    {
        final KvmCapabilities kvm = KvmCapabilities.probe();
        assumeTrue(kvm.available(), "live hosts need /dev/kvm: " + kvm.reason());
        final RunReport r = LiveTwoHosts.run();
        assertThat(r.vtask("client").details().get("console")).contains("rtt 9 ");
        assertThat(r.lateDeliveries()).isZero();
    }
}
