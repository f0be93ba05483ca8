package org.livestack.runtime;

import java.nio.ByteBuffer;

import org.livestack.api.Endpoint;
import org.livestack.api.Message;

/**
 * A message on the heap: what self-running vtasks poll, what {@link Message#copy()} returns, and
 * what the reference simulator in tests uses. Immutable once sent. Its delivery-order key (time, source id, sequence)
 * is that of the vtask that sent it to its next hop: the original sender, or the hub that
 * forwarded it. {@link #sequence()} always reports the original sender's sequence.
 */
final class MessageImpl extends PendingEvent implements Message
{
    private final Endpoint source;
    private final Endpoint destination;
    private final long sendTime;
    private final int type;
    private final byte[] payload;
    private final long originalSequence;
    /** The vtask that receives this message next: the destination's, or a hub's. */
    final int hop;

    /** A message from its original sender. */
    MessageImpl(final Endpoint source, final Endpoint destination, final long sendTime, final long visibleTime,
        final int type, final long sequence, final byte[] payload, final int hop)
    {
        this(source, destination, sendTime, visibleTime, type, source.vtask().id(), sequence, sequence, payload, hop);
    }

    /** A message as forwarded by a hub (ordering source and sequence are the hub's). */
    MessageImpl(final Endpoint source, final Endpoint destination, final long sendTime, final long visibleTime,
        final int type, final int orderSource, final long orderSequence, final long originalSequence,
        final byte[] payload, final int hop)
    {
        super(visibleTime, orderSource, orderSequence);
        this.source = source;
        this.destination = destination;
        this.sendTime = sendTime;
        this.type = type;
        this.payload = payload;
        this.originalSequence = originalSequence;
        this.hop = hop;
    }

    byte[] payloadArray()
    {
        return payload;
    }

    @Override
    public Endpoint source()
    {
        return source;
    }

    @Override
    public Endpoint destination()
    {
        return destination;
    }

    @Override
    public long sendTime()
    {
        return sendTime;
    }

    @Override
    public long visibleTime()
    {
        return time;
    }

    @Override
    public int type()
    {
        return type;
    }

    @Override
    public long sequence()
    {
        return originalSequence;
    }

    @Override
    public int length()
    {
        return payload.length;
    }

    @Override
    public ByteBuffer payload()
    {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    @Override
    public Message copy()
    {
        return this;
    }

    @Override
    public String toString()
    {
        return "Message[" + source + " -> " + destination + " type=" + type + " sent=" + sendTime + " visible=" + time +
            " seq=" + originalSequence + " len=" + payload.length + "]";
    }
}
