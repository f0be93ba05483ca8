package org.livestack.runtime;

import java.util.Objects;
import java.util.PriorityQueue;

import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.RunObserver;
import org.livestack.api.SelfRunningTask;
import org.livestack.api.SimulationStoppedException;
import org.livestack.api.VTask;
import org.livestack.api.VTaskControl;
import org.livestack.api.VTaskState;

/**
 * A vtask on a thread of its own. It publishes its progress through its {@link RunPage}: the key
 * word is its vtime while it runs, its wake-up time while it sleeps in
 * {@link #blockUntil(long)}, and infinity while it waits for a message or is finished. Messages to
 * it travel through its {@link Mailbox} ring with the same inboundMin protocol workers use.
 */
final class SelfRunningVTask implements VTaskControl, Runnable
{
    private static final long SPIN_NANOS = 20_000;
    private static final long PARK_NANOS = 1_000_000;

    final VTask task;
    final int[] scopeIds;
    final RunPage page = new RunPage();
    /** This vtask's share of the run's timeline, or {@code null} if not recorded. */
    final TimelineRecorder timeline;
    final Mailbox mailbox;
    private final java.util.function.Consumer<MessageImpl> takeDrained = this::take;
    final PriorityQueue<PendingEvent> inbox = new PriorityQueue<>(PendingEvent.ORDER);
    final Parker parker;
    final long[] maxSkew;
    private final SelfRunningTask body;
    private final VirtualTimeScheduler sched;
    private final RunObserver observer;
    private final long[] skew;

    private long vtime;
    private long lastGrant;
    private long nextSequence = 1;
    private boolean blocked;
    private long wakeTime = VirtualTime.INFINITY;
    long events;
    long sent;
    long received;

    /** 0 while alive, else the ordinal of DONE or FAULTED. */
    volatile int terminal;
    /** True while the thread waits inside the scheduler; the watchdog does not time it then. */
    volatile boolean waiting;
    volatile Thread thread;

    SelfRunningVTask(final VTask task, final SelfRunningTask body, final int[] scopeIds, final VirtualTimeScheduler sched)
    {
        this.task = task;
        this.body = body;
        this.scopeIds = scopeIds;
        this.sched = sched;
        this.observer = sched.observer();
        this.skew = sched.skews();
        this.parker = new Parker(sched.parkers());
        this.mailbox = new Mailbox(sched.endpoints());
        this.maxSkew = new long[sched.scopeCount()];
        this.timeline = sched.recordsTimeline() ? new TimelineRecorder() : null;
        page.vtime(0);
        page.key(0);
        page.heartbeat(System.nanoTime());
        page.state(VTaskState.RUNNABLE.ordinal());
    }

    /** @return this vtask's contribution to its scopes' vtime: inboundMin is read before the key. */
    long contribution()
    {
        if (terminal != 0)
        {
            return VirtualTime.INFINITY;
        }
        final long inbound = page.inboundMin();
        return Math.min(inbound, page.key());
    }

    long finalVtime()
    {
        return vtime;
    }

    VTaskState state()
    {
        if (terminal != 0)
        {
            return VTaskState.values()[terminal];
        }
        return VTaskState.values()[page.state()];
    }

    @Override
    public void run()
    {
        thread = Thread.currentThread();
        parker.thread = thread;
        page.heartbeat(System.nanoTime());
        try
        {
            body.run(this);
            finish(VTaskState.DONE);
        }
        catch (final SimulationStoppedException ex)
        {
            // normal end of the run, or this vtask was isolated
        }
        catch (final Throwable th)
        {
            if (terminal == 0)
            {
                sched.onSelfRunningFailure(this, th);
            }
        }
        finally
        {
            waiting = true;
            sched.parkers().signalAll();
        }
    }

    /** @return the body's own details; a body that throws here is reported, not propagated. */
    java.util.Map<String, String> details()
    {
        try
        {
            return body.details();
        }
        catch (final RuntimeException e)
        {
            return java.util.Map.of("details failed", e.toString());
        }
    }

    void finish(final VTaskState state)
    {
        terminal = state.ordinal();
        page.state(state.ordinal());
        page.key(VirtualTime.INFINITY);
        sched.parkers().signalAll();
    }

    private void enter()
    {
        if (Thread.currentThread() != thread)
        {
            throw new IllegalStateException("the VTaskControl of '" + task.name() +
                "' must be used from its own thread, not " + Thread.currentThread().getName());
        }
        page.heartbeat(System.nanoTime());
        checkStopped();
    }

