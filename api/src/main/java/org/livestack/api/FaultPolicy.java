package org.livestack.api;

/** What the runtime does with a vtask that hangs (watchdog) or throws from its code. */
public enum FaultPolicy
{
    /** End the run with a {@link SimulationException} that names the vtask. */
    FAIL,
    /**
     * Mark the vtask {@link VTaskState#FAULTED}, drop its pending messages (counted as dropped),
     * exclude it from every scope and go on. A hung handler's thread is abandoned: the runtime
     * replaces the worker; any later call the hung code makes on its context throws.
     */
    ISOLATE
}
