package org.livestack.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.DirectBuffer;
import org.livestack.api.RunObserver;
import org.livestack.runtime.ipc.MessageFlyweight;
import org.livestack.api.VTaskState;

/**
 * Executes the actors statically assigned to it. Its duty cycle:
 *
 * <pre>
 *   drainMailbox();                 // cross-thread messages into actor queues
 *   work = dispatchBatch();         // eligible events, smallest key first
 *   if (work == 0) refreshGrants(); // recompute scope vtimes, then drain again before dispatching
 *   ... idle: spin briefly, then park until a scope vtime moves or a message arrives
 * </pre>
 *
 * Grants are computed before the drain that precedes a dispatch: every message counted in flight
 * when a grant was computed is in its actor's queue before that grant is used.
 *
 * <p>All actor state is owned by the worker's current thread. The watchdog may seize the worker
 * while a handler hangs (CAS on {@link #inDispatch}); it then owns the state until it starts a
 * replacement thread with a new {@link #generation}, and the hung thread exits when it returns.
 */
final class Worker
{
    /** This worker's share of the run's timeline, or {@code null} if not recorded. */
    final TimelineRecorder timeline;
    private static final int BATCH = 64;
    private static final long SPIN_NANOS = 20_000;
    private static final long PARK_NANOS = 1_000_000;
    static final long SEIZED = -1;

    final int index;
    final VirtualTimeScheduler sched;
    final ContributionTable table;
    final Mailbox mailbox;
    private final Mailbox.RecordSink deliverDrained;
    private final FlyweightMessage incoming;
    final Parker parker;
    final List<ActorVTask> actors = new ArrayList<>();
    final List<ActorGroup> groupList = new ArrayList<>();
    private ActorGroup[] groups;
    private int[] hostedScopes;
    private ActorGroup[][] groupsOfScope;
    private final long[] scopeVtimeCache;
    final long[] maxSkew;
    private final long[] skew;
    private final long horizon;
    private final RunObserver observer;
    private ActorGroup[] dirty;
    private int dirtyCount;

    /** Incremented by the watchdog when it replaces a hung thread. */
    volatile int generation;
    /** Number of the dispatch in progress, 0 between dispatches, {@link #SEIZED} once the watchdog took over. */
    final AtomicLong inDispatch = new AtomicLong();
    volatile long progressNanos;
    volatile ActorVTask dispatching;
    volatile Thread thread;
    private long dispatchCount;
    private static final java.lang.invoke.VarHandle DISPATCH_COUNT;

