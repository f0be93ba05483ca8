package org.livestack.runtime.ipc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageRingTest
{
    @Test
    void manySendersOneReceiverDeliversEveryMessageInVisibilityOrder() throws Exception
    {
        for (long seed = 1; seed <= 10; seed++)
        {
            final MessageRing ring = MessageRing.allocate(1 << 16);
            final int senders = 4;
            final int perSender = 20_000;
            final CountDownLatch start = new CountDownLatch(1);
            final List<Thread> threads = new ArrayList<>();
            final long runSeed = seed;
            for (int s = 0; s < senders; s++)
            {
                final int source = s;
                final Thread t = new Thread(() ->
                {
                    final SplittableRandom r = new SplittableRandom(runSeed * 100 + source);
                    final UnsafeBuffer payload = new UnsafeBuffer(new byte[32]);
                    try
                    {
                        start.await();
                    }
                    catch (final InterruptedException e)
                    {
                        return;
                    }
                    for (long seq = 0; seq < perSender; seq++)
                    {
                        final long send = seq * 10;
                        final long visible = send + r.nextLong(1, 500);
                        payload.putLong(0, source * 1_000_000L + seq);
                        while (!ring.offer(visible, send, seq, source, source, 99, 1, payload, 0, 8 + (int)(seq % 24)))
                        {
                            Thread.onSpinWait();
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            start.countDown();
            final VisibilityOrderedQueue pending = new VisibilityOrderedQueue();
            final Set<Long> seen = new HashSet<>();
            final List<String> errors = new ArrayList<>();
            long lastTime = -1;
            int lastSource = -1;
            long lastSeq = -1;
            long received = 0;
            final long total = (long)senders * perSender;
            final long[] highestSent = new long[senders];
            while (received < total)
            {
                ring.drain(m ->
                {
                    assertThat(m.payloadLength()).isBetween(8, 31);
                    pending.add(m);
                }, errors::add, 256);
                if (allDone(threads))
                {
                    // one read stops at the end of the buffer: read until nothing is left
                    while (ring.drain(pending::add, errors::add, Integer.MAX_VALUE) > 0)
                    {
                        Thread.onSpinWait();
                    }
                    while (pending.size() > 0)
                    {
                        final MessageFlyweight m = pending.peek();
                        final long t = m.visibleTime();
                        assertThat(t > lastTime || (t == lastTime && (m.sourceVtask() > lastSource ||
                            (m.sourceVtask() == lastSource && m.sequence() > lastSeq))))
                            .as("seed %d: order at %d/%d/%d after %d/%d/%d", runSeed, t, m.sourceVtask(), m.sequence(),
                                lastTime, lastSource, lastSeq).isTrue();
                        assertThat(m.buffer().getLong(m.offset() + MessageDescriptor.PAYLOAD_OFFSET))
                            .isEqualTo(m.sourceVtask() * 1_000_000L + m.sequence());
                        assertThat(seen.add(m.sourceVtask() * 1_000_000L + m.sequence())).isTrue();
                        lastTime = t;
                        lastSource = m.sourceVtask();
                        lastSeq = m.sequence();
                        highestSent[m.sourceVtask()] = Math.max(highestSent[m.sourceVtask()], m.sequence());
                        pending.poll();
                        received++;
                    }
                }
            }
            assertThat(errors).isEmpty();
            assertThat(seen).hasSize((int)total);
            assertThat(highestSent).containsOnly(perSender - 1L);
        }
    }

    private static boolean allDone(final List<Thread> threads)
    {
        for (final Thread t : threads)
        {
            if (t.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    @Test
    void malformedRecordsAreSkippedCountedAndReportedWithoutCorruptingTheRest()
    {
        final MessageRing ring = MessageRing.allocate(1 << 12);
        final UnsafeBuffer raw = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[16]);

        ring.offer(10, 5, 0, 1, 1, 2, 3, payload, 0, 16);                               // valid
        ring.ring().write(MessageDescriptor.MSG_TYPE_ID, raw, 0, 20);                     // truncated header
        MessageFlyweight.encodeHeader(raw, 0, 10, 5, 1, 1, 1, 2, 3, 0, 100);
        ring.ring().write(MessageDescriptor.MSG_TYPE_ID, raw, 0, MessageDescriptor.HEADER_LENGTH + 16); // length lies
        MessageFlyweight.encodeHeader(raw, 0, 10, 5, 2, 1, 1, 2, 3, 0x80, 0);
        ring.ring().write(MessageDescriptor.MSG_TYPE_ID, raw, 0, MessageDescriptor.HEADER_LENGTH);       // unknown flag
        MessageFlyweight.encodeHeader(raw, 0, 10, 5, 3, 1, 1, 2, 3, MessageDescriptor.FLAG_PAYLOAD_REFERENCE, 64);
        raw.putLong(MessageDescriptor.PAYLOAD_OFFSET, 1L << 40);
        ring.ring().write(MessageDescriptor.MSG_TYPE_ID, raw, 0,
            MessageDescriptor.HEADER_LENGTH + MessageDescriptor.REFERENCE_LENGTH);                      // reference out of range
        MessageFlyweight.encodeHeader(raw, 0, 4, 5, 4, 1, 1, 2, 3, 0, 0);
        ring.ring().write(MessageDescriptor.MSG_TYPE_ID, raw, 0, MessageDescriptor.HEADER_LENGTH);       // visible < send
        ring.ring().write(7, raw, 0, MessageDescriptor.HEADER_LENGTH);                                   // unknown type
        ring.offer(20, 6, 1, 1, 1, 2, 3, payload, 0, 0);                                // valid

        final List<String> errors = new ArrayList<>();
        final List<Long> delivered = new ArrayList<>();
        ring.drain(m -> delivered.add(m.sequence()), errors::add, 100);
        assertThat(delivered).containsExactly(0L, 1L);
        assertThat(ring.invalidRecords()).isEqualTo(6);
        assertThat(errors).hasSize(6);
        assertThat(errors.get(0)).contains("truncated record: 20 bytes");
        assertThat(errors.get(1)).contains("inline payload length 100 does not match the record length " +
            (MessageDescriptor.HEADER_LENGTH + 16));
        assertThat(errors.get(2)).contains("unknown flags 0x80");
        assertThat(errors.get(3)).contains("outside the payload region of 0 bytes");
        assertThat(errors.get(4)).contains("bad times: send 5 ns, visible 4 ns");
        assertThat(errors.get(5)).contains("unknown record type 7");
    }

    @Test
    void oneDrainReadsAcrossTheWrapEvenWhenOnlyPaddingPrecedesIt()
    {
        final MessageRing ring = MessageRing.allocate(1 << 12);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
        // 136-byte records (8 ring header + 64 + 64): 30 fill 4,080 bytes, the 31st needs a padding
        // record for the last 16 bytes and wraps to index 0; 170 records wrap five times
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < 34; i++)
            {
                assertThat(ring.offer(i, i, i, 1, 1, 2, 3, payload, 0, 64)).isTrue();
                final List<Long> got = new ArrayList<>();
                assertThat(ring.drain(m -> got.add(m.sequence()), e ->
                {
                    throw new AssertionError(e);
                }, 100)).as("round %d record %d", round, i).isEqualTo(1);
                assertThat(got).containsExactly((long)i);
            }
        }
    }

    @Test
    void ringsWorkOverAMappedFileSharedByTwoMappings(@TempDir final Path dir)
    {
        final Path file = dir.resolve("vtask-3.ring");
        final MessageRing producer = MessageRing.map(file, 1 << 12);
        final MessageRing consumer = MessageRing.map(file, 1 << 12);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[8]);
        for (int i = 0; i < 50; i++)
        {
            payload.putLong(0, i * 7L);
            assertThat(producer.offer(100 + i, i, i, 5, 6, 7, 8, payload, 0, 8)).isTrue();
        }
        final List<Long> got = new ArrayList<>();
        consumer.drain(m -> got.add(m.buffer().getLong(m.offset() + MessageDescriptor.PAYLOAD_OFFSET)), e ->
        {
            throw new AssertionError(e);
        }, 100);
        assertThat(got).hasSize(50).startsWith(0L, 7L, 14L);
        assertThat(Files.exists(file)).isTrue();
        assertThatThrownBy(() -> MessageRing.map(file, 1 << 13))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs");
    }
}
