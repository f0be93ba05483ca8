package org.livestack.api;

/**
 * The body of a self-running vtask: code that runs on a thread of its own (as a vCPU or an
 * external process does), asks the scheduler for its grant, runs up to it, reports progress, and
 * blocks and wakes on messages, all through {@link VTaskControl}.
 *
 * <p>Returning normally marks the vtask DONE. A {@link SimulationStoppedException} propagating out
 * is the normal end at the horizon. Any other exception is a fault handled by the simulation's
 * {@link FaultPolicy}.
 */
@FunctionalInterface
public interface SelfRunningTask
{
    /**
     * @param control this vtask's control; use it only from the calling thread.
     * @throws Exception any failure, handled by the fault policy.
     */
    void run(VTaskControl control) throws Exception;

    /**
     * What this vtask reports about itself in {@link RunReport.VTaskStats#details()}, read once when
     * the run ends (after {@link #run} returned or was abandoned, so implementations publish what
     * they show safely).
     *
     * @return name to value, in display order; empty by default.
     */
    default java.util.Map<String, String> details()
    {
        return java.util.Map.of();
    }
}
