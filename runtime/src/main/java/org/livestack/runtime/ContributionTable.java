package org.livestack.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * What each worker contributes to each scope's vtime. Per worker, a block of words:
 *
 * <pre>
 *  +-----------------+  block base
 *  |   inboundMin    |  CAS-lowered by senders of cross-thread messages to this worker's actors
 *  +-----------------+  (own cache line)
 *  |   partialAll    |  min key over all the worker's actors       \  single writer: the worker,
 *  |   partial[0]    |  min key over its actors in scope 0         |  volatile stores
 *  |   ...           |                                             /
 *  +-----------------+  padded to the next cache line
 * </pre>
 *
 * A reader computes a scope's vtime as min over the hosting workers of (inboundMin, partial[s]),
 * reading inboundMin first, inside a retry loop on the scheduler's decrease counter.
 */
final class ContributionTable
{
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int LINE = 8;

    private final long[] words;
    private final int blockLength;

    ContributionTable(final int workers, final int scopes)
    {
        blockLength = LINE + roundUp(1 + scopes) + LINE;
        words = new long[LINE + workers * blockLength];
        Arrays.fill(words, VirtualTime.INFINITY);
    }

    private static int roundUp(final int n)
    {
        return (n + LINE - 1) / LINE * LINE;
    }

    private int base(final int worker)
    {
        return LINE + worker * blockLength;
    }

    long inboundMin(final int worker)
    {
        return (long)LONGS.getVolatile(words, base(worker));
    }

    /**
     * Lowers inboundMin to {@code time}. Always a CAS, even when the value does not change: the
     * write orders the caller's preceding mailbox push before the receiver's reset CAS, so a
     * receiver that resets the value it read is guaranteed to see the message on its next drain.
     */
    void lowerInboundMin(final int worker, final long time)
    {
        final int i = base(worker);
        long current;
        do
        {
            current = (long)LONGS.getVolatile(words, i);
        }
        while (!LONGS.compareAndSet(words, i, current, Math.min(current, time)));
    }

    boolean resetInboundMin(final int worker, final long expected)
    {
        return LONGS.compareAndSet(words, base(worker), expected, VirtualTime.INFINITY);
    }

    long partialAll(final int worker)
    {
        return (long)LONGS.getVolatile(words, base(worker) + LINE);
    }

    void partialAll(final int worker, final long value)
    {
        LONGS.setVolatile(words, base(worker) + LINE, value);
    }

    long partial(final int worker, final int scope)
    {
        return (long)LONGS.getVolatile(words, base(worker) + LINE + 1 + scope);
    }

    /** @return the previous value. */
    long partial(final int worker, final int scope, final long value)
    {
        final int i = base(worker) + LINE + 1 + scope;
        final long previous = (long)LONGS.get(words, i);
        if (previous != value)
        {
            LONGS.setVolatile(words, i, value);
        }
        return previous;
    }
}
