package org.livestack.models;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Message;
import org.livestack.api.stats.Tally;

/**
 * A memory tier behind an interconnect (CXL-like): each access of {@link Jobs#size} bytes crosses a
 * link capped at {@code bytesPerSecond} (accesses queue for it in arrival order) and then pays a
 * fixed added latency, pipelined (any number of accesses may be in that latency at once). Response
 * = wait for the link + size / bandwidth + latency.
 */
public final class MemoryTier implements Component
{
    private final long latencyNanos;
    private final double nanosPerByte;
    private final Tally response = new Tally("memory access time (ns)");
    private long linkFree;
    private long bytes;

    /**
     * @param latencyNanos   added latency per access, {@code >= 0}.
     * @param bytesPerSecond bandwidth cap, {@code > 0}.
     */
    public MemoryTier(final long latencyNanos, final double bytesPerSecond)
    {
        if (latencyNanos < 0)
        {
            throw new IllegalArgumentException("memory tier latency " + latencyNanos + " ns must be >= 0");
        }
        if (!(bytesPerSecond > 0) || !Double.isFinite(bytesPerSecond))
        {
            throw new IllegalArgumentException("memory tier bandwidth " + bytesPerSecond + " B/s must be finite and > 0");
        }
        this.latencyNanos = latencyNanos;
        this.nanosPerByte = 1e9 / bytesPerSecond;
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        if (!Jobs.isRequestFor(message, ctx.vtask()))
        {
            return;
        }
        final Jobs.Pending a = Jobs.Pending.of(message, ctx.now());
        linkFree = Math.max(ctx.now(), linkFree) + Math.round(a.size() * nanosPerByte);
        ctx.schedule(linkFree + latencyNanos - ctx.now(), a);
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        final Jobs.Pending a = (Jobs.Pending)payload;
        response.add(a.reply(ctx));
        bytes += a.size();
    }

    /** @return access times (arrival to reply). */
    public Tally response()
    {
        return response;
    }

    /** @return bytes served. */
    public long bytes()
    {
        return bytes;
    }
}
