package org.livestack.api;

/**
 * The scheduler interface of a self-running vtask. Every method must be called from the vtask's
 * own thread. Each call counts as a heartbeat for the watchdog. Progress is published through
 * the vtask's run page, an off-heap slot the scheduler reads asynchronously.
 */
public interface VTaskControl
{
    /** @return this vtask. */
    VTask vtask();

    /**
     * Tells the watchdog this vtask is alive while it waits on something outside the scheduler
     * (another process, a device). Also checks whether the run has ended.
     *
     * @throws SimulationStoppedException when the run has ended.
     */
    void heartbeat();

    /** @return the vtask's current virtual time in nanoseconds. */
    long vtime();

    /**
     * Waits until the vtask may make progress and returns its grant: the largest vtime it may
     * reach now, {@code min over its scopes of (scope.vtime + S)}, capped at the horizon and at the
     * visible time of its earliest pending message. A return value equal to {@link #vtime()} means
     * a message is ready: {@link #poll()} it.
     *
     * @return the grant, {@code >= vtime()}.
     * @throws SimulationStoppedException when the run has ended.
     */
    long awaitGrant();

    /**
     * Reports progress to {@code timeNanos}.
     *
     * @param timeNanos {@code vtime() <= timeNanos <= } the last grant returned by {@link #awaitGrant()}.
     * @throws IllegalArgumentException if {@code timeNanos < vtime()}.
     * @throws IllegalStateException    if {@code timeNanos} is beyond the last grant.
     * @throws SimulationStoppedException when the run has ended.
     */
    void advanceTo(long timeNanos);

    /**
     * Reports progress by {@code deltaNanos}; same rules as {@link #advanceTo}.
     *
     * @param deltaNanos {@code >= 0}.
     */
    void advance(long deltaNanos);

    /**
     * @return the next message visible at or before {@link #vtime()}, or {@code null}. Messages
     *         are returned in (visible time, source id, sequence) order.
     */
    Message poll();

    /** @return the visible time of the earliest received message, or {@link Long#MAX_VALUE} if none. */
    long nextMessageTime();

    /**
     * Sends to the endpoint {@code from} is linked to; see {@link ComponentContext#send(Endpoint, int, byte[])}.
     */
    void send(Endpoint from, int type, byte[] payload);

    /** Sends to an endpoint reachable from {@code from}; see {@link ComponentContext#send(Endpoint, Endpoint, int, byte[])}. */
    void send(Endpoint from, Endpoint to, int type, byte[] payload);

    /**
     * Blocks (state BLOCKED, excluded from every scope minimum) until a message arrives, then
     * forwards vtime to {@code max(vtime, visible time, vtime of each of its scopes)}. Returns at
     * once if a message is already pending.
     *
     * @throws SimulationStoppedException when the run ends while blocked.
     */
    void block();

    /**
     * Like {@link #block()} but also wakes at virtual time {@code wakeTimeNanos}; while sleeping the
     * vtask holds its scopes at no more than that time, so it wakes exactly then.
     *
     * @param wakeTimeNanos {@code >= vtime()}.
     */
    void blockUntil(long wakeTimeNanos);
}
