package org.livestack.runtime.ipc;

import org.agrona.DirectBuffer;

/**
 * Binary layout of one message record, as written into rings and mapped files. Little-endian,
 * 8-byte aligned; the same layout is defined for C in {@code native/include/livestack/message.h}
 * (a test checks the two agree).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                     visible time (int64, ns)                  |
 *  +---------------------------------------------------------------+  8
 *  |                       send time (int64, ns)                   |
 *  +---------------------------------------------------------------+ 16
 *  |                 sequence (int64, per source vtask)            |
 *  +-------------------------------+-------------------------------+ 24
 *  |     order source id (int32)   |   source endpoint id (int32)  |
 *  +-------------------------------+-------------------------------+ 32
 *  |  destination endpoint (int32) |          type (int32)         |
 *  +-------------------------------+-------------------------------+ 40
 *  |          flags (int32)        |     payload length (int32)    |
 *  +-------------------------------+-------------------------------+ 48
 *  |                 order sequence (int64)                        |
 *  +-------------------------------+-------------------------------+ 56
 *  |        hop vtask id (int32)   |          reserved             |
 *  +-------------------------------+-------------------------------+ 64
 *  |  payload: length bytes inline, or with FLAG_PAYLOAD_REFERENCE |
 *  |  an int64 offset into the shared payload region               |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The delivery order of a record is (visible time, order source id, order sequence): the order
 * source is the vtask that sent the record to this hop (its original sender, or a hub that
 * forwarded it) and the order sequence that vtask's counter; {@code sequence} stays the original
 * sender's. {@code hop} names the vtask that receives the record next (-1 where the receiver is
 * implied, as in a component's own rings).
 *
 * A record is valid when: its length is at least {@link #HEADER_LENGTH}; an inline payload fills
 * exactly the rest of the record; a referenced payload's record is exactly
 * {@code HEADER_LENGTH + REFERENCE_LENGTH} long and its (offset, length) lies inside the region;
 * {@code 0 <= send time <= visible time}; no unknown flag is set.
 */
public final class MessageDescriptor
{
    /** Offset of the visible time. */
    public static final int VISIBLE_TIME_OFFSET = 0;
    /** Offset of the send time. */
    public static final int SEND_TIME_OFFSET = 8;
    /** Offset of the per-source sequence. */
    public static final int SEQUENCE_OFFSET = 16;
    /** Offset of the order source: the vtask whose sequence orders this record at its hop. */
    public static final int SOURCE_VTASK_OFFSET = 24;
    /** Offset of the source endpoint id. */
    public static final int SOURCE_ENDPOINT_OFFSET = 28;
    /** Offset of the destination endpoint id. */
    public static final int DESTINATION_ENDPOINT_OFFSET = 32;
    /** Offset of the application type. */
    public static final int TYPE_OFFSET = 36;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 40;
    /** Offset of the payload length. */
    public static final int PAYLOAD_LENGTH_OFFSET = 44;
    /** Offset of the order sequence. */
    public static final int ORDER_SEQUENCE_OFFSET = 48;
    /** Offset of the hop vtask id. */
    public static final int HOP_OFFSET = 56;
    /** Offset of the inline payload or of the payload reference. */
    public static final int PAYLOAD_OFFSET = 64;
    /** Length of the header. */
    public static final int HEADER_LENGTH = 64;
    /** Length of a payload reference (an int64 region offset). */
    public static final int REFERENCE_LENGTH = 8;
    /** Flag: the payload lives in the shared payload region. */
    public static final int FLAG_PAYLOAD_REFERENCE = 1;
    /** All flags defined so far. */
    public static final int KNOWN_FLAGS = FLAG_PAYLOAD_REFERENCE;
    /** Agrona ring message type id of a message record. */
    public static final int MSG_TYPE_ID = 1;

    private MessageDescriptor()
    {
    }

    /**
     * Checks one record.
     *
     * @param buffer         the buffer holding the record.
     * @param offset         where the record starts.
     * @param length         the record's length as framed by the ring.
     * @param regionCapacity capacity of the payload region referenced payloads point into (0 if none).
     * @return {@code null} if valid, else what is wrong (allocates only on this error path).
     */
    public static String validate(final DirectBuffer buffer, final int offset, final int length, final long regionCapacity)
    {
        if (length < HEADER_LENGTH)
        {
            return "truncated record: " + length + " bytes, a header needs " + HEADER_LENGTH;
        }
        final int flags = buffer.getInt(offset + FLAGS_OFFSET);
        if ((flags & ~KNOWN_FLAGS) != 0)
        {
            return "unknown flags 0x" + Integer.toHexString(flags);
        }
        final int payloadLength = buffer.getInt(offset + PAYLOAD_LENGTH_OFFSET);
        if (payloadLength < 0)
        {
            return "negative payload length " + payloadLength;
        }
        if ((flags & FLAG_PAYLOAD_REFERENCE) != 0)
        {
            if (length != HEADER_LENGTH + REFERENCE_LENGTH)
            {
                return "a referenced payload's record must be " + (HEADER_LENGTH + REFERENCE_LENGTH) + " bytes, not " + length;
            }
            final long regionOffset = buffer.getLong(offset + PAYLOAD_OFFSET);
            if (regionOffset < 0 || regionOffset > regionCapacity - payloadLength)
            {
                return "payload reference [" + regionOffset + ", +" + payloadLength + ") is outside the payload region of " +
                    regionCapacity + " bytes";
            }
        }
        else if (HEADER_LENGTH + payloadLength != length)
        {
            return "inline payload length " + payloadLength + " does not match the record length " + length;
        }
        final long sendTime = buffer.getLong(offset + SEND_TIME_OFFSET);
        final long visibleTime = buffer.getLong(offset + VISIBLE_TIME_OFFSET);
        if (sendTime < 0 || visibleTime < sendTime)
        {
            return "bad times: send " + sendTime + " ns, visible " + visibleTime + " ns (need 0 <= send <= visible)";
        }
        return null;
    }
}
