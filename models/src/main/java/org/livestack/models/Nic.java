package org.livestack.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.stats.Tally;

/**
 * A network interface between a host and the wire, with two endpoints: {@code host} (linked to the
 * host model) and {@code wire} (linked to the network). Frames cross by DMA: each costs a fixed DMA
 * latency plus its bytes at the DMA rate, one transfer at a time per direction. Received frames are
 * then held for interrupt coalescing: one interrupt delivers every held frame to the host when
 * {@code coalesceFrames} are held or {@code coalesceNanos} after the first of them, whichever is
 * first ({@code coalesceFrames = 1}: an interrupt per frame). Frame type and payload pass through.
 */
public final class Nic implements Component
{
    private final long dmaLatencyNanos;
    private final double nanosPerByte;
    private final int coalesceFrames;
    private final long coalesceNanos;
    private final Tally rxDelay = new Tally("receive delay in the NIC (ns)");
    private final List<Frame> held = new ArrayList<>();
    private Endpoint host;
    private Endpoint wire;
    private long txFree;
    private long rxFree;
    private long coalesceTimer = -1;
    private long interrupts;
    private long framesSent;
    private long framesReceived;

    private record Frame(int type, byte[] payload, long arrival, boolean rx)
    {
    }

    private static final Object INTERRUPT = new Object();

    /**
     * @param dmaLatencyNanos fixed DMA cost per frame, {@code >= 0}.
     * @param dmaBytesPerSecond DMA rate, {@code > 0}.
     * @param coalesceFrames  frames per interrupt at most, {@code >= 1}.
     * @param coalesceNanos   longest a received frame waits for its interrupt, {@code >= 0}.
     */
    public Nic(final long dmaLatencyNanos, final double dmaBytesPerSecond, final int coalesceFrames, final long coalesceNanos)
    {
        if (dmaLatencyNanos < 0 || coalesceNanos < 0)
        {
            throw new IllegalArgumentException("NIC DMA latency " + dmaLatencyNanos + " ns and coalescing delay " +
                coalesceNanos + " ns must be >= 0");
        }
        if (!(dmaBytesPerSecond > 0) || !Double.isFinite(dmaBytesPerSecond))
        {
            throw new IllegalArgumentException("NIC DMA rate " + dmaBytesPerSecond + " B/s must be finite and > 0");
        }
        if (coalesceFrames < 1)
        {
            throw new IllegalArgumentException("NIC coalescing of " + coalesceFrames + " frames: must be >= 1");
        }
        this.dmaLatencyNanos = dmaLatencyNanos;
        this.nanosPerByte = 1e9 / dmaBytesPerSecond;
        this.coalesceFrames = coalesceFrames;
        this.coalesceNanos = coalesceNanos;
    }

    /** Names the NIC's two endpoints (both of this component); call before the run. */
    public Nic connect(final Endpoint host, final Endpoint wire)
    {
        this.host = Objects.requireNonNull(host, "host endpoint");
        this.wire = Objects.requireNonNull(wire, "wire endpoint");
        return this;
    }

    @Override
    public void onStart(final ComponentContext ctx)
    {
        if (host == null)
        {
            throw new IllegalStateException("NIC '" + ctx.vtask().name() + "' was not connected");
        }
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        final boolean rx = message.destination() == wire;
        if (!rx && message.destination() != host)
        {
            return;
        }
        final Frame f = new Frame(message.type(), Jobs.payload(message), ctx.now(), rx);
        final long dma = dmaLatencyNanos + Math.round(f.payload().length * nanosPerByte);
        if (rx)
        {
            rxFree = Math.max(ctx.now(), rxFree) + dma;
            ctx.schedule(rxFree - ctx.now(), f);
        }
        else
        {
            txFree = Math.max(ctx.now(), txFree) + dma;
            ctx.schedule(txFree - ctx.now(), f);
        }
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        if (payload == INTERRUPT)
        {
            coalesceTimer = -1;
            interrupt(ctx);
            return;
        }
        final Frame f = (Frame)payload;
        if (!f.rx())
        {
            ctx.send(wire, f.type(), f.payload());
            framesSent++;
            return;
        }
        held.add(f);
        if (held.size() >= coalesceFrames)
        {
            if (coalesceTimer >= 0)
            {
                ctx.cancel(coalesceTimer);
                coalesceTimer = -1;
            }
            interrupt(ctx);
        }
        else if (held.size() == 1)
        {
            coalesceTimer = ctx.schedule(coalesceNanos, INTERRUPT);
        }
    }

    private void interrupt(final ComponentContext ctx)
    {
        interrupts++;
        for (final Frame f : held)
        {
            ctx.send(host, f.type(), f.payload());
            rxDelay.add(ctx.now() - f.arrival());
            framesReceived++;
        }
        held.clear();
    }

    /** @return interrupts raised. */
    public long interrupts()
    {
        return interrupts;
    }

    /** @return frames sent onto the wire. */
    public long framesSent()
    {
        return framesSent;
    }

    /** @return frames delivered to the host. */
    public long framesReceived()
    {
        return framesReceived;
    }

    /** @return time from a frame's arrival from the wire to its delivery to the host. */
    public Tally rxDelay()
    {
        return rxDelay;
    }
}
