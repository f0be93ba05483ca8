package org.livestack.runtime;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import static org.livestack.runtime.RunPageDescriptor.*;

/**
 * One vtask's run page, laid out by {@link RunPageDescriptor} in off-heap memory. The vtask is
 * the single writer of vtime, key, grant, state and heartbeat (ordered stores); any thread may
 * lower {@code inboundMin} by CAS. Readers use volatile loads.
 */
public final class RunPage
{
    private final UnsafeBuffer buffer;

    /** Allocates a zeroed, cache-line-aligned page with key and inboundMin set to infinity. */
    public RunPage()
    {
        final ByteBuffer bytes = BufferUtil.allocateDirectAligned(PAGE_LENGTH, FIELD_STRIDE);
        buffer = new UnsafeBuffer(bytes);
        buffer.putLongVolatile(KEY_OFFSET, VirtualTime.INFINITY);
        buffer.putLongVolatile(INBOUND_MIN_OFFSET, VirtualTime.INFINITY);
    }

    /** @return the underlying buffer (for sharing the page with native code or another process). */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    long vtime()
    {
        return buffer.getLongVolatile(VTIME_OFFSET);
    }

    void vtime(final long value)
    {
        buffer.putLongRelease(VTIME_OFFSET, value);
    }

    long key()
    {
        return buffer.getLongVolatile(KEY_OFFSET);
    }

    void key(final long value)
    {
        buffer.putLongVolatile(KEY_OFFSET, value);
    }

    void grant(final long value)
    {
        buffer.putLongRelease(GRANT_OFFSET, value);
    }

    long grant()
    {
        return buffer.getLongVolatile(GRANT_OFFSET);
    }

    long inboundMin()
    {
        return buffer.getLongVolatile(INBOUND_MIN_OFFSET);
    }

    /** Lowers inboundMin to {@code time}; always a CAS, see {@link ContributionTable#lowerInboundMin}. */
    void lowerInboundMin(final long time)
    {
        long current;
        do
        {
            current = buffer.getLongVolatile(INBOUND_MIN_OFFSET);
        }
        while (!buffer.compareAndSetLong(INBOUND_MIN_OFFSET, current, Math.min(current, time)));
    }

    boolean resetInboundMin(final long expected)
    {
        return buffer.compareAndSetLong(INBOUND_MIN_OFFSET, expected, VirtualTime.INFINITY);
    }

    int state()
    {
        return (int)buffer.getLongVolatile(STATE_OFFSET);
    }

    void state(final int ordinal)
    {
        buffer.putLongVolatile(STATE_OFFSET, ordinal);
    }

    long heartbeat()
    {
        return buffer.getLongVolatile(HEARTBEAT_OFFSET);
    }

    void heartbeat(final long nanoTime)
    {
        buffer.putLongRelease(HEARTBEAT_OFFSET, nanoTime);
    }
}
