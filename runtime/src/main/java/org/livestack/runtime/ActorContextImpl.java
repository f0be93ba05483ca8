package org.livestack.runtime;

import java.util.ArrayList;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.IntArrayList;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.agrona.collections.LongArrayList;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.VTask;
import org.livestack.api.VTaskState;
import org.livestack.runtime.ipc.MessageDescriptor;
import org.livestack.runtime.ipc.MessageFlyweight;

/**
 * The context handed to an actor's handlers. One per worker thread generation; its effects are
 * buffered and applied by {@link #flush()} when the handler returns, so a handler that throws or
 * hangs leaves no partial effects behind.
 */
final class ActorContextImpl implements ComponentContext, HubComponent.Forwarding
{
    /** Payload marking the start event. */
    static final Object START = new Object();

    private final Worker worker;
    private final int generation;
    /** Encoded sends of the current handler, applied by {@link #flush()}. */
    private final ExpandableDirectByteBuffer outbox = new ExpandableDirectByteBuffer(4096);
    private final IntArrayList outboxRecords = new IntArrayList();
    private int outboxLimit;
    private final ArrayList<TimerEvent> scheduled = new ArrayList<>();
    private final LongArrayList cancels = new LongArrayList();
    private ActorVTask actor;
    private int droppedSends;
    private boolean blockRequested;
    private boolean stopRequested;

    ActorContextImpl(final Worker worker, final int generation)
    {
        this.worker = worker;
        this.generation = generation;
    }

    void begin(final ActorVTask a)
    {
        actor = a;
        blockRequested = false;
        stopRequested = false;
    }

    private ActorVTask live()
    {
        if (worker.generation != generation)
        {
            throw new IllegalStateException("vtask '" + actor.task.name() +
                "' was isolated by the watchdog; its context is no longer valid");
        }
        if (worker.sched.stopping())
        {
            throw new IllegalStateException("the run has ended; vtask '" + actor.task.name() + "' can no longer act");
        }
        return actor;
    }

    @Override
    public VTask vtask()
    {
        return actor.task;
    }

    @Override
    public long now()
    {
        return actor.vtime;
    }

    @Override
    public void advance(final long deltaNanos)
    {
        final ActorVTask a = live();
        if (deltaNanos < 0)
        {
            throw new IllegalArgumentException("advance(" + deltaNanos + ") by vtask '" + a.task.name() +
                "': a duration must be >= 0");
        }
        a.vtime = VirtualTime.add(a.vtime, deltaNanos);
        worker.progressNanos = System.nanoTime();
    }

    @Override
    public void advanceTo(final long timeNanos)
    {
        final ActorVTask a = live();
        if (timeNanos < a.vtime)
        {
            throw new IllegalArgumentException("advanceTo(" + timeNanos + ") by vtask '" + a.task.name() +
                "' is before its vtime " + a.vtime);
        }
        a.vtime = timeNanos;
        worker.progressNanos = System.nanoTime();
    }

    @Override
    public void send(final Endpoint from, final int type, final byte[] payload)
    {
        send(from, worker.sched.router().peerOf(checkOwn(from)), type, payload);
    }

    @Override
    public void send(final Endpoint from, final Endpoint to, final int type, final byte[] payload)
    {
        final ActorVTask a = live();
        checkOwn(from);
        Objects.requireNonNull(payload, "payload");
        final Router router = worker.sched.router();
        final long visible = router.transmit(from, to, a.vtime, payload.length);
        final long sequence = a.nextSequence++;
        if (visible == LinkState.DROPPED)
        {
            droppedSends++;
            return;
        }
        final int offset = reserve(payload.length);
        MessageFlyweight.encodeHeader(outbox, offset, visible, a.vtime, sequence, a.task.id(), from.id(), to.id(), type, 0,
            payload.length);
        if (payload.length > 0)
        {
            outbox.putBytes(offset + MessageDescriptor.PAYLOAD_OFFSET, payload);
        }
        MessageFlyweight.encodeRouting(outbox, offset, sequence, router.nextHop(from, to));
    }

