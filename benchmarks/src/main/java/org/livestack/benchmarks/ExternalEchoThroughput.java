package org.livestack.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.runtime.external.ExternalComponent;

/**
 * Macro benchmark of the cross-process path: a Java client and the C echo component
 * ({@code native/target/bin/ls-echo}) in its own process play ping-pong over a 500 ns link; each
 * reply triggers the next request. Reports round trips per wall second and the mean wall time of
 * one round trip (two messages through the mapped file, the proxy and the scheduler). Usage:
 * {@code ExternalEchoThroughput [roundTrips] [path to ls-echo]}.
 */
public final class ExternalEchoThroughput
{
    private ExternalEchoThroughput()
    {
    }

    /** Sends the next request when the previous reply arrives. */
    private static final class PingPong implements Component
    {
        final long roundTrips;
        Endpoint net;
        long replies;

        PingPong(final long roundTrips)
        {
            this.roundTrips = roundTrips;
        }

        @Override
        public void onStart(final ComponentContext ctx)
        {
            ctx.send(net, 1, new byte[64]);
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            if (++replies < roundTrips)
            {
                ctx.send(net, 1, new byte[64]);
            }
            else
            {
                ctx.stop();
            }
        }
    }

    /**
     * @param args optional number of round trips and path of the echo binary.
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final long roundTrips = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        final Path echo = Path.of(args.length > 1 ? args[1] : "native/target/bin/ls-echo");
        for (int round = 0; round < 3; round++)
        {
            final Path dir = Files.createTempDirectory("livestack-ext");
            final ExternalComponent proxy = ExternalComponent.create(dir.resolve("echo.lsx"), 1 << 16, Duration.ofSeconds(10));
            final Process p = new ProcessBuilder(echo.toString(), proxy.file().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            try
            {
                final Simulation.Builder b = Simulation.builder();
                final PingPong client = new PingPong(roundTrips);
                final VTask c = b.component("client", client);
                final VTask e = b.selfRunning("echo", proxy.watch(p.toHandle()));
                client.net = b.endpoint(c, "net");
                final Endpoint echoNet = b.endpoint(e, "net");
                b.link(client.net, echoNet, 500);
                proxy.endpoints(client.net, echoNet);
                b.scope("lan", 500, c, e);
                final RunReport r = b.horizon(Long.MAX_VALUE / 4).workers(1).build().run();
                if (round > 0)
                {
                    System.out.printf(Locale.ROOT, "cross-process ping-pong: %,d round trips, %,.0f round trips/s, %,.1f us per round trip%n",
                        client.replies, client.replies * 1e9 / r.wallTimeNanos(), r.wallTimeNanos() / 1e3 / client.replies);
                }
            }
            finally
            {
                p.destroyForcibly();
                Files.deleteIfExists(proxy.file());
                Files.deleteIfExists(dir);
            }
        }
    }
}
