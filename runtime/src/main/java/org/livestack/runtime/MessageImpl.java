package org.livestack.runtime;

import java.nio.ByteBuffer;

import org.livestack.api.Endpoint;
import org.livestack.api.Message;

/** An in-process message. Immutable once sent. */
final class MessageImpl extends PendingEvent implements Message
{
    private final Endpoint source;
    private final Endpoint destination;
    private final long sendTime;
    private final int type;
    private final byte[] payload;

    MessageImpl(final Endpoint source, final Endpoint destination, final long sendTime, final long visibleTime,
        final int type, final long sequence, final byte[] payload)
    {
        super(visibleTime, source.vtask().id(), sequence);
        this.source = source;
        this.destination = destination;
        this.sendTime = sendTime;
        this.type = type;
        this.payload = payload;
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
        return sequence;
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
    public String toString()
    {
        return "Message[" + source + " -> " + destination + " type=" + type + " sent=" + sendTime + " visible=" + time +
            " seq=" + sequence + " len=" + payload.length + "]";
    }
}
