package org.livestack.runtime.ipc;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityOrderedQueueTest
{
    private record Key(long time, int source, long sequence, int length)
    {
    }

    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::time).thenComparingInt(Key::source)
        .thenComparingLong(Key::sequence);

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[70_000]);
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[70_000]);
    private final MessageFlyweight fly = new MessageFlyweight();

    private MessageFlyweight record(final long time, final int source, final long seq, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            payload.putByte(i, (byte)(seq * 31 + source + i));
        }
        MessageFlyweight.encode(scratch, 0, time, Math.max(0, time - 5), seq, source, source * 2, 7, 3, payload, 0, length);
        return fly.wrap(scratch, 0);
    }

    @Test
    void pollsInVisibilityThenSourceThenSequenceOrderMatchingAReferenceQueue()
    {
        for (long seed = 1; seed <= 200; seed++)
        {
            final SplittableRandom r = new SplittableRandom(seed);
            final VisibilityOrderedQueue q = new VisibilityOrderedQueue();
            final PriorityQueue<Key> reference = new PriorityQueue<>(ORDER);
            final long[] nextSeq = new long[8];
            for (int step = 0; step < 2_000; step++)
            {
                if (r.nextInt(3) > 0 || reference.isEmpty())
                {
                    final int source = r.nextInt(8);
                    final Key k = new Key(r.nextLong(0, 500), source, nextSeq[source]++,
                        r.nextInt(10) == 0 ? r.nextInt(5_000) : r.nextInt(64));
                    q.add(record(k.time(), k.source(), k.sequence(), k.length()));
                    reference.add(k);
                }
                else
                {
                    final Key expected = reference.poll();
                    final MessageFlyweight head = q.peek();
                    assertThat(q.peekTime()).as("seed %d", seed).isEqualTo(expected.time());
                    assertThat(head.sourceVtask()).as("seed %d", seed).isEqualTo(expected.source());
                    assertThat(head.sequence()).as("seed %d", seed).isEqualTo(expected.sequence());
                    assertThat(head.payloadLength()).as("seed %d", seed).isEqualTo(expected.length());
                    for (int i = 0; i < expected.length(); i += 97)
                    {
                        assertThat(head.buffer().getByte(head.offset() + MessageDescriptor.PAYLOAD_OFFSET + i))
                            .as("seed %d payload byte %d", seed, i)
                            .isEqualTo((byte)(expected.sequence() * 31 + expected.source() + i));
                    }
                    q.poll();
                }
                assertThat(q.size()).isEqualTo(reference.size());
            }
        }
    }

    @Test
    void steadyStateAddAndPollAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final VisibilityOrderedQueue q = new VisibilityOrderedQueue();
        final SplittableRandom r = new SplittableRandom(3);
        for (int round = 0; round < 3; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++)
            {
                q.add(record(r.nextLong(0, 1_000), i & 7, i, i & 255));
                if (q.size() > 500)
                {
                    q.peek();
                    q.poll();
                }
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 2)
            {
                assertThat(allocated).as("bytes allocated by 100,000 add/poll after warm-up").isZero();
            }
        }
    }
}
