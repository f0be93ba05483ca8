package org.livestack.runtime.trace;

import java.nio.file.Path;
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
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Record a run's link to Chronicle, replay it into a fresh run, get identical receiver-side results. */
class TraceReplayTest
{
    /** Random traffic: bursts of frames of random sizes and types. */
    private static final class Generator implements Component
    {
        Endpoint out;

        @Override
        public void onStart(final ComponentContext ctx)
        {
            ctx.schedule(0, null);
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            final int burst = 1 + ctx.random().nextInt(3);
            for (int i = 0; i < burst; i++)
            {
                final byte[] frame = new byte[ctx.random().nextInt(200)];
                ctx.random().nextBytes(frame);
                ctx.send(out, ctx.random().nextInt(5), frame);
            }
            ctx.schedule(1 + ctx.random().nextInt(2_000), null);
        }
    }

    /** Keeps a running state the results depend on, and records what it saw. */
    private static final class Receiver implements Component
    {
        final List<String> log = new ArrayList<>();
        long state = 17;

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            final byte[] bytes = new byte[m.length()];
            m.payload().get(bytes);
            state = state * 31 + Arrays.hashCode(bytes) + m.type();
            ctx.advance(m.length()); // busy time: results depend on exact arrival times
            log.add(ctx.now() + "/" + m.visibleTime() + "/" + m.type() + "/" + state);
        }
    }

    private static RunReport run(final Component source, final Receiver receiver, final Path trace, final boolean replay)
    {
        final Simulation.Builder b = Simulation.builder();
        final VTask s = b.component("source", source);
        final VTask r = b.component("receiver", receiver);
        final Endpoint out = b.endpoint(s, "out");
        final Endpoint in = b.endpoint(r, "in");
        b.link(out, in, 700);
        if (replay)
        {
            ((TraceReplay)source).sendFrom(out);
        }
        else
        {
            ((Generator)source).out = out;
            b.trace(in, trace);
        }
        b.scope("lan", 700, s, r);
        return b.horizon(2_000_000).workers(2).seed(11).build().run();
    }

    @Test
    void aReplayedTraceGivesTheReceiverIdenticalResults(@TempDir final Path dir)
    {
        final Path trace = dir.resolve("receiver-in");
        final Receiver original = new Receiver();
        final RunReport first = run(new Generator(), original, trace, false);
        final List<TraceRecord> records = TraceFiles.read(trace);
        assertThat(records).hasSize((int)first.vtask("receiver").received()).hasSizeGreaterThan(1_000);

        final Receiver replayed = new Receiver();
        final TraceReplay replay = new TraceReplay(trace);
        final RunReport second = run(replay, replayed, null, true);
        assertThat(replayed.log).isEqualTo(original.log);
        assertThat(replayed.state).isEqualTo(original.state);
        assertThat(second.vtask("receiver").received()).isEqualTo(first.vtask("receiver").received());
    }

    @Test
    void readingSomethingThatIsNotATraceFailsClearly(@TempDir final Path dir)
    {
        assertThatThrownBy(() -> new TraceReplay(dir.resolve("missing")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no trace at");
    }
}
