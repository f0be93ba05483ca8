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
    private DirectBuffer buffer;
    private int offset;

    FlyweightMessage(final Endpoint[] endpoints)
    {
        this.endpoints = endpoints;
    }

    FlyweightMessage wrap(final MessageFlyweight record)
    {
        this.buffer = record.buffer();
        this.offset = record.offset();
        return this;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int payloadOffset()
    {
        return offset + MessageDescriptor.PAYLOAD_OFFSET;
    }

    /** @return the order source (the sender, or the hub that forwarded it). */
    int orderSource()
    {
        return buffer.getInt(offset + MessageDescriptor.SOURCE_VTASK_OFFSET);
    }

    @Override
    public Endpoint source()
    {
        return endpoints[buffer.getInt(offset + MessageDescriptor.SOURCE_ENDPOINT_OFFSET)];
    }

    @Override
    public Endpoint destination()
    {
        return endpoints[buffer.getInt(offset + MessageDescriptor.DESTINATION_ENDPOINT_OFFSET)];
    }

    @Override
    public long sendTime()
    {
        return buffer.getLong(offset + MessageDescriptor.SEND_TIME_OFFSET);
    }

    @Override
    public long visibleTime()
    {
        return buffer.getLong(offset + MessageDescriptor.VISIBLE_TIME_OFFSET);
    }

    @Override
    public int type()
    {
        return buffer.getInt(offset + MessageDescriptor.TYPE_OFFSET);
    }

    @Override
    public long sequence()
    {
        return buffer.getLong(offset + MessageDescriptor.SEQUENCE_OFFSET);
    }

    @Override
    public int length()
    {
        return buffer.getInt(offset + MessageDescriptor.PAYLOAD_LENGTH_OFFSET);
    }

    byte[] payloadCopy()
    {
        final byte[] bytes = new byte[length()];
        buffer.getBytes(payloadOffset(), bytes);
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
        return new MessageImpl(source(), destination(), sendTime(), visibleTime(), type(), orderSource(),
            buffer.getLong(offset + MessageDescriptor.ORDER_SEQUENCE_OFFSET), sequence(), payloadCopy(),
            buffer.getInt(offset + MessageDescriptor.HOP_OFFSET));
    }

    @Override
    public String toString()
    {
        return "Message[" + source() + " -> " + destination() + " type=" + type() + " sent=" + sendTime() + " visible=" +
            visibleTime() + " seq=" + sequence() + " len=" + length() + "]";
    }
}
