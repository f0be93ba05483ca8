package org.livestack.api;

/**
 * A modeled component, executed as an actor by the runtime's worker threads. Handlers of one
 * component are never called concurrently; handlers of different components may be. A handler
 * runs at one virtual time ({@link ComponentContext#now()}) and should return promptly: a handler
 * that holds its worker longer than the watchdog timeout without calling
 * {@link ComponentContext#advance} is treated as hung.
 *
 * <p>Events of one component are handled in (time, source vtask id, sequence) order, where
 * self-events use the component's own id as source; with a zero skew bound and positive latencies
 * this order, and so the whole run, does not depend on the number of worker threads.
 */
public interface Component
{
    /**
     * Called once at virtual time 0, before any other handler of this component.
     *
     * @param ctx the component's context, valid only during the call.
     */
    default void onStart(final ComponentContext ctx)
    {
    }

    /**
     * Called for each message at its visible time (later, if the component was busy: see
     * {@link ComponentContext#advance}).
     *
     * @param ctx     the component's context, valid only during the call.
     * @param message the message, valid only during the call; {@link Message#copy()} keeps it.
     */
    default void onMessage(final ComponentContext ctx, final Message message)
    {
    }

    /**
     * Called for a self-event scheduled with {@link ComponentContext#schedule}.
     *
     * @param ctx     the component's context, valid only during the call.
     * @param eventId the id returned by {@code schedule}.
     * @param payload the payload given to {@code schedule}, may be {@code null}.
     */
    default void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
    }

    /**
     * What this component reports about itself in {@link RunReport.VTaskStats#details()} (and so in
     * the JSON, CSV-free HTML report): read once, by another thread, after the run ended.
     *
     * @return name to value, in display order; empty by default.
     */
    default java.util.Map<String, String> details()
    {
        return java.util.Map.of();
    }
}
