package org.livestack.runtime.ipc;

import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.IntArrayList;

import static org.livestack.runtime.ipc.MessageDescriptor.*;

/**
 * A receiver's pending messages, ordered by (visible time, order source id, order sequence): the
 * total, deterministic delivery order. Records are copied in from a ring and kept off-heap in size-class
 * slabs with free lists; the order is an index heap over primitive arrays. After warm-up (once the
 * slabs and arrays have grown to the working set) add and poll allocate nothing. Single-threaded.
 */
public final class VisibilityOrderedQueue
{
    private static final int MIN_CLASS_SHIFT = 6; // 64-byte slots
    private static final int CLASSES = 16;        // up to 2 MiB records (1 MiB payloads)
    private static final int INDEX_BITS = 26;

    private final ExpandableDirectByteBuffer[] slabs = new ExpandableDirectByteBuffer[CLASSES];
    private final int[] slabUsed = new int[CLASSES];
    private final IntArrayList[] free = new IntArrayList[CLASSES];
    private final MessageFlyweight head = new MessageFlyweight();

    private long[] time = new long[16];
    private int[] source = new int[16];
    private long[] sequence = new long[16];
    private int[] handle = new int[16];
    private int size;

    /** Creates an empty queue; slabs are allocated on first use of their size class. */
    public VisibilityOrderedQueue()
    {
    }

    /** @return the largest record the queue stores. */
    public static int maxRecordLength()
    {
        return 1 << (MIN_CLASS_SHIFT + CLASSES - 1);
    }

    /** @return pending messages. */
    public int size()
    {
        return size;
    }

    /** @return visible time of the first message in order, or {@link Long#MAX_VALUE} if empty. */
    public long peekTime()
    {
        return size == 0 ? Long.MAX_VALUE : time[0];
    }

    /** @return order source of the first message in order; the queue must not be empty. */
    public int peekSource()
    {
        return source[0];
    }

    /** @return order sequence of the first message in order; the queue must not be empty. */
    public long peekSequence()
    {
        return sequence[0];
    }

    /** Removes every message. */
    public void clear()
    {
        while (size > 0)
        {
            poll();
        }
    }

    /**
     * Copies a valid record (see {@link MessageDescriptor#validate}) into the queue.
     *
     * @param message the record, e.g. as handed out by {@link MessageRing#drain}.
     * @throws IllegalArgumentException if the record is longer than {@link #maxRecordLength()}.
     */
    public void add(final MessageFlyweight message)
    {
        final int length = message.recordLength();
        final int start = reserve(length);
        slabs[sizeClassOfStart].putBytes(start, message.buffer(), message.offset(), length);
        push(message);
    }

    /**
     * Copies a record whose payload is a region reference as an inline record: the header from
     * {@code message}, the payload from {@code payload} at {@code payloadOffset}.
     */
    public void addInline(final MessageFlyweight message, final DirectBuffer payload, final int payloadOffset)
    {
        final int payloadLength = message.payloadLength();
        final int length = HEADER_LENGTH + payloadLength;
        final int start = reserve(length);
        final ExpandableDirectByteBuffer slab = slabs[sizeClassOfStart];
        slab.putBytes(start, message.buffer(), message.offset(), HEADER_LENGTH);
        slab.putInt(start + FLAGS_OFFSET, 0);
        slab.putBytes(start + PAYLOAD_OFFSET, payload, payloadOffset, payloadLength);
        push(message);
    }

    private int sizeClassOfStart;
    private int handleOfStart;

    private int reserve(final int length)
    {
        if (length > maxRecordLength())
        {
            throw new IllegalArgumentException("record of " + length + " bytes exceeds " + maxRecordLength());
        }
        final int cls = sizeClass(length);
        if (slabs[cls] == null)
        {
            slabs[cls] = new ExpandableDirectByteBuffer(4 << (MIN_CLASS_SHIFT + cls));
            free[cls] = new IntArrayList();
        }
        final int slot = allocate(cls);
        sizeClassOfStart = cls;
        handleOfStart = (cls << INDEX_BITS) | slot;
        return slot << (MIN_CLASS_SHIFT + cls);
    }

    private void push(final MessageFlyweight message)
    {
        if (size == time.length)
        {
            grow();
        }
        final int i = size++;
        time[i] = message.visibleTime();
        source[i] = message.sourceVtask();
        sequence[i] = message.orderSequence();
        handle[i] = handleOfStart;
        siftUp(i);
    }

    /**
     * @return the first message in order, wrapped in place, valid until the next {@link #poll()} or
     *         {@link #add}; {@code null} if empty.
     */
    public MessageFlyweight peek()
    {
        if (size == 0)
        {
            return null;
        }
        final int h = handle[0];
        final int cls = h >>> INDEX_BITS;
        return head.wrap(slabs[cls], (h & ((1 << INDEX_BITS) - 1)) << (MIN_CLASS_SHIFT + cls));
    }

    /** Removes the first message in order (its bytes may be reused at once). */
    public void poll()
    {
        if (size == 0)
        {
            throw new IllegalStateException("queue is empty");
        }
        final int h = handle[0];
        free[h >>> INDEX_BITS].addInt(h & ((1 << INDEX_BITS) - 1));
        size--;
        if (size > 0)
        {
            move(size, 0);
            siftDown(0);
        }
    }

    private static int sizeClass(final int length)
    {
        final int bits = 32 - Integer.numberOfLeadingZeros(Math.max(length, 1) - 1);
        return Math.max(0, bits - MIN_CLASS_SHIFT);
    }

    private int allocate(final int cls)
    {
        final IntArrayList list = free[cls];
        if (!list.isEmpty())
        {
            return list.removeAt(list.size() - 1);
        }
        final int slot = slabUsed[cls]++;
        slabs[cls].checkLimit((slot + 1) << (MIN_CLASS_SHIFT + cls));
        return slot;
    }

    private void grow()
    {
        final int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        source = Arrays.copyOf(source, n);
        sequence = Arrays.copyOf(sequence, n);
        handle = Arrays.copyOf(handle, n);
    }

    private boolean less(final int a, final int b)
    {
        if (time[a] != time[b])
        {
            return time[a] < time[b];
        }
        if (source[a] != source[b])
        {
            return source[a] < source[b];
        }
        return sequence[a] < sequence[b];
    }

    private void move(final int from, final int to)
    {
        time[to] = time[from];
        source[to] = source[from];
        sequence[to] = sequence[from];
        handle[to] = handle[from];
    }

    private void swap(final int a, final int b)
    {
        final long t = time[a];
        final int s = source[a];
        final long q = sequence[a];
        final int h = handle[a];
        move(b, a);
        time[b] = t;
        source[b] = s;
        sequence[b] = q;
        handle[b] = h;
    }

    private void siftUp(int i)
    {
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!less(i, parent))
            {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i)
    {
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                return;
            }
            int child = left;
            if (left + 1 < size && less(left + 1, left))
            {
                child = left + 1;
            }
            if (!less(child, i))
            {
                return;
            }
            swap(i, child);
            i = child;
        }
    }
}
