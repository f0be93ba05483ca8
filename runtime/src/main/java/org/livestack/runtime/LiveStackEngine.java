package org.livestack.runtime;

import org.livestack.api.RunReport;
import org.livestack.api.spi.SimulationEngine;
import org.livestack.api.spi.SimulationSpec;

/** The runtime's {@link SimulationEngine}, found by {@link java.util.ServiceLoader}. */
public final class LiveStackEngine implements SimulationEngine
{
    /** Creates the engine (used by the service loader). */
    public LiveStackEngine()
    {
    }

    @Override
    public RunReport run(final SimulationSpec spec)
    {
        return new VirtualTimeScheduler(spec).run();
    }
}
