package org.livestack.runtime;

import java.util.Arrays;

/**
 * Indexed binary min-heap of actors by {@link ActorVTask#heapKey} (ties by id). Holds only actors
 * with a finite key; O(log n) update, O(1) minimum. Single-threaded (owned by one worker).
 */
final class ActorHeap
{
    private ActorVTask[] heap = new ActorVTask[16];
    private int size;

    long minKey()
    {
        return size == 0 ? VirtualTime.INFINITY : heap[0].heapKey;
    }

    ActorVTask peek()
    {
        return size == 0 ? null : heap[0];
    }

    int size()
    {
        return size;
    }

    /** Re-keys an actor: inserts, moves or removes it (infinite key) as needed. */
    void update(final ActorVTask a, final long key)
    {
        final int i = a.heapIndex;
        if (key == VirtualTime.INFINITY)
        {
            a.heapKey = key;
            if (i >= 0)
            {
                removeAt(i);
            }
            return;
        }
        if (i < 0)
        {
            if (size == heap.length)
            {
                heap = Arrays.copyOf(heap, size * 2);
            }
            a.heapKey = key;
            heap[size] = a;
            a.heapIndex = size;
            size++;
            siftUp(size - 1);
            return;
        }
        final long old = a.heapKey;
        a.heapKey = key;
        if (key < old)
        {
            siftUp(i);
        }
        else if (key > old)
        {
            siftDown(i);
        }
    }

    private void removeAt(final int i)
    {
        final ActorVTask removed = heap[i];
        removed.heapIndex = -1;
        size--;
        if (i == size)
        {
            heap[size] = null;
            return;
        }
        final ActorVTask last = heap[size];
        heap[size] = null;
        heap[i] = last;
        last.heapIndex = i;
        siftDown(i);
        siftUp(last.heapIndex);
    }

    private static boolean less(final ActorVTask a, final ActorVTask b)
    {
        return a.heapKey < b.heapKey || (a.heapKey == b.heapKey && a.task.id() < b.task.id());
    }

    private void siftUp(int i)
    {
        final ActorVTask a = heap[i];
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            final ActorVTask p = heap[parent];
            if (!less(a, p))
            {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = a;
        a.heapIndex = i;
    }

    private void siftDown(int i)
    {
        final ActorVTask a = heap[i];
        final int half = size >>> 1;
        while (i < half)
        {
            int child = 2 * i + 1;
            final int right = child + 1;
            if (right < size && less(heap[right], heap[child]))
            {
                child = right;
            }
            if (!less(heap[child], a))
            {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = a;
        a.heapIndex = i;
    }
}
