package org.livestack.api;

import java.nio.ByteBuffer;

/**
 * A message between two endpoints. Sent at the sender's vtime {@link #sendTime()}, it becomes
 * visible at {@link #visibleTime()} = send time + latency of the path. Messages to one receiver
 * are ordered by (visible time, source vtask id, per-source sequence), a total and
 * deterministic order.
 *
 * <p>A message handed to a {@link Component} handler (or a {@link HubHook}) is a view of the
 * runtime's buffers, valid only until that handler returns: the runtime moves messages without
 * allocating. Keep one with {@link #copy()}. Messages returned by {@link VTaskControl#poll()} are
 * copies already.
 */
public interface Message
{
    /** The largest payload a message may carry, in bytes (1 MiB). */
    int MAX_PAYLOAD_LENGTH = 1 << 20;

    /** @return the endpoint the message was sent from. */
    Endpoint source();

    /** @return the endpoint the message was sent to. */
    Endpoint destination();

    /** @return the sender's vtime when it sent the message, in nanoseconds. */
    long sendTime();

    /** @return the virtual time at which the message becomes visible to the receiver. */
    long visibleTime();

    /** @return the application-defined message type. */
    int type();

    /** @return the per-source sequence number (shared with the source's self-events). */
    long sequence();

    /** @return payload length in bytes. */
    int length();

    /** @return a read-only view of the payload, positioned at 0 (valid as long as the message). */
    ByteBuffer payload();

    /** @return an immutable copy of this message that may be kept after the handler returns. */
    Message copy();
}
