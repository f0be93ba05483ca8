package org.livestack.runtime.external;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.SimulationException;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The C example component (native/examples/echo.c, built by make from Maven) runs in its own
 * process, exchanges messages with a Java component under a skew bound, and gives the same results
 * as a Java version of itself. Killing it mid-run ends the run with an error naming it.
 */
class ExternalEchoTest
{
    private static final Path ECHO = Path.of("..", "native", "target", "bin", "ls-echo");
    private static final long LATENCY = 500;

    /** Sends requests at scripted times and records every reply. */
    private static final class Client implements Component
    {
        final List<String> replies = new ArrayList<>();
        final int requests;
        Endpoint net;
        Process killAfter50;

        Client(final int requests)
        {
            this.requests = requests;
        }

        @Override
        public void onStart(final ComponentContext ctx)
        {
            ctx.schedule(100, 0);
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            final int i = (Integer)payload;
            final byte[] request = new byte[1 + i % 40];
            for (int b = 0; b < request.length; b++)
            {
                request[b] = (byte)(i * 7 + b);
            }
            ctx.send(net, i % 5, request);
            if (i + 1 < requests)
            {
                ctx.schedule(300 + (i * 37) % 900, i + 1);
            }
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            final byte[] bytes = new byte[m.length()];
            m.payload().get(bytes);
            replies.add(ctx.now() + " type=" + m.type() + " " + Arrays.toString(bytes));
            if (killAfter50 != null && replies.size() == 50)
            {
                killAfter50.destroyForcibly();
            }
        }
    }

    /** The Java version of echo.c. */
    private static final class JavaEcho implements Component
    {
        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            final byte[] bytes = new byte[m.length()];
            m.payload().get(bytes);
            final byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++)
            {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            ctx.send(m.destination(), m.source(), m.type() + 1, reversed);
        }
    }

    private static List<String> runWithJavaEcho(final int requests)
    {
        final Simulation.Builder b = Simulation.builder();
        final Client client = new Client(requests);
        final VTask c = b.component("client", client);
        final VTask e = b.component("echo", new JavaEcho());
        client.net = b.endpoint(c, "net");
        b.link(client.net, b.endpoint(e, "net"), LATENCY);
        b.scope("lan", LATENCY, c, e);
        b.horizon(10_000_000).workers(2).build().run();
        return client.replies;
    }

    /** The client linked to an external component run by {@code process}, in one scope. */
    private static Simulation.Builder withExternal(final Client client, final String name, final ExternalComponent proxy,
        final Process process)
    {
        final Simulation.Builder b = Simulation.builder();
        final VTask c = b.component("client", client);
        final VTask e = b.selfRunning(name, proxy.watch(process.toHandle()));
        client.net = b.endpoint(c, "net");
        final Endpoint externalNet = b.endpoint(e, "net");
        b.link(client.net, externalNet, LATENCY);
        proxy.endpoints(client.net, externalNet);
        b.scope("lan", LATENCY, c, e);
        return b;
    }

    private static Process startEcho(final Path file) throws Exception
    {
        assertThat(Files.isExecutable(ECHO)).as("%s is built by make from Maven (native module)", ECHO).isTrue();
        return new ProcessBuilder(ECHO.toString(), file.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void theCEchoInItsOwnProcessGivesTheSameResultsAsTheJavaEcho(@TempDir final Path dir) throws Exception
    {
        final int requests = 2_000; // several wraps of both rings
        final List<String> expected = runWithJavaEcho(requests);
        assertThat(expected).hasSize(requests);

        final ExternalComponent proxy = ExternalComponent.create(dir.resolve("echo.lsx"), 1 << 16, Duration.ofSeconds(5));
        final Process process = startEcho(proxy.file());
        try
        {
            final Client client = new Client(requests);
            final Simulation.Builder b = withExternal(client, "echo", proxy, process);
            final RunReport report = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> b.horizon(10_000_000).workers(2).build().run());
            assertThat(client.replies).containsExactlyElementsOf(expected);
            assertThat(report.lateDeliveries()).isZero();
            assertThat(report.vtask("echo").sent()).isEqualTo(requests);
            assertThat(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("echo exits at the end").isTrue();
            assertThat(process.exitValue()).isZero();
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    @Test
    void killingTheComponentMidRunEndsTheRunWithAnErrorNamingIt(@TempDir final Path dir) throws Exception
    {
        final ExternalComponent proxy = ExternalComponent.create(dir.resolve("echo.lsx"), 1 << 16, Duration.ofSeconds(5));
        final Process process = startEcho(proxy.file());
        try
        {
            final Client client = new Client(1_000_000);
            client.killAfter50 = process;
            final Simulation.Builder b = withExternal(client, "disk-model", proxy, process);
            final Simulation sim = b.horizon(Long.MAX_VALUE / 4).workers(2).build();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(sim::run)
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("disk-model")
                .rootCause().hasMessageContaining("external component 'disk-model'").hasMessageContaining("died"));
            assertThat(client.replies).hasSizeGreaterThanOrEqualTo(50);
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    @Test
    void aFileThatIsNotAComponentFileIsRejectedByTheClient(@TempDir final Path dir) throws Exception
    {
        final Path bogus = Files.write(dir.resolve("bogus"), new byte[4096]);
        final Process p = new ProcessBuilder(ECHO.toString(), bogus.toString()).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).contains("is not a LiveStack component file");
    }
}
