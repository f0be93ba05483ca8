package org.livestack.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.UnsafeBuffer;
import org.livestack.runtime.ipc.MessageDescriptor;
import org.livestack.runtime.ipc.MessageRing;

/**
 * Macro benchmark of the message transport: 64-byte-payload records through a
 * {@link MessageRing}, 1 producer -> 1 consumer and 4 producers -> 1 consumer, in process and
 * through a memory-mapped file (two mappings of one file, as two processes would have). Reports
 * messages/s and the mean latency from write to read (System.nanoTime in the payload). Usage:
 * {@code RingTransportThroughput [messagesPerProducer]}.
 */
public final class RingTransportThroughput
{
    private RingTransportThroughput()
    {
    }

    /**
     * @param args optional messages per producer.
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final long perProducer = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000;
        System.out.printf(Locale.ROOT, "%-22s %14s %16s%n", "path", "messages/s", "mean latency ns");
        for (int round = 0; round < 2; round++)
        {
            final boolean print = round == 1;
            run("in-process 1->1", MessageRing.allocate(1 << 20), null, 1, perProducer, print);
            run("in-process 4->1", MessageRing.allocate(1 << 20), null, 4, perProducer / 4, print);
            final Path dir = Files.createTempDirectory("livestack-ring");
            final Path file = dir.resolve("ring");
            run("mapped file 1->1", MessageRing.map(file, 1 << 20), MessageRing.map(file, 1 << 20), 1, perProducer, print);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void run(final String name, final MessageRing producerView, final MessageRing consumerView,
        final int producers, final long perProducer, final boolean print) throws InterruptedException
    {
        final MessageRing consumerRing = consumerView == null ? producerView : consumerView;
        final AtomicBoolean go = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int source = p;
            final Thread t = new Thread(() ->
            {
                final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
                while (!go.get())
                {
                    Thread.onSpinWait();
                }
                for (long i = 0; i < perProducer; i++)
                {
                    payload.putLong(0, System.nanoTime());
                    while (!producerView.offer(i, i, i, source, source, 0, 1, payload, 0, 64))
                    {
                        Thread.onSpinWait();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        final long total = perProducer * producers;
        final long[] state = new long[2]; // received, latency sum
        final MessageRing.Consumer consumer = m ->
        {
            state[0]++;
            state[1] += System.nanoTime() - m.buffer().getLong(m.offset() + MessageDescriptor.PAYLOAD_OFFSET);
        };
        final MessageRing.ErrorHandler errors = e ->
        {
            throw new IllegalStateException(e);
        };
        final long start = System.nanoTime();
        go.set(true);
        while (state[0] < total)
        {
            if (consumerRing.drain(consumer, errors, 4096) == 0)
            {
                Thread.onSpinWait();
            }
        }
        final long wall = System.nanoTime() - start;
        for (final Thread t : threads)
        {
            t.join();
        }
        if (print)
        {
            System.out.printf(Locale.ROOT, "%-22s %,14.0f %,16.0f%n", name, total * 1e9 / wall, (double)state[1] / total);
        }
    }
}
