package org.livestack.examples;

import java.util.List;
import java.util.Map;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.cli.Connectable;
import org.livestack.models.Jobs;

/**
 * A component of one's own, usable from an experiment file ({@code model: class}, see
 * {@code experiments/bursts.yaml}): every {@code period-ns} it sends {@code burst} requests
 * ({@link Jobs} convention) to its targets in turn and measures each reply's response time.
 */
public final class BurstSource implements Component, Connectable
{
    private final long period;
    private final int burst;
    private Endpoint self;
    private List<Endpoint> targets = List.of();
    private int next;
    private long sent;
    private long replies;
    private long totalResponse;

    /**
     * @param params {@code period-ns} (> 0) and {@code burst} (>= 1), as written in the file.
     * @throws IllegalArgumentException naming a missing or bad parameter.
     */
    public BurstSource(final Map<String, String> params)
    {
        this.period = positive(params, "period-ns");
        this.burst = (int)positive(params, "burst");
    }

    private static long positive(final Map<String, String> params, final String name)
    {
        final String v = params.get(name);
        if (v == null)
        {
            throw new IllegalArgumentException("missing parameter '" + name + "'");
        }
        try
        {
            final long x = Long.parseLong(v);
            if (x <= 0)
            {
                throw new IllegalArgumentException("parameter '" + name + "' must be > 0, found " + v);
            }
            return x;
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("parameter '" + name + "' must be an integer, found '" + v + "'");
        }
    }

    @Override
    public void connect(final Endpoint self, final List<Endpoint> targets)
    {
        if (targets.isEmpty())
        {
            throw new IllegalArgumentException("a burst source needs targets");
        }
        this.self = self;
        this.targets = List.copyOf(targets);
    }

    @Override
    public void onStart(final ComponentContext ctx)
    {
        ctx.schedule(period, null);
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long id, final Object payload)
    {
        for (int i = 0; i < burst; i++)
        {
            ctx.send(self, targets.get(next), Jobs.REQUEST, Jobs.request(ctx.now()));
            next = (next + 1) % targets.size();
            sent++;
        }
        ctx.schedule(period, null);
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message m)
    {
        if (m.destination() == self && m.type() == Jobs.REPLY)
        {
            replies++;
            totalResponse += ctx.now() - Jobs.issuedAt(m);
        }
    }

    @Override
    public Map<String, String> details()
    {
        return Map.of("sent", Long.toString(sent), "replies", Long.toString(replies), "mean response ns",
            replies == 0 ? "-" : Long.toString(totalResponse / replies));
    }
}
