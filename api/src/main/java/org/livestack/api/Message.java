package org.livestack.api;

import java.nio.ByteBuffer;

/**
 * A message between two endpoints. Sent at the sender's vtime {@link #sendTime()}, it becomes
 * visible at {@link #visibleTime()} = send time + latency of the path. Messages to one receiver
 * are ordered by (visible time, source vtask id, per-source sequence), a total and
 * deterministic order. Instances are immutable and may be kept after the handler returns.
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

    /** @return a read-only view of the payload, positioned at 0. */
    ByteBuffer payload();
}
