package org.livestack.models;

import java.util.List;
import java.util.Objects;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;

/**
 * An open-loop client: sends requests with exponentially distributed gaps (a Poisson process) to
 * servers chosen round-robin, and measures each reply's response time. Statistics may be read
 * after the run.
 */
public final class PoissonSource implements Component
{
    /** Message type of a request ({@link Jobs#REQUEST}); the payload holds the send time ({@link Jobs#request(long)}). */
    public static final int REQUEST = Jobs.REQUEST;
    /** Message type of a reply ({@link Jobs#REPLY}); it echoes the request payload. */
    public static final int REPLY = Jobs.REPLY;

    private final long meanGapNanos;
    private Endpoint port;
    private List<Endpoint> servers = List.of();
    private int next;
    private long sent;
    private long replies;
    private long totalResponseNanos;
    private long maxResponseNanos;

    /** @param meanGapNanos mean time between requests, {@code > 0}. */
    public PoissonSource(final long meanGapNanos)
    {
        if (meanGapNanos <= 0)
        {
            throw new IllegalArgumentException("mean gap " + meanGapNanos + " ns must be > 0");
        }
        this.meanGapNanos = meanGapNanos;
    }

    /**
     * Sets where requests go; call before the run.
     *
     * @param port    this source's endpoint.
     * @param servers the servers' endpoints reachable from {@code port}, at least one.
     */
    public void connect(final Endpoint port, final List<Endpoint> servers)
    {
        this.port = Objects.requireNonNull(port, "port");
        if (servers.isEmpty())
        {
            throw new IllegalArgumentException("a source needs at least one server");
        }
        this.servers = List.copyOf(servers);
    }

    @Override
    public void onStart(final ComponentContext ctx)
    {
        if (port == null)
        {
            throw new IllegalStateException("source '" + ctx.vtask().name() + "' was not connected");
        }
        ctx.schedule(gap(ctx), null);
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        final Endpoint server = servers.get(next);
        next = (next + 1) % servers.size();
        ctx.send(port, server, REQUEST, Jobs.request(ctx.now()));
        sent++;
        ctx.schedule(gap(ctx), null);
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        if (message.type() != REPLY || message.destination() != port)
        {
            return; // not a reply, or a copy a switch flooded to this port
        }
        final long response = ctx.now() - Jobs.issuedAt(message);
        replies++;
        totalResponseNanos += response;
        maxResponseNanos = Math.max(maxResponseNanos, response);
    }

    private long gap(final ComponentContext ctx)
    {
        return Math.max(1, Math.round(ctx.random().nextExponential() * meanGapNanos));
    }

    /** @return requests sent. */
    public long sent()
    {
        return sent;
    }

    /** @return replies received. */
    public long replies()
    {
        return replies;
    }

    /** @return mean response time in ns over the replies received, {@code NaN} if none. */
    public double meanResponseNanos()
    {
        return replies == 0 ? Double.NaN : (double)totalResponseNanos / replies;
    }

    /** @return largest response time in ns. */
    public long maxResponseNanos()
    {
        return maxResponseNanos;
    }

    @Override
    public java.util.Map<String, String> details()
    {
        return Details.of("sent", sent(), "replies", replies(), "mean response ns", meanResponseNanos(),
            "max response ns", maxResponseNanos());
    }
}