    private void checkStopped()
    {
        if (terminal == VTaskState.FAULTED.ordinal())
        {
            throw new SimulationStoppedException("vtask '" + task.name() + "' was isolated (FAULTED)");
        }
        if (sched.stopping())
        {
            throw new SimulationStoppedException("the run has ended");
        }
    }

    @Override
    public VTask vtask()
    {
        return task;
    }

    @Override
    public long vtime()
    {
        return vtime;
    }

    @Override
    public void heartbeat()
    {
        enter();
    }

    @Override
    public long awaitGrant()
    {
        enter();
        waiting = true;
        try
        {
            long idleSince = 0;
            while (true)
            {
                checkStopped();
                final long grant = computeGrant();
                drainInbound();
                if (grant >= vtime)
                {
                    lastGrant = Math.max(lastGrant, grant);
                    page.grant(lastGrant);
                    final PendingEvent head = inbox.peek();
                    final long capped = head == null ? grant : Math.min(grant, Math.max(head.time, vtime));
                    if (capped > vtime || (head != null && head.time <= vtime))
                    {
                        return capped;
                    }
                }
                idleSince = idle(idleSince, grant);
            }
        }
        finally
        {
            waiting = false;
            page.heartbeat(System.nanoTime());
        }
    }

    /** Spins briefly, then parks until a message arrives or the grant moves past {@code grantSeen}. */
    private long idle(final long idleSince, final long grantSeen)
    {
        final long now = System.nanoTime();
        if (idleSince == 0)
        {
            return now;
        }
        if (now - idleSince < SPIN_NANOS)
        {
            Thread.onSpinWait();
            return idleSince;
        }
        parker.prepare();
        if (!mailbox.isEmpty() || sched.stopping() || terminal != 0 || computeGrant() > grantSeen)
        {
            parker.cancel();
            return idleSince;
        }
        parker.park(PARK_NANOS);
        return idleSince;
    }

    private long computeGrant()
    {
        long grant = sched.horizon();
        for (final int s : scopeIds)
        {
            final long f = sched.scopeVtime(s);
            if (f != VirtualTime.INFINITY)
            {
                grant = Math.min(grant, VirtualTime.add(f, skew[s]));
            }
        }
        return grant;
    }

    @Override
    public void advanceTo(final long timeNanos)
    {
        enter();
        if (timeNanos < vtime)
        {
            throw new IllegalArgumentException("advanceTo(" + timeNanos + ") by vtask '" + task.name() +
                "' is before its vtime " + vtime);
        }
        if (timeNanos == vtime)
        {
            return;
        }
        if (timeNanos > lastGrant)
        {
            throw new IllegalStateException("advanceTo(" + timeNanos + ") by vtask '" + task.name() +
                "' is beyond its grant " + lastGrant + "; call awaitGrant() first");
        }
        final long seq = observer != null ? sched.ticket() : 0;
        for (final int s : scopeIds)
        {
            final long f = sched.scopeVtimeCached(s);
            if (timeNanos - f > maxSkew[s])
            {
                maxSkew[s] = timeNanos - f;
            }
        }
        if (observer != null)
        {
            observer.dispatch(task, timeNanos, lastGrant, seq);
        }
        vtime = timeNanos;
        events++;
        page.vtime(timeNanos);
        page.key(timeNanos);
        sched.parkers().signalAll();
    }

    @Override
    public void advance(final long deltaNanos)
    {
        if (deltaNanos < 0)
        {
            throw new IllegalArgumentException("advance(" + deltaNanos + ") by vtask '" + task.name() +
                "': a duration must be >= 0");
        }
        advanceTo(VirtualTime.add(vtime, deltaNanos));
    }

    @Override
    public Message poll()
    {
        enter();
        drainInbound();
        final PendingEvent head = inbox.peek();
        if (head == null || head.time > vtime)
        {
            return null;
        }
        inbox.poll();
        received++;
        sched.traceDelivery(task, (MessageImpl)head, vtime);
        if (timeline != null && ((Message)head).destination().vtask() == task)
        {
            timeline.delivered((Message)head);
        }
        return (Message)head;
    }

    @Override
    public long nextMessageTime()
    {
        enter();
        drainInbound();
        final PendingEvent head = inbox.peek();
        return head == null ? VirtualTime.INFINITY : head.time;
    }

