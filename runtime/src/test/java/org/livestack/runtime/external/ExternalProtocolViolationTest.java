package org.livestack.runtime.external;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BiConsumer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Simulation;
import org.livestack.api.SimulationException;
import org.livestack.api.VTask;
import org.livestack.runtime.RunPageDescriptor;
import org.livestack.runtime.ipc.MessageDescriptor;
import org.livestack.runtime.ipc.MessageRing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.livestack.runtime.external.ExternalComponentDescriptor.*;

/**
 * A misbehaving component (played here by a Java thread writing the mapped file directly) is
 * rejected with an error naming it: vtime backwards or past its grant, a send from a foreign
 * endpoint, a malformed record, silence.
 */
class ExternalProtocolViolationTest
{
    /** The component side, on its own thread: starts, then on its first inbound message misbehaves. */
    private static Thread fakeComponent(final Path file, final int capacity,
        final BiConsumer<UnsafeBuffer, MessageRing> misbehave)
    {
        final Thread t = new Thread(() ->
        {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                final MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
                mapped.order(ByteOrder.LITTLE_ENDIAN);
                final UnsafeBuffer file1 = new UnsafeBuffer(mapped);
                final MessageRing out = new MessageRing(new UnsafeBuffer(mapped, outboundRingOffset(capacity),
                    capacity + RING_TRAILER_LENGTH), 0);
                final int page = RUN_PAGE_OFFSET;
                file1.putLongVolatile(page + RunPageDescriptor.STATE_OFFSET, STATE_BLOCKED);
                while (file1.getLongVolatile(INBOUND_WRITTEN_OFFSET) == 0 && file1.getLongVolatile(STOP_OFFSET) == 0)
                {
                    file1.putLongVolatile(page + RunPageDescriptor.HEARTBEAT_OFFSET, System.nanoTime());
                    Thread.onSpinWait();
                }
                file1.putLongVolatile(page + RunPageDescriptor.STATE_OFFSET, STATE_RUNNING);
                misbehave.accept(file1, out);
                file1.putLongVolatile(INBOUND_CONSUMED_OFFSET, 1);
                file1.putLongVolatile(page + RunPageDescriptor.STATE_OFFSET, STATE_BLOCKED);
                while (file1.getLongVolatile(STOP_OFFSET) == 0)
                {
                    file1.putLongVolatile(page + RunPageDescriptor.HEARTBEAT_OFFSET, System.nanoTime());
                    Thread.onSpinWait();
                }
            }
            catch (final IOException e)
            {
                throw new IllegalStateException(e);
            }
        }, "fake-component");
        t.setDaemon(true);
        return t;
    }

    private static void expectFailure(final Path dir, final BiConsumer<UnsafeBuffer, MessageRing> misbehave,
        final String expected)
    {
        final int capacity = 1 << 12;
        final ExternalComponent proxy = ExternalComponent.create(dir.resolve("c.lsx"), capacity, Duration.ofMillis(500));
        final Simulation.Builder b = Simulation.builder();
        final Endpoint[] net = new Endpoint[1];
        final VTask client = b.component("client", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.send(net[0], 1, new byte[] {1, 2, 3});
            }
        });
        final VTask ext = b.selfRunning("bad-model", proxy);
        net[0] = b.endpoint(client, "net");
        final Endpoint extNet = b.endpoint(ext, "net");
        b.link(net[0], extNet, 100);
        proxy.endpoints(net[0], extNet);
        b.scope("lan", 100, client, ext);
        fakeComponent(proxy.file(), capacity, misbehave).start();
        final Simulation sim = b.horizon(1_000_000).workers(1).build();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(sim::run)
            .isInstanceOf(SimulationException.class)
            .hasMessageContaining("bad-model")
            .rootCause().hasMessageContaining("external component 'bad-model'").hasMessageContaining(expected));
    }

    private static void reportVtime(final UnsafeBuffer file, final long vtime)
    {
        file.putLongVolatile(RUN_PAGE_OFFSET + RunPageDescriptor.VTIME_OFFSET, vtime);
    }

    @Test
    void vtimePastTheGrantIsRejected(@TempDir final Path dir)
    {
        expectFailure(dir, (file, out) -> reportVtime(file, Long.MAX_VALUE / 2), "past its grant");
    }

    @Test
    void vtimeBackwardsIsRejected(@TempDir final Path dir)
    {
        expectFailure(dir, (file, out) -> reportVtime(file, -5), "backwards");
    }

    @Test
    void aSendFromAForeignEndpointIsRejected(@TempDir final Path dir)
    {
        expectFailure(dir, (file, out) ->
        {
            reportVtime(file, 100);
            // endpoint 0 is the client's, not the component's
            out.offer(100, 100, 0, 1, 0, 0, 1, new UnsafeBuffer(new byte[1]), 0, 1);
        }, "not one of its own");
    }

    @Test
    void aMalformedRecordIsRejected(@TempDir final Path dir)
    {
        expectFailure(dir, (file, out) ->
        {
            reportVtime(file, 100);
            final UnsafeBuffer raw = new UnsafeBuffer(new byte[64]);
            out.ring().write(MessageDescriptor.MSG_TYPE_ID, raw, 0, 20);
        }, "malformed record: truncated record");
    }

    @Test
    void aSilentComponentIsDetected(@TempDir final Path dir)
    {
        expectFailure(dir, (file, out) ->
        {
            try
            {
                Thread.sleep(5_000); // no heartbeat, still RUNNING
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }, "stopped responding");
    }
}
