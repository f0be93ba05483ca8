package org.livestack.runtime;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.runtime.ipc.MessageDescriptor;
import org.livestack.runtime.ipc.MessageFlyweight;

/**
 * A {@link Message} view of a record in a receiver's queue, reused for every message a worker
 * hands to a handler: valid only during that handler (see {@link Message}).
 */
final class FlyweightMessage implements Message
{
    private final Endpoint[] endpoints;
    private MessageFlyweight record;

    FlyweightMessage(final Endpoint[] endpoints)
    {
        this.endpoints = endpoints;
    }

    FlyweightMessage wrap(final MessageFlyweight record)
    {
        this.record = record;
        return this;
    }

    DirectBuffer buffer()
    {
        return record.buffer();
    }

    int payloadOffset()
    {
        return record.offset() + MessageDescriptor.PAYLOAD_OFFSET;
    }

    @Override
    public Endpoint source()
    {
        return endpoints[record.sourceEndpoint()];
    }

    @Override
    public Endpoint destination()
    {
        return endpoints[record.destinationEndpoint()];
    }

    @Override
    public long sendTime()
    {
        return record.sendTime();
    }

    @Override
    public long visibleTime()
    {
        return record.visibleTime();
    }

    @Override
    public int type()
    {
        return record.type();
    }

    @Override
    public long sequence()
    {
        return record.sequence();
    }

    @Override
    public int length()
    {
        return record.payloadLength();
    }

    byte[] payloadCopy()
    {
        final byte[] bytes = new byte[length()];
        record.buffer().getBytes(payloadOffset(), bytes);
        return bytes;
    }

    @Override
    public ByteBuffer payload()
    {
        return ByteBuffer.wrap(payloadCopy()).asReadOnlyBuffer();
    }

    @Override
    public Message copy()
    {
        return new MessageImpl(source(), destination(), sendTime(), visibleTime(), type(), record.sourceVtask(),
            record.orderSequence(), sequence(), payloadCopy(), record.hop());
    }

    @Override
    public String toString()
    {
        return "Message[" + source() + " -> " + destination() + " type=" + type() + " sent=" + sendTime() + " visible=" +
            visibleTime() + " seq=" + sequence() + " len=" + length() + "]";
    }
}
