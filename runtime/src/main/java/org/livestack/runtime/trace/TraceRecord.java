package org.livestack.runtime.trace;

/**
 * One message as read back from a trace (see {@link TraceDescriptor}).
 *
 * @param handledAt           receiver's vtime when it took the message.
 * @param sendTime            sender's vtime.
 * @param visibleTime         visible time.
 * @param sequence            per-source sequence.
 * @param type                application type.
 * @param sourceEndpoint      source endpoint id.
 * @param destinationEndpoint destination endpoint id.
 * @param payload             payload bytes.
 */
public record TraceRecord(long handledAt, long sendTime, long visibleTime, long sequence, int type, int sourceEndpoint,
    int destinationEndpoint, byte[] payload)
{
}
