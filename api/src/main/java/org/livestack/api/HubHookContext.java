package org.livestack.api;

/** A frame inside a {@link HubHook}, and the decisions the hook may take about it. */
public interface HubHookContext
{
    /** @return the frame as it arrived (not changed by {@link #rewrite}); valid only during the hook. */
    Message message();

    /** @return the hub's vtime: the frame's arrival time plus any delay added so far. */
    long now();

    /** @return the hub. */
    Hub hub();

    /** Drops the frame (counted as dropped); later hooks do not run. */
    void drop();

    /**
     * Holds the frame at the hub for {@code nanos} more before it is forwarded.
     *
     * @param nanos {@code >= 0}.
     */
    void delay(long nanos);

    /**
     * Sends the frame to another endpoint attached to this hub instead.
     *
     * @param destination an endpoint attached to this hub.
     * @throws IllegalArgumentException if it is not attached to this hub.
     */
    void reroute(Endpoint destination);

    /**
     * Replaces the frame's type and payload.
     *
     * @param type    new type.
     * @param payload new payload, copied.
     */
    void rewrite(int type, byte[] payload);
}
