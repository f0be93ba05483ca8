package org.livestack.runtime;

/**
 * Layout of a run page: the off-heap slot through which a self-running vtask (or, later, a vCPU
 * shim or another process) reports its progress and the scheduler reads it. Each field is a
 * little-endian 64-bit word on its own 64-byte cache line, so the vtask's writes and the
 * senders' CAS on {@code inboundMin} never share a line.
 *
 * <pre>
 *   0                   63 (bit)
 *  +---------------------+  offset
 *  |       vtime         |    0   written by the vtask: virtual time reached
 *  +---------------------+
 *  |        key          |   64   written by the vtask: its contribution to its scopes' vtime
 *  +---------------------+        (vtime while running, wake time while blocked, MAX when none)
 *  |       grant         |  128   written by the vtask: last grant it obtained (diagnostic)
 *  +---------------------+
 *  |     inboundMin      |  192   CAS-lowered by senders after pushing a message; reset by the
 *  +---------------------+        vtask after draining (see VirtualTimeScheduler for the protocol)
 *  |       state         |  256   VTaskState ordinal
 *  +---------------------+
 *  |     heartbeat       |  320   System.nanoTime() of the vtask's last control call
 *  +---------------------+
 *                           384   page length
 * </pre>
 */
public final class RunPageDescriptor
{
    /** Bytes between fields: one cache line. */
    public static final int FIELD_STRIDE = 64;
    /** Offset of the vtime word. */
    public static final int VTIME_OFFSET = 0;
    /** Offset of the key word. */
    public static final int KEY_OFFSET = VTIME_OFFSET + FIELD_STRIDE;
    /** Offset of the grant word. */
    public static final int GRANT_OFFSET = KEY_OFFSET + FIELD_STRIDE;
    /** Offset of the inbound-minimum word. */
    public static final int INBOUND_MIN_OFFSET = GRANT_OFFSET + FIELD_STRIDE;
    /** Offset of the state word. */
    public static final int STATE_OFFSET = INBOUND_MIN_OFFSET + FIELD_STRIDE;
    /** Offset of the heartbeat word. */
    public static final int HEARTBEAT_OFFSET = STATE_OFFSET + FIELD_STRIDE;
    /** Total length of one page. */
    public static final int PAGE_LENGTH = HEARTBEAT_OFFSET + FIELD_STRIDE;

    private RunPageDescriptor()
    {
    }
}
