package org.livestack.api;

import java.util.random.RandomGenerator;

/**
 * What a {@link Component} may do while one of its handlers runs. Valid only on the calling
 * thread and only during the handler; calls after the component was isolated throw
 * {@link IllegalStateException}. Sends and scheduled events take effect when the handler returns
 * normally (if the handler throws, they are discarded together with the event's other effects).
 */
public interface ComponentContext
{
    /** @return the component's vtask. */
    VTask vtask();

    /** @return the current virtual time in nanoseconds. */
    long now();

    /**
     * Spends {@code deltaNanos} of virtual time busy inside this handler: later sends are stamped
     * with the new time and the next event is handled no earlier than it. Busy time is not
     * preemptible, so it is not checked against the grant (use {@link #schedule} to model work
     * other components may interleave with). Also tells the watchdog the handler is progressing.
     *
     * @param deltaNanos virtual nanoseconds, {@code >= 0}.
     * @throws IllegalArgumentException if {@code deltaNanos < 0}.
     */
    void advance(long deltaNanos);

    /**
     * Like {@link #advance} up to an absolute time.
     *
     * @param timeNanos the new virtual time, {@code >= now()}.
     * @throws IllegalArgumentException if {@code timeNanos < now()}.
     */
    void advanceTo(long timeNanos);

    /**
     * Sends to the endpoint {@code from} is linked to.
     *
     * @param from    an endpoint of this component connected by {@link Simulation.Builder#link}.
     * @param type    application-defined type.
     * @param payload bytes to copy into the message, may be empty, at most
     *                {@link Message#MAX_PAYLOAD_LENGTH} bytes, not {@code null}.
     * @throws IllegalArgumentException if {@code from} is not this component's or not linked to a
     *                                  peer, or the payload is too large.
     */
    void send(Endpoint from, int type, byte[] payload);

    /**
     * Sends to a given endpoint reachable from {@code from}: its linked peer or any endpoint on the
     * same hub.
     *
     * @throws IllegalArgumentException naming both endpoints if {@code to} is unknown or unreachable.
     */
    void send(Endpoint from, Endpoint to, int type, byte[] payload);

    /**
     * Schedules a self-event {@code delayNanos} after {@link #now()}.
     *
     * @param delayNanos virtual nanoseconds, {@code >= 0}.
     * @param payload    passed back to {@link Component#onEvent}, may be {@code null}.
     * @return the event's id, unique within this component.
     * @throws IllegalArgumentException if {@code delayNanos < 0}.
     */
    long schedule(long delayNanos, Object payload);

    /**
     * Cancels a scheduled self-event that has not been handled yet. Costs a scan of the component's
     * pending self-events (scheduling and handling keep no index by id).
     *
     * @param eventId an id returned by {@link #schedule}.
     * @return {@code true} if the event was pending and is now cancelled.
     */
    boolean cancel(long eventId);

    /**
     * After this handler, block until a message arrives: self-events stay deferred, the component
     * leaves every scope minimum and, when a message wakes it, its vtime is forwarded to
     * {@code max(vtime, visible time, vtime of each of its scopes)}.
     */
    void block();

    /** After this handler the component is DONE: pending events are discarded, later messages dropped. */
    void stop();

    /**
     * @return a random generator private to this component, seeded from the simulation seed and the
     *         vtask id, so a run is reproducible whatever the number of worker threads.
     */
    RandomGenerator random();
}
