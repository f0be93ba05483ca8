package org.livestack.runtime.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import static org.livestack.runtime.ipc.MessageDescriptor.HEADER_LENGTH;
import static org.livestack.runtime.ipc.MessageDescriptor.MSG_TYPE_ID;

/**
 * A receiver's incoming ring: many producers (any thread, or another process through a mapped
 * file), one consumer. Records are encoded in place with {@link MessageFlyweight}: an offer claims
 * space, writes the header and payload, and commits, without allocating. The consumer validates
 * every record ({@link MessageDescriptor#validate}) before handing it on; an invalid one is
 * skipped, counted and reported, so a corrupted producer cannot corrupt the receiver's state.
 */
public final class MessageRing
{
    /** Receives valid records; the flyweight is valid only during the call. */
    @FunctionalInterface
    public interface Consumer
    {
        /** @param message the record, wrapped in place. */
        void onMessage(MessageFlyweight message);
    }

    /** Receives a description of each invalid record. */
    @FunctionalInterface
    public interface ErrorHandler
    {
        /** @param problem what was wrong. */
        void onError(String problem);
    }

    private final ManyToOneRingBuffer ring;
    private final MessageFlyweight reader = new MessageFlyweight();
    private final long regionCapacity;
    private final MessageHandler handler = this::onRecord;
    private Consumer consumer;
    private ErrorHandler errorHandler;
    private long invalidRecords;

    /**
     * @param buffer         capacity (a power of two) plus {@link RingBufferDescriptor#TRAILER_LENGTH}.
     * @param regionCapacity capacity of the payload region for referenced payloads, 0 if none.
     */
    public MessageRing(final AtomicBuffer buffer, final long regionCapacity)
    {
        this.ring = new ManyToOneRingBuffer(buffer);
        this.regionCapacity = regionCapacity;
    }

    /**
     * @param capacity ring capacity in bytes, a power of two.
     * @return an in-process ring in aligned off-heap memory.
     */
    public static MessageRing allocate(final int capacity)
    {
        return allocate(capacity, 0);
    }

