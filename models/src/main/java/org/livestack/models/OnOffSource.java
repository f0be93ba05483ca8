package org.livestack.models;

import java.util.Objects;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.stats.Tally;

/**
 * Bursty open-loop traffic: alternating ON and OFF periods (durations from their distributions);
 * during ON, requests leave with gaps drawn from {@code gap}; during OFF, none. The long-run rate is
 * {@code on / (on + off) / gap} per ns.
 */
public final class OnOffSource implements Component
{
    private static final Object TOGGLE = new Object();
    private final Distribution on;
    private final Distribution off;
    private final Distribution gap;
    private final Distribution size;
    private final Tally response = new Tally("response time (ns)");
    private Endpoint port;
    private Endpoint server;
    private boolean active;
    private long sendTimer = -1;
    private long sent;
    private long onNanos;
    private long periodStart;

    /**
     * @param on   ON period durations in ns.
     * @param off  OFF period durations in ns.
     * @param gap  gaps between requests during ON, ns (mean {@code > 0}).
     * @param size request sizes in bytes.
     */
    public OnOffSource(final Distribution on, final Distribution off, final Distribution gap, final Distribution size)
    {
        this.on = Objects.requireNonNull(on, "on");
        this.off = Objects.requireNonNull(off, "off");
        this.gap = Objects.requireNonNull(gap, "gap");
        this.size = Objects.requireNonNull(size, "size");
        if (!(gap.mean() > 0))
        {
            throw new IllegalArgumentException("on/off source: mean gap " + gap.mean() + " must be > 0");
        }
    }

    /** Sets the endpoint requests leave from and the server they go to; call before the run. */
    public OnOffSource connect(final Endpoint port, final Endpoint server)
    {
        this.port = Objects.requireNonNull(port, "port");
        this.server = Objects.requireNonNull(server, "server");
        return this;
    }

    @Override
    public void onStart(final ComponentContext ctx)
    {
        if (port == null)
        {
            throw new IllegalStateException("on/off source '" + ctx.vtask().name() + "' was not connected");
        }
        ctx.schedule(off.sampleLong(ctx.random(), 0), TOGGLE);
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        if (payload == TOGGLE)
        {
            if (active)
            {
                onNanos += ctx.now() - periodStart;
                ctx.cancel(sendTimer);
            }
            else
            {
                periodStart = ctx.now();
                sendTimer = ctx.schedule(gap.sampleLong(ctx.random(), 1), null);
            }
            active = !active;
            ctx.schedule((active ? on : off).sampleLong(ctx.random(), 1), TOGGLE);
            return;
        }
        ctx.send(port, server, Jobs.REQUEST, Jobs.request(ctx.now(), size.sampleLong(ctx.random(), 0), 0));
        sent++;
        sendTimer = ctx.schedule(gap.sampleLong(ctx.random(), 1), null);
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        if (message.type() == Jobs.REPLY && message.destination() == port)
        {
            response.add(ctx.now() - Jobs.issuedAt(message));
        }
    }

    /** @return requests sent. */
    public long sent()
    {
        return sent;
    }

    /** @return virtual ns spent in completed ON periods. */
    public long onNanos()
    {
        return onNanos;
    }

    /** @return response times of the replies received. */
    public Tally response()
    {
        return response;
    }
}
