package org.livestack.runtime;

import java.util.Comparator;

/**
 * Something a vtask will handle at a virtual time: a message or a self-event. The total order
 * (time, source vtask id, per-source sequence) makes every vtask's event sequence deterministic.
 */
abstract class PendingEvent
{
    /** The deterministic handling order. */
    static final Comparator<PendingEvent> ORDER = (a, b) ->
    {
        int c = Long.compare(a.time, b.time);
        if (c == 0)
        {
            c = Integer.compare(a.sourceId, b.sourceId);
            if (c == 0)
            {
                c = Long.compare(a.sequence, b.sequence);
            }
        }
        return c;
    };

    final long time;
    final int sourceId;
    final long sequence;

    PendingEvent(final long time, final int sourceId, final long sequence)
    {
        this.time = time;
        this.sourceId = sourceId;
        this.sequence = sequence;
    }
}
