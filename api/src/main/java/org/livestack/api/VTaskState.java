package org.livestack.api;

/**
 * Life-cycle state of a {@link VTask}, as defined by the scheduling semantics.
 *
 * <ul>
 *   <li>{@link #RUNNABLE}: has work at or after its vtime; counted in every scope minimum.</li>
 *   <li>{@link #RUNNING}: executing on a worker or its own thread; counted.</li>
 *   <li>{@link #BLOCKED}: waiting for a message (or a wake-up time); excluded from scope minima
 *       and forwarded to its scopes' vtime when it wakes. A modeled component with no pending
 *       event is BLOCKED in this sense: it waits for a message.</li>
 *   <li>{@link #DONE}: finished; excluded. Messages sent to it are counted as dropped.</li>
 *   <li>{@link #FAULTED}: isolated by the watchdog or after an exception under
 *       {@link FaultPolicy#ISOLATE}; excluded. Messages sent to it are counted as dropped.</li>
 * </ul>
 */
public enum VTaskState
{
    RUNNABLE, RUNNING, BLOCKED, DONE, FAULTED
}
