package org.livestack.examples.guide;

import java.util.List;

import org.livestack.api.Endpoint;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.models.Distribution;
import org.livestack.models.PoissonSource;
import org.livestack.models.Station;

/** Guide step 1: two modeled components, a Poisson client and an M/M/1 server, over one link. */
public final class TwoModels
{
    private TwoModels()
    {
    }

    /** @return the run's report. */
    public static RunReport run()
    {
        // guide: two models
        Simulation.Builder b = Simulation.builder();
        PoissonSource source = new PoissonSource(10_000);                    // a request every 10 us on average
        Station server = Station.fifo(1, Distribution.exponential(8_000)); // 8 us of service on average: load 0.8
        VTask c = b.component("client", source);
        VTask s = b.component("server", server);
        Endpoint cPort = b.endpoint(c, "eth");
        Endpoint sPort = b.endpoint(s, "eth");
        b.link(cPort, sPort, 1_000);                                        // 1 us each way
        source.connect(cPort, List.of(sPort));
        b.scope("pair", 1_000, c, s);                                       // skew bound S = the link latency
        RunReport report = b.horizon(100_000_000).seed(7).build().run();    // 100 ms of virtual time
        System.out.println(report);
        System.out.printf("mean wait %.0f ns (M/M/1 theory: 32,000 ns)%n", server.waiting().mean());
        // guide: end
        return report;
    }

    /** @param args ignored. */
    public static void main(final String[] args)
    {
        run();
    }
}
