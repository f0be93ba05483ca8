package org.livestack.examples;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

/** The README's example: a client and a server exchanging pings over a 1 us link, S = 0. */
public final class QuickStart
{
    private QuickStart()
    {
    }

    /**
     * @return the run's report.
     */
    public static RunReport run()
    {
        // --- README example begins
        Simulation.Builder b = Simulation.builder();
        Endpoint[] port = new Endpoint[1];
        VTask client = b.component("client", new Component() {
            public void onStart(ComponentContext ctx) { ctx.schedule(0, null); }
            public void onEvent(ComponentContext ctx, long id, Object p) {
                ctx.send(port[0], 1, new byte[64]);              // ping
                ctx.schedule(10_000, null);                      // every 10 us
            }
        });
        VTask server = b.component("server", new Component() {
            public void onMessage(ComponentContext ctx, Message m) {
                ctx.advance(2_000);                              // 2 us of service time
                ctx.send(m.destination(), 2, new byte[64]);      // pong
            }
        });
        port[0] = b.endpoint(client, "nic");
        b.link(port[0], b.endpoint(server, "nic"), 1_000);      // 1 us latency
        b.scope("rack", 0, client, server);                      // S = 0: exact DES
        RunReport report = b.horizon(1_000_000).workers(2).build().run();
        System.out.println(report);
        // --- README example ends
        return report;
    }

    /**
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        run();
    }
}
