package org.livestack.runtime.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.SelfRunningTask;
import org.livestack.api.VTaskControl;
import org.livestack.runtime.RunPageDescriptor;
import org.livestack.runtime.ipc.MessageRing;

import static org.livestack.runtime.external.ExternalComponentDescriptor.*;

/**
 * The in-process proxy of a component that runs in another process (any language) and talks to the
 * run through a memory-mapped file ({@link ExternalComponentDescriptor}). Add it as a self-running
 * vtask: it forwards the vtask's messages into the file's inbound ring when they become visible,
 * publishes the grant, waits until the component has handled them, then takes the component's
 * reported vtime and its outbound messages back into the run. A component that reports vtime
 * backwards or past its grant, sends from an endpoint that is not its own, writes malformed
 * records, dies or stops responding ends the run with an error naming it.
 */
public final class ExternalComponent implements SelfRunningTask
{
    private final Path file;
    private final UnsafeBuffer header;
    private final UnsafeBuffer page;
    private final MessageRing inbound;
    private final MessageRing outbound;
    private final long responseTimeoutNanos;
    private final Map<Integer, Endpoint> endpoints = new HashMap<>();
    private ProcessHandle process;
    private long written;
    private long lastReported;
    private String failure;

    private ExternalComponent(final Path file, final MappedByteBuffer mapped, final int capacity, final Duration timeout)
    {
        this.file = file;
        this.header = new UnsafeBuffer(mapped);
        this.page = new UnsafeBuffer(mapped, RUN_PAGE_OFFSET, RunPageDescriptor.PAGE_LENGTH);
        this.inbound = new MessageRing(new UnsafeBuffer(mapped, INBOUND_RING_OFFSET, capacity + RING_TRAILER_LENGTH), 0);
        this.outbound = new MessageRing(new UnsafeBuffer(mapped, outboundRingOffset(capacity),
            capacity + RING_TRAILER_LENGTH), 0);
        this.responseTimeoutNanos = timeout.toNanos();
    }

