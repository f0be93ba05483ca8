package org.livestack.runtime.junit;

import org.livestack.api.RunReport;
import org.livestack.api.Simulation;

/**
 * One test's simulations: {@link #builder()} gives a builder already seeded with the test's seed;
 * {@link #run(Simulation.Builder)} builds and runs it and keeps the report, which the extension
 * writes out if the test fails.
 */
public final class SimulationHarness
{
    private final long seed;
    private RunReport last;
    private int runs;

    SimulationHarness(final long seed)
    {
        this.seed = seed;
    }

    /** @return the seed of this test's simulations. */
    public long seed()
    {
        return seed;
    }

    /** @return a new builder with this test's seed. */
    public Simulation.Builder builder()
    {
        return Simulation.builder().seed(seed);
    }

    /** Builds and runs {@code builder}; the report is kept for the failure record. */
    public RunReport run(final Simulation.Builder builder)
    {
        runs++;
        last = builder.build().run();
        return last;
    }

    /** @return the report of the last run, or {@code null} if nothing ran. */
    public RunReport lastReport()
    {
        return last;
    }

    /** @return how many simulations this test ran. */
    public int runs()
    {
        return runs;
    }
}
