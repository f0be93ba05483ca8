package org.livestack.models;

import java.util.ArrayDeque;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Message;

/**
 * A single-server FIFO queue with exponentially distributed service times (the M/M/1 server when
 * fed by a {@link PoissonSource}). Each request is answered with a {@link PoissonSource#REPLY} that
 * echoes its payload, sent back to the request's source. Frames addressed to other endpoints (a
 * switch floods them before it has learned where their destination is) are ignored.
 */
public final class FifoServer implements Component
{
    private final long meanServiceNanos;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private Message inService;
    private long served;
    private long maxQueue;
    private long busyNanos;
    private long serviceStart;

    /** @param meanServiceNanos mean service time, {@code > 0}. */
    public FifoServer(final long meanServiceNanos)
    {
        if (meanServiceNanos <= 0)
        {
            throw new IllegalArgumentException("mean service time " + meanServiceNanos + " ns must be > 0");
        }
        this.meanServiceNanos = meanServiceNanos;
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        if (!Jobs.isRequestFor(message, ctx.vtask()))
        {
            return; // not a request, or a copy a switch flooded to this port: a NIC filters it out
        }
        if (inService == null)
        {
            start(ctx, message.copy());
        }
        else
        {
            queue.add(message.copy()); // a handler's message is valid only during the handler
            maxQueue = Math.max(maxQueue, queue.size());
        }
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        final Message done = inService;
        ctx.send(done.destination(), done.source(), Jobs.REPLY, Jobs.payload(done));
        served++;
        busyNanos += ctx.now() - serviceStart;
        inService = null;
        final Message next = queue.poll();
        if (next != null)
        {
            start(ctx, next);
        }
    }

    private void start(final ComponentContext ctx, final Message request)
    {
        inService = request;
        serviceStart = ctx.now();
        ctx.schedule(Math.max(1, Math.round(ctx.random().nextExponential() * meanServiceNanos)), null);
    }

    /** @return requests served. */
    public long served()
    {
        return served;
    }

    /** @return the longest queue seen (not counting the request in service). */
    public long maxQueue()
    {
        return maxQueue;
    }

    /** @return virtual nanoseconds spent serving. */
    public long busyNanos()
    {
        return busyNanos;
    }

    @Override
    public java.util.Map<String, String> details()
    {
        return Details.of("served", served(), "max queue", maxQueue(), "busy ns", busyNanos());
    }
}
