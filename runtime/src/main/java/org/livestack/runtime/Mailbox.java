package org.livestack.runtime;

import java.util.List;
import java.util.function.Consumer;

import org.agrona.DirectBuffer;

import org.livestack.api.Endpoint;
import org.livestack.runtime.ipc.MessageDescriptor;
import org.livestack.runtime.ipc.MessageFlyweight;
import org.livestack.runtime.ipc.MessageRing;
import org.livestack.runtime.ipc.PayloadRegion;

/**
 * The incoming ring of one receiving thread (a worker, or a self-running vtask): any thread
 * encodes a message into it ({@link MessageDescriptor} records on an Agrona many-to-one ring), the
 * owner decodes them into its queues. Payloads over {@value #INLINE_MAX} bytes travel through a
 * {@link PayloadRegion} by reference (the sender fills a slot, the receiver copies it out and
 * releases it). Records are written only by the runtime, so an invalid one is a bug and fails loudly.
 */
final class Mailbox
{
    /** Ring capacity per receiving thread. */
    static final int CAPACITY = 1 << 18;
    /** Payloads above this travel by reference through the payload region. */
    static final int INLINE_MAX = 8 * 1024;
    /** Bytes per payload-region slot: the largest payload a message may carry. */
    static final int MAX_PAYLOAD = org.livestack.api.Message.MAX_PAYLOAD_LENGTH;
    private static final int REGION_SLOTS = 8;

    private final MessageRing ring = MessageRing.allocate(CAPACITY, (long)MAX_PAYLOAD * REGION_SLOTS);
    private volatile PayloadRegion region;
    private final Endpoint[] endpoints;
    private final MessageRing.Consumer decoder = this::decode;
    private final MessageRing.Consumer recordDecoder = this::passRecord;
    private Consumer<MessageImpl> sink;
    private RecordSink recordSink;

    Mailbox(final List<Endpoint> endpoints)
    {
        this.endpoints = endpoints.toArray(new Endpoint[0]);
    }

    /**
     * Encodes a message. Thread-safe.
     *
     * @return false if the ring is full.
     */
    boolean offer(final MessageImpl m)
    {
        final byte[] payload = m.payloadArray();
        if (payload.length <= INLINE_MAX)
        {
            return ring.offer(m.time, m.sendTime(), m.sequence(), m.sourceId, m.sequence, m.hop, m.source().id(),
                m.destination().id(), m.type(), payload);
        }
        final PayloadRegion r = region();
        final int slot = r.acquire();
        if (slot < 0)
        {
            return false;
        }
        r.buffer().putBytes(r.offset(slot), payload);
        if (!ring.offerReference(m.time, m.sendTime(), m.sequence(), m.sourceId, m.sequence, m.hop, m.source().id(),
            m.destination().id(), m.type(), r.offset(slot), payload.length))
        {
            r.release(slot);
            return false;
        }
        return true;
    }

    /** The region is created on the first large payload, so runs without any pay nothing for it. */
    private PayloadRegion region()
    {
        PayloadRegion r = region;
        if (r == null)
        {
            synchronized (this)
            {
                r = region;
                if (r == null)
                {
                    r = new PayloadRegion(MAX_PAYLOAD, REGION_SLOTS);
                    region = r;
                }
            }
        }
        return r;
    }

    /**
     * Encodes an already encoded inline record (from a worker's outbox). Thread-safe; no
     * allocation unless the payload goes through the region the first time.
     *
     * @return false if the ring (or the payload region) is full.
     */
    boolean offerRecord(final DirectBuffer record, final int offset)
    {
        final int payloadLength = record.getInt(offset + MessageDescriptor.PAYLOAD_LENGTH_OFFSET);
        if (payloadLength <= INLINE_MAX)
        {
            return ring.offerRecord(record, offset, MessageDescriptor.HEADER_LENGTH + payloadLength);
        }
        final PayloadRegion r = region();
        final int slot = r.acquire();
        if (slot < 0)
        {
            return false;
        }
        r.buffer().putBytes(r.offset(slot), record, offset + MessageDescriptor.PAYLOAD_OFFSET, payloadLength);
        if (!ring.offerReference(record.getLong(offset + MessageDescriptor.VISIBLE_TIME_OFFSET),
            record.getLong(offset + MessageDescriptor.SEND_TIME_OFFSET),
            record.getLong(offset + MessageDescriptor.SEQUENCE_OFFSET),
            record.getInt(offset + MessageDescriptor.SOURCE_VTASK_OFFSET),
            record.getLong(offset + MessageDescriptor.ORDER_SEQUENCE_OFFSET),
            record.getInt(offset + MessageDescriptor.HOP_OFFSET),
            record.getInt(offset + MessageDescriptor.SOURCE_ENDPOINT_OFFSET),
            record.getInt(offset + MessageDescriptor.DESTINATION_ENDPOINT_OFFSET),
            record.getInt(offset + MessageDescriptor.TYPE_OFFSET), r.offset(slot), payloadLength))
        {
            r.release(slot);
            return false;
        }
        return true;
    }

    /** Receives drained records in place: the payload is at {@code payloadOffset} of {@code payloadBuffer}. */
    interface RecordSink
    {
        /** @param record the record header (valid during the call). */
        void accept(MessageFlyweight record, DirectBuffer payloadBuffer, int payloadOffset);
    }

    /**
     * Hands every waiting record to {@code sink} without decoding it; a payload in the region is
     * released after the call. Owner thread only.
     */
    void drainRecords(final RecordSink sink)
    {
        this.recordSink = sink;
        while (ring.drain(recordDecoder, this::invalid, Integer.MAX_VALUE) > 0)
        {
            Thread.onSpinWait();
        }
    }

    private void passRecord(final MessageFlyweight r)
    {
        if (r.payloadIsReference())
        {
            final PayloadRegion shared = region;
            final long offset = r.payloadReference();
            recordSink.accept(r, shared.buffer(), (int)offset);
            shared.release(shared.slotOf(offset));
        }
        else
        {
            recordSink.accept(r, r.buffer(), r.offset() + MessageDescriptor.PAYLOAD_OFFSET);
        }
    }

    /** @return true if no message waits (a snapshot). */
    boolean isEmpty()
    {
        return ring.isEmpty();
    }

    /** Decodes every waiting message into {@code sink}, in ring order. Owner thread only. */
    void drain(final Consumer<MessageImpl> sink)
    {
        this.sink = sink;
        while (ring.drain(decoder, this::invalid, Integer.MAX_VALUE) > 0)
        {
            Thread.onSpinWait();
        }
    }

    private void decode(final MessageFlyweight r)
    {
        final byte[] payload = new byte[r.payloadLength()];
        if (r.payloadIsReference())
        {
            final PayloadRegion shared = region;
            final long offset = r.payloadReference();
            shared.buffer().getBytes((int)offset, payload);
            shared.release(shared.slotOf(offset));
        }
        else
        {
            r.buffer().getBytes(r.offset() + MessageDescriptor.PAYLOAD_OFFSET, payload);
        }
        sink.accept(new MessageImpl(endpoints[r.sourceEndpoint()], endpoints[r.destinationEndpoint()], r.sendTime(),
            r.visibleTime(), r.type(), r.sourceVtask(), r.orderSequence(), r.sequence(), payload, r.hop()));
    }

    private void invalid(final String problem)
    {
        throw new IllegalStateException("corrupted in-process message record: " + problem);
    }
}
