package org.livestack.runtime;

import org.livestack.api.LinkModel;

/**
 * The transmit side of one serializing link: frames leave back to back in send order. Owned by
 * the thread of the vtask whose endpoint feeds the link, so no synchronization.
 */
final class LinkState
{
    /** Returned by {@link #transmit} for a frame dropped at a full queue. */
    static final long DROPPED = -1;

    private final LinkModel model;
    private long freeAt;
    private long[] waitingStarts = new long[16];
    private int head;
    private int count;
    long drops;

    LinkState(final LinkModel model)
    {
        this.model = model;
    }

    /**
     * @param now   the sender's vtime.
     * @param bytes frame length.
     * @return when the frame's last bit arrives at the far end (finish + latency), or {@link #DROPPED}.
     */
    long transmit(final long now, final int bytes)
    {
        while (count > 0 && waitingStarts[head] <= now)
        {
            head = (head + 1) & (waitingStarts.length - 1);
            count--;
        }
        final long start = Math.max(now, freeAt);
        if (start > now)
        {
            if (model.queueLimit() > 0 && count >= model.queueLimit())
            {
                drops++;
                return DROPPED;
            }
            push(start);
        }
        freeAt = VirtualTime.add(start, model.serializationNanos(bytes));
        return VirtualTime.add(freeAt, model.latencyNanos());
    }

    private void push(final long start)
    {
        if (count == waitingStarts.length)
        {
            final long[] grown = new long[count * 2];
            for (int i = 0; i < count; i++)
            {
                grown[i] = waitingStarts[(head + i) & (waitingStarts.length - 1)];
            }
            waitingStarts = grown;
            head = 0;
        }
        waitingStarts[(head + count) & (waitingStarts.length - 1)] = start;
        count++;
    }

    @Override
    public String toString()
    {
        return "LinkState[" + model + ", freeAt=" + freeAt + ", waiting=" + count + ", drops=" + drops + "]";
    }
}
