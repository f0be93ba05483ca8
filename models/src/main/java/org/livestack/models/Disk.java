package org.livestack.models;

import java.util.ArrayDeque;
import java.util.Objects;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Message;
import org.livestack.api.stats.Tally;
import org.livestack.api.stats.TimeWeighted;

/**
 * A disk or SSD: at most {@code queueDepth} commands in the device at once (the rest wait in the
 * host queue, FIFO); each takes an access latency drawn from a distribution (seek and rotation, or
 * flash read), then transfers its {@link Jobs#size} over the device's one channel at
 * {@code bytesPerSecond} (transfers queue for the channel). The reply (echoing the request) leaves
 * when the transfer ends.
 */
public final class Disk implements Component
{
    private final Distribution access;
    private final int queueDepth;
    private final double nanosPerByte;
    private final ArrayDeque<Command> waiting = new ArrayDeque<>();
    private final Tally response = new Tally("disk response time (ns)");
    private final TimeWeighted queued = new TimeWeighted("commands waiting for a device slot", 0, 0);
    private int inDevice;
    private long channelFree;
    private long bytes;

    /** A command in the disk: its request, and whether its access is done (it is on the channel). */
    private static final class Command
    {
        final Jobs.Pending request;
        boolean transferring;

        Command(final Jobs.Pending request)
        {
            this.request = request;
        }
    }

    /**
     * @param access         access latency in ns per command.
     * @param queueDepth     commands the device works on at once, {@code >= 1}.
     * @param bytesPerSecond channel bandwidth, {@code > 0}.
     */
    public Disk(final Distribution access, final int queueDepth, final double bytesPerSecond)
    {
        this.access = Objects.requireNonNull(access, "access latency");
        if (queueDepth < 1)
        {
            throw new IllegalArgumentException("disk queue depth " + queueDepth + " must be >= 1");
        }
        if (!(bytesPerSecond > 0) || !Double.isFinite(bytesPerSecond))
        {
            throw new IllegalArgumentException("disk bandwidth " + bytesPerSecond + " B/s must be finite and > 0");
        }
        this.queueDepth = queueDepth;
        this.nanosPerByte = 1e9 / bytesPerSecond;
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        if (!Jobs.isRequestFor(message, ctx.vtask()))
        {
            return;
        }
        final Command c = new Command(Jobs.Pending.of(message, ctx.now()));
        if (inDevice < queueDepth)
        {
            admit(ctx, c);
        }
        else
        {
            waiting.add(c);
            queued.update(ctx.now(), waiting.size());
        }
    }

    private void admit(final ComponentContext ctx, final Command c)
    {
        inDevice++;
        ctx.schedule(access.sampleLong(ctx.random(), 0), c);
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        final Command c = (Command)payload;
        if (!c.transferring)
        {
            c.transferring = true;
            final long start = Math.max(ctx.now(), channelFree);
            channelFree = start + Math.round(c.request.size() * nanosPerByte);
            ctx.schedule(channelFree - ctx.now(), c);
            return;
        }
        response.add(c.request.reply(ctx));
        bytes += c.request.size();
        inDevice--;
        final Command next = waiting.poll();
        if (next != null)
        {
            queued.update(ctx.now(), waiting.size());
            admit(ctx, next);
        }
    }

    /** @return response times (arrival to reply). */
    public Tally response()
    {
        return response;
    }

    /** @return commands waiting for a device slot over time. */
    public TimeWeighted queued()
    {
        return queued;
    }

    /** @return bytes transferred. */
    public long bytes()
    {
        return bytes;
    }

    @Override
    public java.util.Map<String, String> details()
    {
        return Details.of("served", response().count(), "mean response ns", response().mean(), "bytes", bytes());
    }
}
