package org.livestack.runtime;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.livestack.api.Component;
import org.livestack.api.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * The scheduler's sync path, piece by piece (in the runtime's package to reach its internals):
 *
 * <ul>
 * <li>{@code advanceAndGrant}: one member of a scope of {@code members} advances its vtime (re-key
 *     in the worker's indexed heap), the scope minimum is read back and the grant decision for the
 *     next member is taken ({@code key <= minimum + S}). Goal: under 50 ns.</li>
 * <li>{@code publish} / {@code snapshot}: a worker publishes its partial minimum (a volatile store)
 *     and a reader computes a scope's vtime over the workers' contribution words (inboundMin and
 *     partial, with the decrease-counter retry); alone and contended (one publisher, one reader on
 *     two threads, {@code contended} group).</li>
 * <li>{@code blockAndWake}: a member blocks (leaves the heap, so the scope minimum no longer waits
 *     for it), the minimum and grant are read, and a message wakes it at its old vtime (re-enters
 *     the heap); same scopes as {@code advanceAndGrant}.</li>
 * <li>{@code parkWake} / {@code spinWake}: a hand-off between two threads, each waiting for the other
 *     to raise a shared word, as a worker waits for a grant another worker's publish unlocks: the
 *     runtime's {@code Parker} (announce, re-check, park; the publisher wakes it) against pure
 *     spinning on the word (the baseline). A call waits for the other thread's pass, then makes
 *     its own, so each score is one round trip (two hand-offs).</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SyncPathBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
public class SyncPathBenchmark
{
    private static final long SKEW = 1_000;

    /** A worker's heap of {@code members} actors with random keys. */
    @State(Scope.Thread)
    public static class Members
    {
        @Param({"2", "64", "4096"})
        public int members;

        ActorHeap heap;
        ActorVTask[] actors;
        long[] steps;
        int next;

        @Setup
        public void setUp()
        {
            final Simulation.Builder b = Simulation.builder();
            heap = new ActorHeap();
            actors = new ActorVTask[members];
            final SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < members; i++)
            {
                actors[i] = new ActorVTask(b.component("m" + i, new Component()
                {
                }), null, new int[] {0}, 1);
                heap.update(actors[i], r.nextLong(1_000_000));
            }
            steps = new long[1024];
            for (int i = 0; i < steps.length; i++)
            {
                steps[i] = 1 + r.nextLong(2_000);
            }
        }
    }

    @Benchmark
    public boolean advanceAndGrant(final Members m)
    {
        final int i = m.next;
        m.next = i + 1 == m.members ? 0 : i + 1;
        final ActorVTask a = m.actors[i];
        m.heap.update(a, a.heapKey + m.steps[i & 1023]);   // publish the advance
        final long grant = m.heap.minKey() + SKEW;            // the scope minimum, the grant
        return m.actors[m.next].heapKey <= grant;             // may the next member run?
    }

    @Benchmark
    public boolean blockAndWake(final Members m)
    {
        final int i = m.next;
        m.next = i + 1 == m.members ? 0 : i + 1;
        final ActorVTask a = m.actors[i];
        final long key = a.heapKey;
        m.heap.update(a, VirtualTime.INFINITY);           // block: excluded from the minimum
        final long whileBlocked = m.heap.minKey() + SKEW;
        m.heap.update(a, key);                             // a message wakes it at its vtime
        final long grant = m.heap.minKey() + SKEW;
        return m.actors[m.next].heapKey <= Math.min(grant, whileBlocked);
    }

    /** A word two threads hand back and forth, and each side's parker. */
    @State(Scope.Group)
    public static class HandOff
    {
        final Parker.Registry registry = new Parker.Registry();
        final Parker[] parkers = {new Parker(registry), new Parker(registry)};
        final java.util.concurrent.atomic.AtomicLong turn = new java.util.concurrent.atomic.AtomicLong();
    }

    private static long parkedPass(final HandOff h, final int me, final Control control)
    {
        final Parker self = h.parkers[me];
        self.thread = Thread.currentThread();
        while ((h.turn.get() & 1) != me)
        {
            if (control.stopMeasurement)
            {
                return -1;
            }
            self.prepare();
            if ((h.turn.get() & 1) == me)
            {
                self.cancel();
                break;
            }
            self.park(1_000_000);
        }
        final long t = h.turn.incrementAndGet();
        h.parkers[1 - me].wake();
        return t;
    }

    private static long spinningPass(final HandOff h, final int me, final Control control)
    {
        while ((h.turn.get() & 1) != me)
        {
            if (control.stopMeasurement)
            {
                return -1;
            }
            Thread.onSpinWait();
        }
        return h.turn.incrementAndGet();
    }

    @Benchmark
    @Group("parkWake")
    @GroupThreads(1)
    public long parkWakeEven(final HandOff h, final Control control)
    {
        return parkedPass(h, 0, control);
    }

    @Benchmark
    @Group("parkWake")
    @GroupThreads(1)
    public long parkWakeOdd(final HandOff h, final Control control)
    {
        return parkedPass(h, 1, control);
    }

    @Benchmark
    @Group("spinWake")
    @GroupThreads(1)
    public long spinWakeEven(final HandOff h, final Control control)
    {
        return spinningPass(h, 0, control);
    }

    @Benchmark
    @Group("spinWake")
    @GroupThreads(1)
    public long spinWakeOdd(final HandOff h, final Control control)
    {
        return spinningPass(h, 1, control);
    }

    /** Two workers' contribution words for one scope, and the decrease counter. */
    @State(Scope.Group)
    public static class Table
    {
        final ContributionTable table = new ContributionTable(2, 1);
        final java.util.concurrent.atomic.AtomicLong decreases = new java.util.concurrent.atomic.AtomicLong();
        long vtime;
    }

    private static long scopeMinimum(final Table t)
    {
        while (true)
        {
            final long before = t.decreases.get();
            long min = VirtualTime.INFINITY;
            for (int w = 0; w < 2; w++)
            {
                min = Math.min(min, t.table.inboundMin(w));
                min = Math.min(min, t.table.partial(w, 0));
            }
            if (t.decreases.get() == before)
            {
                return min;
            }
        }
    }

    @Benchmark
    @Group("alone")
    public long publishThenSnapshot(final Table t)
    {
        t.table.partial(0, 0, ++t.vtime);
        return scopeMinimum(t);
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public long publish(final Table t)
    {
        return t.table.partial(0, 0, ++t.vtime);
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public long snapshot(final Table t)
    {
        return scopeMinimum(t);
    }
}
