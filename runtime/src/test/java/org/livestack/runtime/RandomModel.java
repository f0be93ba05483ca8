package org.livestack.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;

/**
 * A randomized but deterministic test component: on every event it may send over a link or a hub,
 * schedule and cancel self-events, spend busy time, block or stop. Its choices depend only on its
 * own seeded generator and on what it handles, so two runs that deliver the same events at the same
 * times produce the same trace. It records every event it handles.
 */
final class RandomModel implements Component
{
    final List<Endpoint> links = new ArrayList<>();
    final List<Endpoint> hubPeers = new ArrayList<>();
    Endpoint hubPort;
    final List<String> trace = new ArrayList<>();
    private final SplittableRandom random;
    private int budget;
    private long lastTimer = -1;
    private final boolean mayBlock;

    RandomModel(final long seed, final int budget, final boolean mayBlock)
    {
        this.random = new SplittableRandom(seed);
        this.budget = budget;
        this.mayBlock = mayBlock;
    }

    @Override
    public void onStart(final ComponentContext ctx)
    {
        trace.add("start@" + ctx.now());
        final int timers = 1 + random.nextInt(3);
        for (int i = 0; i < timers; i++)
        {
            lastTimer = ctx.schedule(random.nextLong(0, 100), i);
        }
        act(ctx);
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        trace.add("event@" + ctx.now() + " id=" + eventId + " p=" + payload);
        act(ctx);
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message m)
    {
        if (ctx.now() < m.visibleTime())
        {
            throw new AssertionError(ctx.vtask().name() + " handled " + m + " before its visible time, at " + ctx.now());
        }
        final byte[] bytes = new byte[m.length()];
        m.payload().get(bytes);
        trace.add("msg@" + ctx.now() + " from=" + m.source() + " to=" + m.destination() + " seq=" + m.sequence() +
            " type=" + m.type() + " sent=" + m.sendTime() + " visible=" + m.visibleTime() + " p=" + Arrays.hashCode(bytes));
        act(ctx);
    }

    private void act(final ComponentContext ctx)
    {
        if (budget-- <= 0)
        {
            return;
        }
        if (random.nextInt(100) < 15)
        {
            ctx.advance(random.nextLong(0, 30));
        }
        final int r = random.nextInt(100);
        if (r < 45 && !links.isEmpty())
        {
            final byte[] payload = new byte[1 + random.nextInt(16)];
            random.nextBytes(payload);
            ctx.send(links.get(random.nextInt(links.size())), random.nextInt(4), payload);
        }
        else if (r < 60 && hubPort != null && !hubPeers.isEmpty())
        {
            ctx.send(hubPort, hubPeers.get(random.nextInt(hubPeers.size())), 9, new byte[] {(byte)random.nextInt()});
        }
        if (random.nextInt(100) < 50)
        {
            lastTimer = ctx.schedule(random.nextLong(0, 80), random.nextInt(1000));
        }
        if (random.nextInt(100) < 10 && lastTimer >= 0)
        {
            trace.add("cancel " + lastTimer + "=" + ctx.cancel(lastTimer));
        }
        if (mayBlock && random.nextInt(100) < 4)
        {
            trace.add("block@" + ctx.now());
            ctx.block();
        }
        if (random.nextInt(1000) < 2)
        {
            trace.add("stop@" + ctx.now());
            ctx.stop();
        }
    }
}
