package org.livestack.examples.guide;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.LinkModel;
import org.livestack.api.RunReport;
import org.livestack.api.RunReports;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.models.Distribution;
import org.livestack.models.PoissonSource;
import org.livestack.models.Station;

/** Guide step 2: a switch, several clients and servers, a scope, and the reports with plots. */
public final class Rack
{
    private Rack()
    {
    }

    /**
     * @param reports where the reports go.
     * @return the run's report.
     * @throws IOException if the reports cannot be written.
     */
    public static RunReport run(final Path reports) throws IOException
    {
        // guide: rack
        Simulation.Builder b = Simulation.builder();
        Hub tor = b.switchHub("tor");                                         // learns where endpoints are
        LinkModel port = LinkModel.latency(250).bandwidth(10_000_000_000L);   // 250 ns, 10 Gb/s per port
        List<VTask> rack = new ArrayList<>(List.of(tor.vtask()));
        List<Endpoint> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            VTask s = b.component("server-" + i, Station.fifo(1, Distribution.exponential(800)));
            Endpoint e = b.endpoint(s, "eth");
            b.attach(e, tor, port);
            servers.add(e);
            rack.add(s);
        }
        for (int i = 0; i < 4; i++) {
            PoissonSource client = new PoissonSource(4_000);
            VTask c = b.component("client-" + i, client);
            Endpoint e = b.endpoint(c, "eth");
            b.attach(e, tor, port);
            client.connect(e, servers);                                       // round robin over the servers
            rack.add(c);
        }
        b.scope("rack", 250, rack);                                           // S = one port's latency
        RunReport report = b.horizon(5_000_000).workers(2).timeline(true).build().run();
        RunReports.write(report, reports, "rack");   // rack.json, rack.html, rack-vtasks.csv, rack-scopes.csv
        // guide: end
        return report;
    }

    /**
     * @param args optional report directory.
     * @throws IOException if the reports cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        System.out.println(run(Path.of(args.length > 0 ? args[0] : "target/guide")));
    }
}
