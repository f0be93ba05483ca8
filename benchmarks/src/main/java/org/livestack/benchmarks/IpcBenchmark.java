package org.livestack.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.livestack.runtime.ipc.MessageFlyweight;
import org.livestack.runtime.ipc.MessageRing;
import org.livestack.runtime.ipc.VisibilityOrderedQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The IPC path with its baselines in the same run: message encode/decode; the visibility-ordered
 * queue against {@link PriorityQueue} at {@code pending} queued messages (insert one, take the
 * earliest); the in-process ring against {@link ArrayBlockingQueue} (write one, read one, one thread);
 * the cross-process path: the same ring in a memory-mapped file, written through one mapping and
 * read through another (as a second process maps it; {@code mappedRingWriteRead}).
 * Cross-thread throughput is measured by {@code RingTransportThroughput}.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar IpcBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Thread)
public class IpcBenchmark
{
    @Param({"64", "4096"})
    public int pending;

    private static final int PAYLOAD = 32;
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);
    private final MessageFlyweight flyweight = new MessageFlyweight();
    private VisibilityOrderedQueue ordered;
    private PriorityQueue<Pending> baseline;
    private MessageRing ring;
    private ArrayBlockingQueue<Pending> blocking;
    private Path mappedFile;
    private MessageRing mappedWriter;
    private MessageRing mappedReader;
    private final MessageRing.Consumer sink = m -> last = m.visibleTime();
    private long last;
    private long time;
    private long x = 88172645463325252L;

    /** The baseline's element: what the ordered queue orders by, plus a payload reference. */
    record Pending(long time, int source, long sequence, byte[] payload) implements Comparable<Pending>
    {
        @Override
        public int compareTo(final Pending o)
        {
            final int c = Long.compare(time, o.time);
            if (c != 0)
            {
                return c;
            }
            final int s = Integer.compare(source, o.source);
            return s != 0 ? s : Long.compare(sequence, o.sequence);
        }
    }

    @Setup
    public void setUp()
    {
        ordered = new VisibilityOrderedQueue();
        baseline = new PriorityQueue<>();
        for (int i = 0; i < pending; i++)
        {
            final long t = nextTime();
            MessageFlyweight.encode(record, 0, t, 0, i, 1, 0, 1, 1, payload, 0, PAYLOAD);
            ordered.add(flyweight.wrap(record, 0));
            baseline.add(new Pending(t, 1, i, new byte[PAYLOAD]));
        }
        ring = MessageRing.allocate(1 << 16);
        blocking = new ArrayBlockingQueue<>(1024);
        try
        {
            mappedFile = Files.createTempFile("livestack-ipc", ".ring");
            mappedWriter = MessageRing.map(mappedFile, 1 << 16);
            mappedReader = MessageRing.map(mappedFile, 1 << 16);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown
    public void tearDown() throws IOException
    {
        Files.deleteIfExists(mappedFile);
    }

    private long nextTime()
    {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return time + (x & 4095);
    }

    @Benchmark
    public long encodeDecode()
    {
        MessageFlyweight.encode(record, 0, ++time, time, time, 3, 4, 5, 6, payload, 0, PAYLOAD);
        final MessageFlyweight m = flyweight.wrap(record, 0);
        return m.visibleTime() + m.sequence() + m.sourceVtask();
    }

    @Benchmark
    public long orderedQueueInsertPoll()
    {
        time++;
        MessageFlyweight.encode(record, 0, nextTime(), 0, time, 1, 0, 1, 1, payload, 0, PAYLOAD);
        ordered.add(flyweight.wrap(record, 0));
        final long t = ordered.peekTime();
        ordered.poll();
        return t;
    }

    @Benchmark
    public long priorityQueueInsertPoll()
    {
        time++;
        baseline.add(new Pending(nextTime(), 1, time, new byte[PAYLOAD]));
        return baseline.poll().time();
    }

    @Benchmark
    public long ringWriteRead()
    {
        ring.offer(++time, time, time, 1, 0, 1, 1, payload, 0, PAYLOAD);
        ring.drain(sink, p -> { }, 1);
        return last;
    }

    @Benchmark
    public long mappedRingWriteRead()
    {
        mappedWriter.offer(++time, time, time, 1, 0, 1, 1, payload, 0, PAYLOAD);
        mappedReader.drain(sink, p -> { }, 1);
        return last;
    }

    @Benchmark
    public long arrayBlockingQueueWriteRead()
    {
        blocking.offer(new Pending(++time, 1, time, new byte[PAYLOAD]));
        return blocking.poll().time();
    }
}