    /**
     * @param capacity       ring capacity in bytes, a power of two.
     * @param regionCapacity capacity of the payload region that references may point into.
     * @return an in-process ring in aligned off-heap memory.
     */
    public static MessageRing allocate(final int capacity, final long regionCapacity)
    {
        return new MessageRing(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            capacity + RingBufferDescriptor.TRAILER_LENGTH, 64)), regionCapacity);
    }

    /**
     * Maps (creating or opening) a file that holds a ring, for a producer or consumer in another
     * process. Both sides must use the same capacity.
     *
     * @param file     the file; created with the right length if absent.
     * @param capacity ring capacity in bytes, a power of two.
     * @return the ring over the mapping.
     */
    public static MessageRing map(final Path file, final int capacity)
    {
        final int length = capacity + RingBufferDescriptor.TRAILER_LENGTH;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            if (ch.size() != 0 && ch.size() != length)
            {
                throw new IllegalArgumentException("ring file " + file + " is " + ch.size() + " bytes; a ring of capacity " +
                    capacity + " needs " + length);
            }
            final MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, length);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            return new MessageRing(new UnsafeBuffer(mapped), 0);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot map ring file " + file, e);
        }
    }

    /** @return the underlying Agrona ring. */
    public ManyToOneRingBuffer ring()
    {
        return ring;
    }

    /**
     * Writes a message with an inline payload. Thread-safe.
     *
     * @return false if the ring is full (nothing written); the caller decides whether to retry.
     */
    public boolean offer(final long visibleTime, final long sendTime, final long sequence, final int sourceVtask,
        final int sourceEndpoint, final int destinationEndpoint, final int type, final DirectBuffer payload,
        final int payloadOffset, final int payloadLength)
    {
        final int index = ring.tryClaim(MSG_TYPE_ID, HEADER_LENGTH + payloadLength);
        if (index < 0)
        {
            return false;
        }
        MessageFlyweight.encode(ring.buffer(), index, visibleTime, sendTime, sequence, sourceVtask, sourceEndpoint,
            destinationEndpoint, type, payload, payloadOffset, payloadLength);
        ring.commit(index);
        return true;
    }

    /**
     * Writes a message with an inline payload and its routing fields. Thread-safe.
     *
     * @return false if the ring is full (nothing written).
     */
    public boolean offer(final long visibleTime, final long sendTime, final long sequence, final int orderSource,
        final long orderSequence, final int hop, final int sourceEndpoint, final int destinationEndpoint,
        final int type, final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        final int index = ring.tryClaim(MSG_TYPE_ID, HEADER_LENGTH + payloadLength);
        if (index < 0)
        {
            return false;
        }
        final org.agrona.concurrent.AtomicBuffer b = ring.buffer();
        MessageFlyweight.encode(b, index, visibleTime, sendTime, sequence, orderSource, sourceEndpoint,
            destinationEndpoint, type, payload, payloadOffset, payloadLength);
        MessageFlyweight.encodeRouting(b, index, orderSequence, hop);
        ring.commit(index);
        return true;
    }

    /**
     * Writes a message whose payload is a byte array, with its routing fields. Thread-safe, no
     * allocation.
     *
     * @return false if the ring is full (nothing written).
     */
    public boolean offer(final long visibleTime, final long sendTime, final long sequence, final int orderSource,
        final long orderSequence, final int hop, final int sourceEndpoint, final int destinationEndpoint,
        final int type, final byte[] payload)
    {
        final int index = ring.tryClaim(MSG_TYPE_ID, HEADER_LENGTH + payload.length);
        if (index < 0)
        {
            return false;
        }
        final org.agrona.concurrent.AtomicBuffer b = ring.buffer();
        MessageFlyweight.encodeHeader(b, index, visibleTime, sendTime, sequence, orderSource, sourceEndpoint,
            destinationEndpoint, type, 0, payload.length);
        b.putBytes(index + MessageDescriptor.PAYLOAD_OFFSET, payload);
        MessageFlyweight.encodeRouting(b, index, orderSequence, hop);
        ring.commit(index);
        return true;
    }

    /**
     * Writes a message whose payload already sits in a payload region slot, by reference.
     * Thread-safe.
     *
     * @return false if the ring is full (nothing written; the caller still owns the slot).
     */
    public boolean offerReference(final long visibleTime, final long sendTime, final long sequence,
        final int orderSource, final long orderSequence, final int hop, final int sourceEndpoint,
        final int destinationEndpoint, final int type, final long regionOffset, final int payloadLength)
    {
        final int index = ring.tryClaim(MSG_TYPE_ID, HEADER_LENGTH + MessageDescriptor.REFERENCE_LENGTH);
        if (index < 0)
        {
            return false;
        }
        final org.agrona.concurrent.AtomicBuffer b = ring.buffer();
        MessageFlyweight.encodeHeader(b, index, visibleTime, sendTime, sequence, orderSource, sourceEndpoint,
            destinationEndpoint, type, MessageDescriptor.FLAG_PAYLOAD_REFERENCE, payloadLength);
        b.putLong(index + MessageDescriptor.PAYLOAD_OFFSET, regionOffset);
        MessageFlyweight.encodeRouting(b, index, orderSequence, hop);
        ring.commit(index);
        return true;
    }

    /**
     * Copies an encoded record with an inline payload into the ring. Thread-safe, no allocation.
     *
     * @param record buffer holding the record.
     * @param offset its start.
     * @param length its length ({@code HEADER_LENGTH + payload length}).
     * @return false if the ring is full.
     */
    public boolean offerRecord(final DirectBuffer record, final int offset, final int length)
    {
        final int index = ring.tryClaim(MSG_TYPE_ID, length);
        if (index < 0)
        {
            return false;
        }
        ring.buffer().putBytes(index, record, offset, length);
        ring.commit(index);
        return true;
    }

    /** @return true if no record waits (a snapshot). */
    public boolean isEmpty()
    {
        return ring.size() == 0;
    }

    /**
     * Reads up to {@code limit} records, across the end of the buffer (an Agrona read stops at the
     * buffer's end, possibly after only a padding record: a second read continues after the wrap).
     * Not thread-safe: one consumer. Records written meanwhile may need another call.
     *
     * @return records read, valid or not.
     */
    public int drain(final Consumer consumer, final ErrorHandler errorHandler, final int limit)
    {
        this.consumer = consumer;
        this.errorHandler = errorHandler;
        int read = ring.read(handler, limit);
        if (read < limit)
        {
            read += ring.read(handler, limit - read);
        }
        return read;
    }

    /** @return invalid records skipped so far. */
    public long invalidRecords()
    {
        return invalidRecords;
    }

    private void onRecord(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index,
        final int length)
    {
        final String problem = msgTypeId != MSG_TYPE_ID ? "unknown record type " + msgTypeId :
            MessageDescriptor.validate(buffer, index, length, regionCapacity);
        if (problem != null)
        {
            invalidRecords++;
            errorHandler.onError(problem);
            return;
        }
        consumer.onMessage(reader.wrap(buffer, index));
    }
}
