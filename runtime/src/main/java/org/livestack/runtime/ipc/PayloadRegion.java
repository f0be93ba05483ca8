package org.livestack.runtime.ipc;

import java.util.concurrent.atomic.AtomicLong;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Shared memory for payloads too large to travel inline in a ring record: fixed-size slots handed
 * out and returned through a lock-free stack. A record then carries
 * {@link MessageDescriptor#FLAG_PAYLOAD_REFERENCE} and the slot's offset.
 *
 * <p>Ownership: a sender owns a slot from {@link #acquire()} until it commits the record that
 * references it (it must not touch the slot afterwards); the receiver owns it from reading that
 * record until it calls {@link #release(int)}, which it does once it has copied or handled the
 * payload. A slot is referenced by at most one record at a time. Thread-safe.
 */
public final class PayloadRegion
{
    private final UnsafeBuffer buffer;
    private final int slotSize;
    private final int[] next;
    /** Top of the free stack: (ABA tag << 32) | (slot index + 1); index + 1 == 0 means empty. */
    private final AtomicLong top = new AtomicLong();

    /**
     * @param slotSize bytes per slot, a power of two.
     * @param slots    number of slots.
     */
    public PayloadRegion(final int slotSize, final int slots)
    {
        if (Integer.bitCount(slotSize) != 1 || slots < 1 || (long)slotSize * slots > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("payload region of " + slots + " slots of " + slotSize +
                " bytes: slot size must be a power of two and the region at most 2 GiB");
        }
        this.slotSize = slotSize;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(slotSize * slots, 64));
        this.next = new int[slots];
        for (int i = 0; i < slots; i++)
        {
            next[i] = i + 1 < slots ? i + 2 : 0;
        }
        top.set(1);
    }

    /** @return the region's memory. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return bytes per slot: the largest payload a slot holds. */
    public int slotSize()
    {
        return slotSize;
    }

    /** @return the region's length in bytes. */
    public long capacity()
    {
        return buffer.capacity();
    }

    /** @return a free slot index, or -1 if none is free. */
    public int acquire()
    {
        while (true)
        {
            final long t = top.get();
            final int head = (int)t;
            if (head == 0)
            {
                return -1;
            }
            final long newTop = ((t >>> 32) + 1) << 32 | (next[head - 1] & 0xFFFF_FFFFL);
            if (top.compareAndSet(t, newTop))
            {
                return head - 1;
            }
        }
    }

    /** @param slot a slot returned by {@link #acquire()} and not yet released. */
    public void release(final int slot)
    {
        while (true)
        {
            final long t = top.get();
            next[slot] = (int)t;
            final long newTop = ((t >>> 32) + 1) << 32 | (slot + 1);
            if (top.compareAndSet(t, newTop))
            {
                return;
            }
        }
    }

    /** @return the byte offset of a slot in {@link #buffer()}. */
    public int offset(final int slot)
    {
        return slot * slotSize;
    }

    /** @return the slot holding a region offset. */
    public int slotOf(final long offset)
    {
        return (int)(offset / slotSize);
    }
}
