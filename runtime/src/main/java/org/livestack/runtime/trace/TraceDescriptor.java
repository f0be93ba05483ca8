package org.livestack.runtime.trace;

/**
 * Layout of one trace excerpt in a Chronicle Queue: one message delivered to a traced endpoint.
 * Fields in order (Chronicle Bytes, little-endian):
 *
 * <pre>
 *  int32  version            ({@link #VERSION})
 *  int64  handled at         receiver's vtime when it took the message, ns
 *  int64  send time          ns
 *  int64  visible time       ns
 *  int64  sequence           per source vtask
 *  int32  type
 *  int32  source endpoint id
 *  int32  destination endpoint id
 *  int32  payload length     n
 *  n      payload bytes
 * </pre>
 */
public final class TraceDescriptor
{
    /** Version written first in every excerpt. */
    public static final int VERSION = 1;

    private TraceDescriptor()
    {
    }
}
