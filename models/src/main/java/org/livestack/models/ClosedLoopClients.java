package org.livestack.models;

import java.util.Objects;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.stats.Tally;

/**
 * A closed-loop population: {@code n} clients, each sends a request, waits for its reply, thinks
 * for a time drawn from {@code think}, and sends the next (the interactive-system model: throughput
 * {@code n / (R + Z)}). Requests carry a size and work drawn from the given distributions.
 */
public final class ClosedLoopClients implements Component
{
    private final int clients;
    private final Distribution think;
    private final Distribution size;
    private final Distribution work;
    private final Tally response = new Tally("response time (ns)");
    private Endpoint port;
    private Endpoint server;
    private long sent;

    /**
     * @param clients {@code n >= 1}.
     * @param think   think time in ns between a reply and the client's next request.
     * @param size    request size in bytes.
     * @param work    request work in ns at speed 1 (for a {@link Station} that reads it, e.g. a CPU).
     */
    public ClosedLoopClients(final int clients, final Distribution think, final Distribution size, final Distribution work)
    {
        if (clients < 1)
        {
            throw new IllegalArgumentException("a closed loop needs at least one client, got " + clients);
        }
        this.clients = clients;
        this.think = Objects.requireNonNull(think, "think time");
        this.size = Objects.requireNonNull(size, "size");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Sets the endpoint requests leave from and the server they go to; call before the run. */
    public ClosedLoopClients connect(final Endpoint port, final Endpoint server)
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
            throw new IllegalStateException("closed loop '" + ctx.vtask().name() + "' was not connected");
        }
        for (int i = 0; i < clients; i++)
        {
            ctx.schedule(think.sampleLong(ctx.random(), 0), null);
        }
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        ctx.send(port, server, Jobs.REQUEST, Jobs.request(ctx.now(), size.sampleLong(ctx.random(), 0),
            work.sampleLong(ctx.random(), 0)));
        sent++;
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        if (message.type() != Jobs.REPLY || message.destination() != port)
        {
            return;
        }
        response.add(ctx.now() - Jobs.issuedAt(message));
        ctx.schedule(think.sampleLong(ctx.random(), 0), null);
    }

    /** @return response times. */
    public Tally response()
    {
        return response;
    }

    /** @return requests sent. */
    public long sent()
    {
        return sent;
    }

    @Override
    public java.util.Map<String, String> details()
    {
        return Details.of("sent", sent(), "replies", response().count(), "mean response ns", response().mean());
    }
}
