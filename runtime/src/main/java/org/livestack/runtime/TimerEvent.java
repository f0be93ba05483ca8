package org.livestack.runtime;

/** A self-event scheduled by a component; its id is its sequence number. */
final class TimerEvent extends PendingEvent
{
    final Object payload;
    boolean cancelled;

    TimerEvent(final long time, final int ownerId, final long sequence, final Object payload)
    {
        super(time, ownerId, sequence);
        this.payload = payload;
    }
}