    static
    {
        try
        {
            DISPATCH_COUNT = java.lang.invoke.MethodHandles.lookup().findVarHandle(Worker.class, "dispatchCount", long.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return events this worker has dispatched so far (an opaque read from another thread, for progress). */
    long eventsSoFar()
    {
        return (long)DISPATCH_COUNT.getOpaque(this);
    }

    Worker(final int index, final VirtualTimeScheduler sched, final Parker.Registry parkers)
    {
        this.index = index;
        this.sched = sched;
        this.table = sched.table;
        this.parker = new Parker(parkers);
        this.mailbox = new Mailbox(sched.endpoints());
        this.deliverDrained = (record, payload, payloadOffset) ->
            deliverLocal(sched.actor(record.hop()), record, payload, payloadOffset);
        this.incoming = new FlyweightMessage(sched.endpoints().toArray(new org.livestack.api.Endpoint[0]));
        this.scopeVtimeCache = new long[sched.scopeCount()];
        this.maxSkew = new long[sched.scopeCount()];
        this.timeline = sched.recordsTimeline() ? new TimelineRecorder() : null;
        this.skew = sched.skews();
        this.horizon = sched.horizon();
        this.observer = sched.observer();
        Arrays.fill(scopeVtimeCache, VirtualTime.INFINITY);
    }

    /** Called once, single-threaded, after all actors were added. */
    void init()
    {
        groups = groupList.toArray(new ActorGroup[0]);
        dirty = new ActorGroup[groups.length];
        final List<List<ActorGroup>> byScope = new ArrayList<>();
        for (int s = 0; s < sched.scopeCount(); s++)
        {
            byScope.add(new ArrayList<>());
        }
        for (final ActorGroup g : groups)
        {
            for (final int s : g.scopeIds)
            {
                byScope.get(s).add(g);
            }
        }
        groupsOfScope = new ActorGroup[sched.scopeCount()][];
        final List<Integer> hosted = new ArrayList<>();
        for (int s = 0; s < sched.scopeCount(); s++)
        {
            if (!byScope.get(s).isEmpty())
            {
                hosted.add(s);
                groupsOfScope[s] = byScope.get(s).toArray(new ActorGroup[0]);
            }
        }
        hostedScopes = hosted.stream().mapToInt(Integer::intValue).toArray();
        for (final ActorVTask a : actors)
        {
            final TimerEvent start = new TimerEvent(0, a.task.id(), 0, ActorContextImpl.START);
            a.timers.add(start);
            a.nextSequence = 1;
            rekey(a);
        }
        publishAll();
    }

    int[] hostedScopes()
    {
        return hostedScopes;
    }

    /** The worker thread's body; returns when the run stops or when this generation was retired. */
    void run(final int gen)
    {
        thread = Thread.currentThread();
        parker.thread = thread;
        inDispatch.set(0);
        final ActorContextImpl ctx = new ActorContextImpl(this, gen);
        cleanUpFaulted();
        long idleSince = 0;
        while (!sched.stopping())
        {
            drainMailbox();
            final int work = dispatchBatch(ctx);
            if (work < 0)
            {
                return;
            }
            if (work > 0)
            {
                idleSince = 0;
                continue;
            }
            refreshGrants();
            if (anyEligible() || !mailbox.isEmpty())
            {
                continue;
            }
            final long now = System.nanoTime();
            if (idleSince == 0)
            {
                idleSince = now;
            }
            if (now - idleSince < SPIN_NANOS)
            {
                Thread.onSpinWait();
                continue;
            }
            parker.prepare();
            refreshGrants();
            if (anyEligible() || !mailbox.isEmpty() || sched.stopping())
            {
                parker.cancel();
                continue;
            }
            parker.park(PARK_NANOS);
        }
    }

    // ---------------------------------------------------------------- inbound

    /**
     * Moves cross-thread messages into actor queues. Protocol with senders (who push, then lower
     * inboundMin, then bump the decrease counter): lower the published partials to the claimed
     * inboundMin x, reset inboundMin from x (retry, lowering again, if a sender lowered it
     * meanwhile), drain, lower inboundMin back to x if a record is left in the ring (one behind a
     * record another sender has claimed but not committed), then publish the real partials. At every
     * instant each pushed message is covered by inboundMin, by the lowered partials, or by its
     * receiver's key.
     */
    private void drainMailbox()
    {
        drainMailbox(true);
    }

    /**
     * Moves the ring's messages into their actors' queues.
     *
     * @param publish whether to republish this worker's partials afterwards (which may raise them).
     *                Not while a handler's sends are being flushed: the sending actor's key may
     *                already have moved past the handler's time while a send of that handler is
     *                still unpushed, and raising the partial then would let its scopes' vtime pass
     *                the message (a late delivery). The partials stay lowered until the handler's
     *                own publish.
     */
    private void drainMailbox(final boolean publish)
    {
        long x = table.inboundMin(index);
        if (x == VirtualTime.INFINITY && mailbox.isEmpty())
        {
            return;
        }
        // The ring is many-producer: a record committed behind one that is claimed but not yet
        // committed cannot be drained yet, and its sender may already have raised its own partial.
        // So: cover everything with this worker's partials (lowered to x), reset inboundMin, drain,
        // and if anything is left in the ring, lower inboundMin back to x before the partials are
        // raised (every record pushed so far is visible at or after x; later pushes lower it themselves).
        if (x != VirtualTime.INFINITY)
        {
            lowerPartials(x);
            while (!table.resetInboundMin(index, x))
            {
                x = table.inboundMin(index);
                lowerPartials(x);
            }
        }
        drainOnce();
        if (x != VirtualTime.INFINITY && !mailbox.isEmpty())
        {
            table.lowerInboundMin(index, x);
        }
        if (!publish)
        {
            return;
        }
        if (x != VirtualTime.INFINITY)
        {
            publishAll();
        }
        else
        {
            publishDirty();
        }
    }

    private void drainOnce()
    {
        mailbox.drainRecords(deliverDrained);
    }

    private final MessageFlyweight scratch = new MessageFlyweight();

    /** @return a flyweight for this worker's thread to wrap records it routes locally. */
    MessageFlyweight scratch()
    {
        return scratch;
    }

    /**
     * Drains this worker's ring while its thread waits for room in another's (no deadlock between
     * full rings); called while a handler's sends are flushed, so partials are not raised.
     */
    void drainWhileBlocked()
    {
        drainMailbox(false);
    }

    /**
     * Puts a message into a hosted actor's queue; called by this worker's thread only.
     *
     * <p>If the message lowers the receiver's key (it was idle, or waiting for a later event), the
     * receiver wakes up: its provisional key is published (partials only lowered, never raised, so a
     * sender's own key stays visible until all its handler's effects are applied), then it is
     * forwarded to its scopes' vtime ({@link VirtualTimeScheduler#wakeForward}). In a scope that
     * contains the sender that vtime is at most the visible time when S &lt;= L; in a scope of the
     * receiver that does not contain the sender it may be later, and the delivery is counted late.
     */
    void deliverLocal(final ActorVTask r, final MessageFlyweight m, final DirectBuffer payload, final int payloadOffset)
    {
        if (r.terminal != 0)
        {
            sched.countDropped(1);
            return;
        }
        final long v = m.visibleTime();
        long lateness = r.lastStart > v ? r.lastStart - v : 0;
        final long oldKey = r.heapKey;
        if (m.payloadIsReference())
        {
            r.pending.addInline(m, payload, payloadOffset);
        }
        else
        {
            r.pending.add(m);
        }
        rekey(r);
        if (r.heapKey < oldKey)
        {
            lowerPartials(r.scopeIds, r.heapKey);
            final long forward = sched.wakeForward(r.scopeIds, m.sourceVtask());
            final long undisturbed = Math.max(r.vtime, v);
            if (forward > undisturbed)
            {
                lateness = Math.max(lateness, forward - undisturbed);
            }
            if (forward > r.vtime)
            {
                r.vtime = forward;
                rekey(r);
            }
            if (r.group.unbounded)
            {
                r.group.grant = Long.MIN_VALUE;
            }
        }
        if (lateness > 0)
        {
            sched.countLate(lateness);
        }
    }

    // ---------------------------------------------------------------- dispatch

    private int dispatchBatch(final ActorContextImpl ctx)
    {
        int n = 0;
        while (n < BATCH)
        {
            ActorGroup best = null;
            long bestKey = VirtualTime.INFINITY;
            for (final ActorGroup g : groups)
            {
                final long k = g.heap.minKey();
                if (k < bestKey && k <= g.grant && k < horizon)
                {
                    best = g;
                    bestKey = k;
                }
            }
            if (best == null)
            {
                break;
            }
            if (table.inboundMin(index) <= bestKey)
            {
                // a message for one of this worker's actors is still in the ring and visible no later
                // than this event: the scope vtime is held by it, but a grant of scope vtime + S can
                // exceed it, so dispatching now would handle a later event first (a late delivery)
                drainMailbox();
                if (table.inboundMin(index) <= bestKey)
                {
                    break; // a record behind one another sender has not committed yet: try again later
                }
                continue;
            }
            final long seq = observer != null ? sched.ticket() : 0;
            if (!handle(best.heap.peek(), best, seq, ctx))
            {
                return -1;
            }
            n++;
        }
        return n;
    }

    private boolean handle(final ActorVTask a, final ActorGroup group, final long seq, final ActorContextImpl ctx)
    {
        final boolean isMessage = a.messageNext();
        final TimerEvent timer;
        final long eventTime;
        if (isMessage)
        {
            timer = null;
            eventTime = a.pending.peekTime();
            a.blocked = false;
            a.received++;
        }
        else
        {
            timer = (TimerEvent)a.timers.poll();
            eventTime = timer.time;
        }
        final long t = Math.max(a.vtime, eventTime);
        a.vtime = t;
        a.lastStart = t;
        a.events++;
        for (final int s : group.scopeIds)
        {
            final long f = scopeVtimeCache[s];
            if (f != VirtualTime.INFINITY && t - f > maxSkew[s])
            {
                maxSkew[s] = t - f;
            }
        }
        if (observer != null)
        {
            observer.dispatch(a.task, t, group.grant, seq);
        }
        final FlyweightMessage message = isMessage ? incoming.wrap(a.pending.peek()) : null;
        if (isMessage)
        {
            sched.traceDelivery(a.task, message, t);
            if (timeline != null && message.destination().vtask() == a.task)
            {
                timeline.delivered(message);
            }
        }

        ctx.begin(a);
        dispatching = a;
        progressNanos = System.nanoTime();
        final long d = ++dispatchCount;
        inDispatch.set(d);
        Throwable failure = null;
        try
        {
            if (isMessage)
            {
                a.component.onMessage(ctx, message);
            }
            else if (timer.payload == ActorContextImpl.START)
            {
                a.component.onStart(ctx);
            }
            else
            {
                a.component.onEvent(ctx, timer.sequence, timer.payload);
            }
        }
        catch (final Throwable th)
        {
            failure = th;
        }
        if (!inDispatch.compareAndSet(d, 0))
        {
            return false; // seized by the watchdog: this thread is retired, its effects discarded
        }
        if (isMessage)
        {
            a.pending.poll(); // the handler is done with the record; before the flush may add to this queue
        }
        if (failure != null)
        {
            ctx.discard();
            sched.onActorFailure(this, a, failure);
        }
        else
        {
            ctx.flush();
        }
        rekey(a);
        publishDirty();
        return true;
    }

    /** Marks an actor FAULTED and drops what it had pending; owner thread (or watchdog after seizing). */
    void isolate(final ActorVTask a)
    {
        a.terminal = VTaskState.FAULTED.ordinal();
        sched.countDropped(a.discardPending());
        rekey(a);
    }

    private void cleanUpFaulted()
    {
        for (final ActorVTask a : actors)
        {
            if (a.terminal != 0 && (a.heapIndex >= 0 || a.pending.size() > 0 || !a.timers.isEmpty()))
            {
                sched.countDropped(a.discardPending());
                rekey(a);
            }
        }
        publishAll();
    }

    // ---------------------------------------------------------------- keys, partials, grants

    void rekey(final ActorVTask a)
    {
        a.group.heap.update(a, a.key());
        if (!a.group.dirty)
        {
            a.group.dirty = true;
            dirty[dirtyCount++] = a.group;
        }
    }

    private void lowerPartials(final long x)
    {
        lowerPartials(hostedScopes, x);
    }

    private void lowerPartials(final int[] scopeIds, final long x)
    {
        for (final int s : scopeIds)
        {
            if (table.partial(index, s) > x)
            {
                table.partial(index, s, x);
            }
        }
        if (table.partialAll(index) > x)
        {
            table.partialAll(index, x);
        }
    }

    private void publishDirty()
    {
        if (dirtyCount == 0)
        {
            return;
        }
        boolean raised = false;
        for (int i = 0; i < dirtyCount; i++)
        {
            final ActorGroup g = dirty[i];
            g.dirty = false;
            dirty[i] = null;
            for (final int s : g.scopeIds)
            {
                raised |= publishPartial(s);
            }
        }
        dirtyCount = 0;
        raised |= publishPartialAll();
        if (raised)
        {
            sched.parkers().signalAll();
        }
    }

    private void publishAll()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            dirty[i].dirty = false;
            dirty[i] = null;
        }
        dirtyCount = 0;
        for (final int s : hostedScopes)
        {
            publishPartial(s);
        }
        publishPartialAll();
        sched.parkers().signalAll();
    }

    private boolean publishPartial(final int s)
    {
        long min = VirtualTime.INFINITY;
        for (final ActorGroup g : groupsOfScope[s])
        {
            min = Math.min(min, g.heap.minKey());
        }
        return table.partial(index, s, min) < min;
    }

    private boolean publishPartialAll()
    {
        long min = VirtualTime.INFINITY;
        for (final ActorGroup g : groups)
        {
            min = Math.min(min, g.heap.minKey());
        }
        final long previous = table.partialAll(index);
        if (previous != min)
        {
            table.partialAll(index, min);
        }
        return previous < min;
    }

    private void refreshGrants()
    {
        publishDirty();
        for (final int s : hostedScopes)
        {
            scopeVtimeCache[s] = sched.scopeVtime(s);
        }
        for (final ActorGroup g : groups)
        {
            long grant = VirtualTime.INFINITY;
            boolean unbounded = false;
            for (final int s : g.scopeIds)
            {
                final long f = scopeVtimeCache[s];
                if (f != VirtualTime.INFINITY)
                {
                    grant = Math.min(grant, VirtualTime.add(f, skew[s]));
                }
                else
                {
                    unbounded = true;
                }
            }
            g.grant = grant;
            g.unbounded = unbounded;
        }
    }

    private boolean anyEligible()
    {
        for (final ActorGroup g : groups)
        {
            final long k = g.heap.minKey();
            if (k <= g.grant && k < horizon)
            {
                return true;
            }
        }
        return false;
    }
}
