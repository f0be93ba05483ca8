package org.livestack.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that may sleep until a scope vtime it depends on moves. The sleeper announces itself,
 * re-checks its condition, then parks (with a timeout as a safety net); publishers that may have
 * raised a scope vtime call {@link Registry#signalAll()} after their volatile store, so no wake-up
 * is lost (both sides store then load with full ordering).
 */
final class Parker
{
    private static final int AWAKE = 0;
    private static final int PARKED = 1;

    private final Registry registry;
    private final AtomicInteger state = new AtomicInteger(AWAKE);
    volatile Thread thread;

    Parker(final Registry registry)
    {
        this.registry = registry;
        registry.add(this);
    }

    /** Announces the intent to park; the caller must re-check its condition before {@link #park}. */
    void prepare()
    {
        state.set(PARKED);
        registry.parked.incrementAndGet();
    }

    /** Withdraws the announcement if no one has consumed it. */
    void cancel()
    {
        if (state.get() == PARKED && state.compareAndSet(PARKED, AWAKE))
        {
            registry.parked.decrementAndGet();
        }
    }

    void park(final long nanos)
    {
        LockSupport.parkNanos(this, nanos);
        cancel();
    }

    /** Wakes this thread if it announced it would park. */
    void wake()
    {
        if (state.get() == PARKED && state.compareAndSet(PARKED, AWAKE))
        {
            registry.parked.decrementAndGet();
            final Thread t = thread;
            if (t != null)
            {
                LockSupport.unpark(t);
            }
        }
    }

    /** All parkers of one run. */
    static final class Registry
    {
        private final AtomicInteger parked = new AtomicInteger();
        private volatile Parker[] all = new Parker[0];

        synchronized void add(final Parker p)
        {
            final Parker[] next = java.util.Arrays.copyOf(all, all.length + 1);
            next[all.length] = p;
            all = next;
        }

        /** Wakes every parked thread; costs one volatile load when none is parked. */
        void signalAll()
        {
            if (parked.get() == 0)
            {
                return;
            }
            for (final Parker p : all)
            {
                p.wake();
            }
        }

        void wakeAll()
        {
            for (final Parker p : all)
            {
                p.wake();
                final Thread t = p.thread;
                if (t != null)
                {
                    LockSupport.unpark(t);
                }
            }
        }
    }
}