    private Endpoint checkOwn(final Endpoint from)
    {
        final ActorVTask a = live();
        Objects.requireNonNull(from, "from");
        if (from.vtask().id() != a.task.id() || worker.sched.actorOrNull(from.vtask().id()) != a)
        {
            throw new IllegalArgumentException("endpoint " + from + " does not belong to vtask '" + a.task.name() + "'");
        }
        return from;
    }

    @Override
    public long schedule(final long delayNanos, final Object payload)
    {
        final ActorVTask a = live();
        if (delayNanos < 0)
        {
            throw new IllegalArgumentException("schedule(" + delayNanos + ") by vtask '" + a.task.name() +
                "': a delay must be >= 0");
        }
        final TimerEvent t = new TimerEvent(VirtualTime.add(a.vtime, delayNanos), a.task.id(), a.nextSequence++, payload);
        scheduled.add(t);
        return t.sequence;
    }

    @Override
    public boolean cancel(final long eventId)
    {
        final ActorVTask a = live();
        if (cancels.containsLong(eventId))
        {
            return false;
        }
        boolean pending = a.findTimer(eventId) != null;
        if (!pending)
        {
            for (final TimerEvent t : scheduled)
            {
                if (t.sequence == eventId)
                {
                    pending = true;
                    break;
                }
            }
        }
        if (pending)
        {
            cancels.addLong(eventId);
        }
        return pending;
    }

    @Override
    public void block()
    {
        live();
        blockRequested = true;
    }

    @Override
    public void stop()
    {
        live();
        stopRequested = true;
    }

    @Override
    public RandomGenerator random()
    {
        return live().random;
    }

    private int reserve(final int payloadLength)
    {
        final int offset = outboxLimit;
        final int length = MessageDescriptor.HEADER_LENGTH + payloadLength;
        outbox.checkLimit(offset + length);
        outboxLimit = (offset + length + 7) & ~7;
        outboxRecords.addInt(offset);
        return offset;
    }

    @Override
    public void forward(final Message in, final Endpoint destination, final long visibleTime, final int type,
        final byte[] rewritten, final int hop)
    {
        final ActorVTask a = live();
        final int length = rewritten != null ? rewritten.length : in.length();
        final int offset = reserve(length);
        final long sequence = a.nextSequence++;
        MessageFlyweight.encodeHeader(outbox, offset, visibleTime, in.sendTime(), in.sequence(), a.task.id(),
            in.source().id(), destination.id(), type, 0, length);
        final int payloadAt = offset + MessageDescriptor.PAYLOAD_OFFSET;
        if (rewritten != null)
        {
            outbox.putBytes(payloadAt, rewritten);
        }
        else if (in instanceof FlyweightMessage f)
        {
            outbox.putBytes(payloadAt, f.buffer(), f.payloadOffset(), length);
        }
        else
        {
            outbox.putBytes(payloadAt, ((MessageImpl)in).payloadArray());
        }
        MessageFlyweight.encodeRouting(outbox, offset, sequence, hop);
    }

    @Override
    public void dropped()
    {
        live();
        droppedSends++;
    }

    /** Applies the handler's effects, in the order they were requested. */
    void flush()
    {
        final ActorVTask a = actor;
        for (int i = 0; i < scheduled.size(); i++)
        {
            final TimerEvent t = scheduled.get(i);
            a.timers.add(t);
        }
        for (int i = 0; i < cancels.size(); i++)
        {
            final TimerEvent t = a.findTimer(cancels.getLong(i));
            if (t != null)
            {
                t.cancelled = true;
            }
        }
        if (blockRequested)
        {
            a.blocked = true;
        }
        if (stopRequested)
        {
            a.terminal = VTaskState.DONE.ordinal();
            worker.sched.countDropped(a.discardPending());
        }
        a.sent += droppedSends;
        worker.sched.countDropped(droppedSends);
        for (int i = 0; i < outboxRecords.size(); i++)
        {
            a.sent++;
            worker.sched.routeRecord(worker, outbox, outboxRecords.getInt(i));
        }
        clear();
    }

    /** Discards the handler's effects. */
    void discard()
    {
        clear();
    }

    private void clear()
    {
        droppedSends = 0;
        outboxRecords.clear();
        outboxLimit = 0;
        scheduled.clear();
        cancels.clear();
    }
}
