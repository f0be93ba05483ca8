package org.livestack.benchmarks;

import java.util.concurrent.TimeUnit;

import org.livestack.api.RunReport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one 1,000-component ring run per invocation; the {@code events} counter reports modeled
 * events per second. Run: {@code java -jar benchmarks/target/benchmarks.jar RingBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class RingBenchmark
{
    /** Worker threads. */
    @Param({"1", "2"})
    public int workers;

    /** Skew bound in ns (the link latency is 1,000 ns). */
    @Param({"0", "1000"})
    public long skew;

    /** Events handled, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events
    {
        /** Events handled in the iteration. */
        public long events;

        /** Resets the counter. */
        @Setup(Level.Iteration)
        public void reset()
        {
            events = 0;
        }
    }

    /**
     * @param counter event counter.
     * @return the report, consumed by JMH.
     */
    @Benchmark
    public RunReport ring(final Events counter)
    {
        final RunReport report = RingTopology.build(1_000, 1, 1_000, skew, 200_000, workers).run();
        counter.events += report.totalEvents();
        return report;
    }
}
