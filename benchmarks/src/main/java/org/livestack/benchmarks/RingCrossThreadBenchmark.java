package org.livestack.benchmarks;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.livestack.runtime.ipc.MessageRing;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process ring across threads against {@link ArrayBlockingQueue} in the same run: one
 * producer and one consumer ({@code ring1to1}, {@code abq1to1}), and three producers into one
 * consumer ({@code ring3to1}, {@code abq3to1}). The {@code received} counter is messages taken by the
 * consumer per second (the method scores count calls, including failed offers on a full channel and
 * empty polls). On 2 cores the 3->1 groups oversubscribe the machine.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar RingCrossThreadBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
public class RingCrossThreadBenchmark
{
    private static final int PAYLOAD = 32;
    private static final Object TOKEN = new Object();

    /** One ring, one queue, shared by a group's threads. */
    @State(Scope.Group)
    public static class Channel
    {
        final MessageRing ring = MessageRing.allocate(1 << 20);
        final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(16_384);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);
        final MessageRing.Consumer sink = m -> { };
    }

    /** Messages the consumer took. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Received
    {
        /** Messages taken. */
        public long received;

        @Setup(Level.Iteration)
        public void reset()
        {
            received = 0;
        }
    }

    private static boolean offer(final Channel c)
    {
        return c.ring.offer(1, 1, 1, 1, 0, 1, 1, c.payload, 0, PAYLOAD);
    }

    @Benchmark
    @Group("ring1to1")
    @GroupThreads(1)
    public boolean ringProducer(final Channel c)
    {
        return offer(c);
    }

    @Benchmark
    @Group("ring1to1")
    @GroupThreads(1)
    public int ringConsumer(final Channel c, final Received r)
    {
        final int n = c.ring.drain(c.sink, p -> { }, 1);
        r.received += n;
        return n;
    }

    @Benchmark
    @Group("abq1to1")
    @GroupThreads(1)
    public boolean abqProducer(final Channel c)
    {
        return c.queue.offer(TOKEN);
    }

    @Benchmark
    @Group("abq1to1")
    @GroupThreads(1)
    public Object abqConsumer(final Channel c, final Received r)
    {
        final Object o = c.queue.poll();
        r.received += o != null ? 1 : 0;
        return o;
    }

    @Benchmark
    @Group("ring3to1")
    @GroupThreads(3)
    public boolean ringProducers(final Channel c)
    {
        return offer(c);
    }

    @Benchmark
    @Group("ring3to1")
    @GroupThreads(1)
    public int ringSink(final Channel c, final Received r)
    {
        final int n = c.ring.drain(c.sink, p -> { }, 1);
        r.received += n;
        return n;
    }

    @Benchmark
    @Group("abq3to1")
    @GroupThreads(3)
    public boolean abqProducers(final Channel c)
    {
        return c.queue.offer(TOKEN);
    }

    @Benchmark
    @Group("abq3to1")
    @GroupThreads(1)
    public Object abqSink(final Channel c, final Received r)
    {
        final Object o = c.queue.poll();
        r.received += o != null ? 1 : 0;
        return o;
    }
}