    /**
     * Creates (or truncates) the file and lays it out.
     *
     * @param file            the file the component maps.
     * @param ringCapacity    capacity of each ring, a power of two {@code >= 4096}.
     * @param responseTimeout how long the component may go without a heartbeat while the run waits for it.
     * @return the proxy.
     */
    public static ExternalComponent create(final Path file, final int ringCapacity, final Duration responseTimeout)
    {
        if (ringCapacity < 4096 || Integer.bitCount(ringCapacity) != 1)
        {
            throw new IllegalArgumentException("ring capacity " + ringCapacity + " must be a power of two >= 4096");
        }
        final int length = fileLength(ringCapacity, ringCapacity);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
        {
            final MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, length);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            final ExternalComponent c = new ExternalComponent(file, mapped, ringCapacity, responseTimeout);
            c.header.putInt(INBOUND_CAPACITY_OFFSET, ringCapacity);
            c.header.putInt(OUTBOUND_CAPACITY_OFFSET, ringCapacity);
            c.header.putInt(VERSION_OFFSET, VERSION);
            c.page.putLongVolatile(RunPageDescriptor.HEARTBEAT_OFFSET, System.nanoTime());
            c.header.putIntVolatile(MAGIC_OFFSET, MAGIC);
            return c;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot create external component file " + file, e);
        }
    }

    /** @return the file to hand to the component process. */
    public Path file()
    {
        return file;
    }

    /**
     * @param endpoints the endpoints the component sends from (its vtask's) and to; ids in its
     *                  records are resolved against these.
     * @return this.
     */
    public ExternalComponent endpoints(final Endpoint... endpoints)
    {
        for (final Endpoint e : endpoints)
        {
            this.endpoints.put(e.id(), e);
        }
        return this;
    }

    /**
     * @param process the component's process; its death ends the run at once instead of after the
     *                response timeout.
     * @return this.
     */
    public ExternalComponent watch(final ProcessHandle process)
    {
        this.process = process;
        return this;
    }

    @Override
    public void run(final VTaskControl control)
    {
        try
        {
            loop(control);
        }
        finally
        {
            header.putLongVolatile(STOP_OFFSET, 1);
        }
    }

    private void loop(final VTaskControl control)
    {
        awaitComponentStarted(control);
        while (true)
        {
            final long grant = control.awaitGrant();
            page.putLongVolatile(RunPageDescriptor.GRANT_OFFSET, grant);
            Message m;
            while ((m = control.poll()) != null)
            {
                forward(control, m);
            }
            awaitSettled(control);
            final long reported = page.getLongVolatile(RunPageDescriptor.VTIME_OFFSET);
            if (reported < lastReported)
            {
                throw fail(control, "reported vtime " + reported + " ns, backwards from " + lastReported + " ns");
            }
            if (reported > grant)
            {
                throw fail(control, "reported vtime " + reported + " ns, past its grant " + grant + " ns");
            }
            takeOutbound(control, reported);
            lastReported = reported;
            if (reported > control.vtime())
            {
                control.advanceTo(reported);
            }
            final long state = page.getLongVolatile(RunPageDescriptor.STATE_OFFSET);
            if (state == STATE_DONE)
            {
                return;
            }
            if (state == STATE_BLOCKED)
            {
                final long next = control.nextMessageTime();
                if (next == Long.MAX_VALUE)
                {
                    control.block();
                }
                else if (next > control.vtime())
                {
                    control.advanceTo(Math.min(grant, next));
                }
            }
        }
    }

    private void forward(final VTaskControl control, final Message m)
    {
        final byte[] bytes = new byte[m.length()];
        m.payload().get(bytes);
        final UnsafeBuffer payload = new UnsafeBuffer(bytes);
        while (!inbound.offer(m.visibleTime(), m.sendTime(), m.sequence(), m.source().vtask().id(), m.source().id(),
            m.destination().id(), m.type(), payload, 0, bytes.length))
        {
            checkAlive(control);
            Thread.onSpinWait();
        }
        written++;
        header.putLongVolatile(INBOUND_WRITTEN_OFFSET, written);
    }

    private void awaitComponentStarted(final VTaskControl control)
    {
        while (page.getLongVolatile(RunPageDescriptor.STATE_OFFSET) == 0)
        {
            checkAlive(control);
            Thread.onSpinWait();
        }
    }

    private void awaitSettled(final VTaskControl control)
    {
        long spins = 0;
        while (header.getLongVolatile(INBOUND_CONSUMED_OFFSET) < written ||
            page.getLongVolatile(RunPageDescriptor.STATE_OFFSET) == STATE_RUNNING)
        {
            checkAlive(control);
            if (++spins > 1_000)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }

    private void takeOutbound(final VTaskControl control, final long reported)
    {
        while (outbound.drain(r ->
        {
            final long send = r.sendTime();
            if (send < lastReported || send > reported)
            {
                throw fail(control, "sent a message stamped " + send + " ns, outside [" + lastReported + ", " + reported +
                    "] ns (its previous and current reported vtime)");
            }
            final Endpoint from = endpoints.get(r.sourceEndpoint());
            final Endpoint to = endpoints.get(r.destinationEndpoint());
            if (from == null || from.vtask() != control.vtask())
            {
                throw fail(control, "sent from endpoint id " + r.sourceEndpoint() + ", which is not one of its own");
            }
            if (to == null)
            {
                throw fail(control, "sent to unknown endpoint id " + r.destinationEndpoint());
            }
            // a component that took a late message lags its proxy: its sends leave at the proxy's vtime
            if (send > control.vtime())
            {
                control.advanceTo(send);
            }
            final byte[] payload = new byte[r.payloadLength()];
            r.buffer().getBytes(r.offset() + org.livestack.runtime.ipc.MessageDescriptor.PAYLOAD_OFFSET, payload);
            control.send(from, to, r.type(), payload);
        }, problem ->
        {
            throw fail(control, "wrote a malformed record: " + problem);
        }, Integer.MAX_VALUE) > 0)
        {
            control.heartbeat();
        }
    }

    private void checkAlive(final VTaskControl control)
    {
        control.heartbeat();
        if (process != null && !process.isAlive())
        {
            throw fail(control, "died (process " + process.pid() + " exited)");
        }
        final long silent = System.nanoTime() - page.getLongVolatile(RunPageDescriptor.HEARTBEAT_OFFSET);
        if (silent > responseTimeoutNanos)
        {
            throw fail(control, "stopped responding: no heartbeat for " + silent / 1_000_000 + " ms");
        }
    }

    private IllegalStateException fail(final VTaskControl control, final String what)
    {
        failure = "external component '" + control.vtask().name() + "' (" + file + ") " + what;
        return new IllegalStateException(failure);
    }

    /** @return the last failure this proxy detected, or {@code null}. */
    public String failure()
    {
        return failure;
    }
}
