package org.livestack.api;

/**
 * Diagnostic hooks the scheduler calls at each scheduling decision, for invariant checking and
 * tracing. Called concurrently from worker and self-running threads; implementations must be
 * thread-safe and fast. {@code seq} values come from one global counter: a call with a larger
 * {@code seq} took its stamp later in wall-clock time.
 */
public interface RunObserver
{
    /**
     * The scheduler computed a scope's vtime. The stamp is taken once the value is committed, so
     * every dispatch of a member stamped later has a vtime {@code >= vtime} (soundness).
     *
     * @param scope the scope.
     * @param vtime the scope vtime used for grants.
     * @param seq   the stamp taken after the computation.
     */
    default void scopeVtime(final Scope scope, final long vtime, final long seq)
    {
    }

    /**
     * A vtask is about to execute at {@code vtime}: an actor handles an event, or a self-running
     * vtask reports progress to {@code vtime}.
     *
     * @param task  the vtask.
     * @param vtime the virtual time it executes at.
     * @param grant the grant the decision was checked against, {@code min over scopes (vtime + S)}.
     * @param seq   the stamp taken before the decision.
     */
    default void dispatch(final VTask task, final long vtime, final long grant, final long seq)
    {
    }
}