    @Override
    public void send(final Endpoint from, final int type, final byte[] payload)
    {
        enter();
        checkOwn(from);
        send(from, sched.router().peerOf(from), type, payload);
    }

    @Override
    public void send(final Endpoint from, final Endpoint to, final int type, final byte[] payload)
    {
        enter();
        checkOwn(from);
        Objects.requireNonNull(payload, "payload");
        final Router router = sched.router();
        final long visible = router.transmit(from, to, vtime, payload.length);
        sent++;
        if (visible == LinkState.DROPPED)
        {
            nextSequence++;
            sched.countDropped(1);
            return;
        }
        sched.routeFromSelfRunning(this, new MessageImpl(from, to, vtime, visible, type, nextSequence++, payload.clone(),
            router.nextHop(from, to)));
    }

    private void checkOwn(final Endpoint from)
    {
        Objects.requireNonNull(from, "from");
        if (from.vtask().id() != task.id() || sched.selfRunningOrNull(from.vtask().id()) != this)
        {
            throw new IllegalArgumentException("endpoint " + from + " does not belong to vtask '" + task.name() + "'");
        }
    }

    @Override
    public void block()
    {
        blockUntil(VirtualTime.INFINITY);
    }

    @Override
    public void blockUntil(final long wakeTimeNanos)
    {
        enter();
        if (wakeTimeNanos < vtime)
        {
            throw new IllegalArgumentException("blockUntil(" + wakeTimeNanos + ") by vtask '" + task.name() +
                "' is before its vtime " + vtime);
        }
        blocked = true;
        wakeTime = wakeTimeNanos;
        page.state(VTaskState.BLOCKED.ordinal());
        waiting = true;
        try
        {
            long idleSince = 0;
            while (true)
            {
                checkStopped();
                drainInbound();
                final PendingEvent head = inbox.peek();
                final long messageTime = head == null ? VirtualTime.INFINITY : Math.max(head.time, vtime);
                final long wake = Math.min(wakeTime, messageTime);
                publishKey();
                final long grant = computeGrant();
                if (wake != VirtualTime.INFINITY && grant >= wake)
                {
                    final long forward = Math.max(wake, sched.wakeForward(scopeIds));
                    if (messageTime <= wakeTime && forward > messageTime)
                    {
                        sched.countLate(forward - messageTime);
                    }
                    vtime = Math.max(vtime, forward);
                    blocked = false;
                    wakeTime = VirtualTime.INFINITY;
                    page.vtime(vtime);
                    page.state(VTaskState.RUNNING.ordinal());
                    publishKey();
                    sched.parkers().signalAll();
                    return;
                }
                idleSince = idle(idleSince, grant);
            }
        }
        finally
        {
            if (blocked)
            {
                page.state(VTaskState.BLOCKED.ordinal());
            }
            waiting = false;
            page.heartbeat(System.nanoTime());
        }
    }

    private void publishKey()
    {
        final long key;
        if (blocked)
        {
            final PendingEvent head = inbox.peek();
            key = Math.max(vtime, Math.min(wakeTime, head == null ? VirtualTime.INFINITY : head.time));
        }
        else
        {
            key = vtime;
        }
        final long previous = page.key();
        if (previous != key)
        {
            page.key(key);
            if (key > previous)
            {
                sched.parkers().signalAll();
            }
        }
    }

    /** Same protocol as Worker#drainMailbox, with the page key as the covering contribution. */
    private void drainInbound()
    {
        long x = page.inboundMin();
        if (x == VirtualTime.INFINITY && mailbox.isEmpty())
        {
            return;
        }
        while (true)
        {
            if (x != VirtualTime.INFINITY && page.key() > x)
            {
                page.key(x);
            }
            drainOnce();
            if (x == VirtualTime.INFINITY || page.resetInboundMin(x))
            {
                break;
            }
            x = page.inboundMin();
        }
        drainOnce();
        publishKey();
    }

    private void drainOnce()
    {
        mailbox.drain(takeDrained);
    }

    private void take(final MessageImpl m)
    {
        if (!blocked && vtime > m.time)
        {
            sched.countLate(vtime - m.time);
        }
        inbox.add(m);
    }

    /** Drains this vtask's ring while its thread waits for room in another's; own thread only. */
    void drainWhileBlocked()
    {
        drainInbound();
    }
}
