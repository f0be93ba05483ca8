package org.livestack.api.spi;

import org.livestack.api.RunReport;

/**
 * Executes a validated {@link SimulationSpec}. The api finds the engine with
 * {@link java.util.ServiceLoader}; the runtime module provides one.
 */
public interface SimulationEngine
{
    /**
     * Runs the simulation to its end and reports.
     *
     * @param spec the validated simulation.
     * @return the report.
     * @throws org.livestack.api.SimulationException if the run fails.
     */
    RunReport run(SimulationSpec spec);
}
