package org.livestack.runtime;

import java.util.List;
import java.util.function.Consumer;

import org.livestack.api.Endpoint;
import org.livestack.runtime.ipc.MessageDescriptor;
import org.livestack.runtime.ipc.MessageFlyweight;
import org.livestack.runtime.ipc.MessageRing;

/**
 * The incoming ring of one receiving thread (a worker, or a self-running vtask): any thread
 * encodes a message into it ({@link MessageDescriptor} records on an Agrona many-to-one ring), the
 * owner decodes them into its queues. Records are written only by the runtime, so an invalid one is
 * a bug and fails loudly.
 */
final class Mailbox
{
    /** Ring capacity per receiving thread. */
    static final int CAPACITY = 1 << 18;

    private final MessageRing ring = MessageRing.allocate(CAPACITY);
    private final Endpoint[] endpoints;
    private final MessageRing.Consumer decoder = this::decode;
    private Consumer<MessageImpl> sink;

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
        return ring.offer(m.time, m.sendTime(), m.sequence(), m.sourceId, m.sequence, m.hop, m.source().id(),
            m.destination().id(), m.type(), m.payloadArray());
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
        r.buffer().getBytes(r.offset() + MessageDescriptor.PAYLOAD_OFFSET, payload);
        sink.accept(new MessageImpl(endpoints[r.sourceEndpoint()], endpoints[r.destinationEndpoint()], r.sendTime(),
            r.visibleTime(), r.type(), r.sourceVtask(), r.orderSequence(), r.sequence(), payload, r.hop()));
    }

    private void invalid(final String problem)
    {
        throw new IllegalStateException("corrupted in-process message record: " + problem);
    }
}
