package org.livestack.runtime.external;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.livestack.runtime.RunPageDescriptor;

/**
 * Layout of the memory-mapped file through which a component in another process joins a run (the
 * cross-process component protocol, docs/external-components.md). Little-endian; the same layout
 * is in {@code native/include/livestack/external.h} (a test compares the constants).
 *
 * <pre>
 *  offset
 *     0  int32 magic 0x4C535843 ("LSXC")        written by the runtime
 *     4  int32 version                          written by the runtime
 *     8  int32 inbound ring capacity            runtime -> component
 *    12  int32 outbound ring capacity           component -> runtime
 *    64  int64 stop                             runtime: 1 once the run has ended
 *   128  int64 inbound written                  runtime: messages written to the inbound ring
 *   192  int64 inbound consumed                 component: messages it has handled
 *   256  run page (RunPageDescriptor, 384 bytes): the component writes vtime, state and heartbeat
 *        (CLOCK_MONOTONIC ns); the runtime writes grant
 *   640  inbound ring  (capacity + Agrona trailer)
 *    ..  outbound ring (capacity + Agrona trailer)
 * </pre>
 *
 * Rings use the Agrona many-to-one ring buffer protocol (trailer of {@value #RING_TRAILER_LENGTH}
 * bytes, 8-byte record header: length, type) and carry {@link org.livestack.runtime.ipc.MessageDescriptor}
 * records. Messages in the inbound ring carry endpoint ids of the simulation; records the component
 * writes must name one of its own endpoints as source and a reachable endpoint as destination, and
 * their send time must be between the component's previous and current reported vtime.
 */
public final class ExternalComponentDescriptor
{
    /** "LSXC". */
    public static final int MAGIC = 0x4C535843;
    /** Protocol version. */
    public static final int VERSION = 1;
    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the version. */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the inbound ring capacity. */
    public static final int INBOUND_CAPACITY_OFFSET = 8;
    /** Offset of the outbound ring capacity. */
    public static final int OUTBOUND_CAPACITY_OFFSET = 12;
    /** Offset of the stop flag. */
    public static final int STOP_OFFSET = 64;
    /** Offset of the count of messages written to the inbound ring. */
    public static final int INBOUND_WRITTEN_OFFSET = 128;
    /** Offset of the count of inbound messages the component handled. */
    public static final int INBOUND_CONSUMED_OFFSET = 192;
    /** Offset of the run page. */
    public static final int RUN_PAGE_OFFSET = 256;
    /** Offset of the inbound ring. */
    public static final int INBOUND_RING_OFFSET = RUN_PAGE_OFFSET + RunPageDescriptor.PAGE_LENGTH;
    /** Length of an Agrona ring trailer. */
    public static final int RING_TRAILER_LENGTH = RingBufferDescriptor.TRAILER_LENGTH;
    /** Offset of the tail position within a ring's trailer. */
    public static final int RING_TAIL_OFFSET = RingBufferDescriptor.TAIL_POSITION_OFFSET;
    /** Offset of the cached head position within a ring's trailer. */
    public static final int RING_HEAD_CACHE_OFFSET = RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET;
    /** Offset of the head position within a ring's trailer. */
    public static final int RING_HEAD_OFFSET = RingBufferDescriptor.HEAD_POSITION_OFFSET;
    /** Run-page state written by a component that is working. */
    public static final int STATE_RUNNING = 1;
    /** Run-page state written by a component waiting for a message. */
    public static final int STATE_BLOCKED = 2;
    /** Run-page state written by a component that finished. */
    public static final int STATE_DONE = 3;

    private ExternalComponentDescriptor()
    {
    }

    /** @return offset of the outbound ring for an inbound ring of this capacity. */
    public static int outboundRingOffset(final int inboundCapacity)
    {
        return INBOUND_RING_OFFSET + inboundCapacity + RING_TRAILER_LENGTH;
    }

    /** @return the file length for these ring capacities. */
    public static int fileLength(final int inboundCapacity, final int outboundCapacity)
    {
        return outboundRingOffset(inboundCapacity) + outboundCapacity + RING_TRAILER_LENGTH;
    }
}
