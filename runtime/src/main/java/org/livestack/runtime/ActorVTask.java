package org.livestack.runtime;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.livestack.runtime.ipc.VisibilityOrderedQueue;
import org.livestack.api.Component;
import org.livestack.api.VTask;
import org.livestack.api.VTaskState;

/**
 * Scheduler state of one modeled component. Owned by its worker thread; only {@link #terminal}
 * is read by other threads (senders drop messages to a terminated vtask early).
 */
final class ActorVTask
{
    final VTask task;
    final Component component;
    final int[] scopeIds;
    final SplittableRandom random;
    final VisibilityOrderedQueue pending = new VisibilityOrderedQueue();
    final PriorityQueue<PendingEvent> timers = new PriorityQueue<>(PendingEvent.ORDER);

    /**
     * @return the pending (not cancelled) self-event with this id, or {@code null}. A scan of the
     *         pending self-events: cancelling is rare next to scheduling and handling, which then
     *         need no index.
     */
    TimerEvent findTimer(final long id)
    {
        for (final PendingEvent e : timers)
        {
            final TimerEvent t = (TimerEvent)e;
            if (t.sequence == id && !t.cancelled)
            {
                return t;
            }
        }
        return null;
    }

    Worker worker;
    ActorGroup group;
    int heapIndex = -1;
    long heapKey = VirtualTime.INFINITY;

    long vtime;
    private static final java.lang.invoke.VarHandle VTIME;

    static
    {
        try
        {
            VTIME = java.lang.invoke.MethodHandles.lookup().findVarHandle(ActorVTask.class, "vtime", long.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return the component's own details; a component that throws here is reported, not propagated. */
    java.util.Map<String, String> details()
    {
        try
        {
            return component.details();
        }
        catch (final RuntimeException e)
        {
            return java.util.Map.of("details failed", e.toString());
        }
    }

    /** @return the vtime as another thread may read it while the owner runs (for sampling only). */
    long vtimeOpaque()
    {
        return (long)VTIME.getOpaque(this);
    }

    long lastStart = Long.MIN_VALUE;
    boolean blocked;
    long nextSequence;
    long events;
    long sent;
    long received;

    /** 0 while alive, else the ordinal of DONE or FAULTED. Written by the owner (or the watchdog after seizing it). */
    volatile int terminal;

    ActorVTask(final VTask task, final Component component, final int[] scopeIds, final long seed)
    {
        this.task = task;
        this.component = component;
        this.scopeIds = scopeIds;
        this.random = new SplittableRandom(streamSeed(seed, task.id()));
    }

    /**
     * The seed of a component's random stream: SplitMix64's finaliser over the simulation seed and
     * the vtask id, so streams are independent of each other and of the worker count.
     */
    static long streamSeed(final long seed, final int id)
    {
        long z = seed + 0x9E3779B97F4A7C15L * (id + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the next self-event unless blocked, skipping cancelled ones; {@code null} if none. */
    TimerEvent timerHead()
    {
        if (blocked)
        {
            return null;
        }
        TimerEvent timer;
        while ((timer = (TimerEvent)timers.peek()) != null && timer.cancelled)
        {
            timers.poll();
        }
        return timer;
    }

    /** @return true if the next event to handle is a message (in (time, source, sequence) order). */
    boolean messageNext()
    {
        if (pending.size() == 0)
        {
            return false;
        }
        final TimerEvent t = timerHead();
        if (t == null)
        {
            return true;
        }
        final long mt = pending.peekTime();
        if (mt != t.time)
        {
            return mt < t.time;
        }
        final int ms = pending.peekSource();
        if (ms != t.sourceId)
        {
            return ms < t.sourceId;
        }
        return pending.peekSequence() <= t.sequence;
    }

    /** @return the time of the next event to handle, or infinity if it waits for a message. */
    long nextEventTime()
    {
        final TimerEvent t = timerHead();
        final long mt = pending.peekTime();
        return t == null ? mt : Math.min(mt, t.time);
    }

    /** @return the virtual time this vtask will next act at, or infinity if it waits for a message. */
    long key()
    {
        if (terminal != 0)
        {
            return VirtualTime.INFINITY;
        }
        final long next = nextEventTime();
        return next == VirtualTime.INFINITY ? VirtualTime.INFINITY : Math.max(vtime, next);
    }

    /** @return true if the vtask has nothing to do until a message arrives. */
    boolean idle()
    {
        return nextEventTime() == VirtualTime.INFINITY;
    }

    VTaskState state()
    {
        if (terminal != 0)
        {
            return VTaskState.values()[terminal];
        }
        return idle() ? VTaskState.BLOCKED : VTaskState.RUNNABLE;
    }

    /** Discards everything pending; returns how many messages were discarded. */
    int discardPending()
    {
        final int dropped = pending.size();
        pending.clear();
        timers.clear();
        return dropped;
    }
}
