package org.livestack.runtime.ipc;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static org.livestack.runtime.ipc.MessageDescriptor.*;

/**
 * Reads one message record in place (no copy, no allocation); static methods write one. Wrap it
 * on a record, use it, and do not keep it: the bytes belong to the ring or queue it was wrapped on.
 */
public final class MessageFlyweight
{
    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer buffer holding a record.
     * @param offset record start.
     * @return this.
     */
    public MessageFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the wrapped buffer. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return the record's start in {@link #buffer()}. */
    public int offset()
    {
        return offset;
    }

    /**
     * Writes a record with an inline payload at {@code offset}; stateless, so any thread may call it.
     *
     * @return the record length.
     */
    public static int encode(final MutableDirectBuffer b, final int offset, final long visibleTime, final long sendTime,
        final long sequence, final int sourceVtask, final int sourceEndpoint, final int destinationEndpoint,
        final int type, final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        encodeHeader(b, offset, visibleTime, sendTime, sequence, sourceVtask, sourceEndpoint, destinationEndpoint, type,
            0, payloadLength);
        b.putBytes(offset + PAYLOAD_OFFSET, payload, payloadOffset, payloadLength);
        return HEADER_LENGTH + payloadLength;
    }

    /** Sets the routing fields of a record written by {@link #encode}: order sequence and hop. */
    public static void encodeRouting(final MutableDirectBuffer b, final int offset, final long orderSequence,
        final int hop)
    {
        b.putLong(offset + ORDER_SEQUENCE_OFFSET, orderSequence);
        b.putInt(offset + HOP_OFFSET, hop);
    }

    /** Writes the header fields at {@code offset}; the payload (inline bytes or reference) is the caller's. */
    public static void encodeHeader(final MutableDirectBuffer b, final int offset, final long visibleTime,
        final long sendTime, final long sequence, final int sourceVtask, final int sourceEndpoint,
        final int destinationEndpoint, final int type, final int flags, final int payloadLength)
    {
        b.putLong(offset + VISIBLE_TIME_OFFSET, visibleTime);
        b.putLong(offset + SEND_TIME_OFFSET, sendTime);
        b.putLong(offset + SEQUENCE_OFFSET, sequence);
        b.putInt(offset + SOURCE_VTASK_OFFSET, sourceVtask);
        b.putInt(offset + SOURCE_ENDPOINT_OFFSET, sourceEndpoint);
        b.putInt(offset + DESTINATION_ENDPOINT_OFFSET, destinationEndpoint);
        b.putInt(offset + TYPE_OFFSET, type);
        b.putInt(offset + FLAGS_OFFSET, flags);
        b.putInt(offset + PAYLOAD_LENGTH_OFFSET, payloadLength);
        b.putLong(offset + ORDER_SEQUENCE_OFFSET, sequence);
        b.putInt(offset + HOP_OFFSET, -1);
        b.putInt(offset + HOP_OFFSET + 4, 0);
    }

    /** @return visible time, ns. */
    public long visibleTime()
    {
        return buffer.getLong(offset + VISIBLE_TIME_OFFSET);
    }

    /** @return send time, ns. */
    public long sendTime()
    {
        return buffer.getLong(offset + SEND_TIME_OFFSET);
    }

    /** @return per-source sequence. */
    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    /** @return order sequence (the order source's counter). */
    public long orderSequence()
    {
        return buffer.getLong(offset + ORDER_SEQUENCE_OFFSET);
    }

    /** @return the vtask that receives this record next, -1 if implied. */
    public int hop()
    {
        return buffer.getInt(offset + HOP_OFFSET);
    }

    /** @return order source vtask id (the original sender or the hub that forwarded it). */
    public int sourceVtask()
    {
        return buffer.getInt(offset + SOURCE_VTASK_OFFSET);
    }

    /** @return source endpoint id. */
    public int sourceEndpoint()
    {
        return buffer.getInt(offset + SOURCE_ENDPOINT_OFFSET);
    }

    /** @return destination endpoint id. */
    public int destinationEndpoint()
    {
        return buffer.getInt(offset + DESTINATION_ENDPOINT_OFFSET);
    }

    /** @return application type. */
    public int type()
    {
        return buffer.getInt(offset + TYPE_OFFSET);
    }

    /** @return flags. */
    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    /** @return payload length in bytes. */
    public int payloadLength()
    {
        return buffer.getInt(offset + PAYLOAD_LENGTH_OFFSET);
    }

    /** @return true if the payload is a reference into the payload region. */
    public boolean payloadIsReference()
    {
        return (flags() & FLAG_PAYLOAD_REFERENCE) != 0;
    }

    /** @return the region offset of a referenced payload. */
    public long payloadReference()
    {
        return buffer.getLong(offset + PAYLOAD_OFFSET);
    }

    /** @return the record length implied by the header. */
    public int recordLength()
    {
        return HEADER_LENGTH + (payloadIsReference() ? REFERENCE_LENGTH : payloadLength());
    }
}
