package org.livestack.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;

/**
 * The request/reply convention the models share. A {@link #REQUEST} carries at least the time it
 * was issued (8 bytes), then optionally its size in bytes and its work in nanoseconds at speed 1
 * (8 bytes each), all little-endian: the layout of {@code uint64_t job[3]} in a C guest on x86-64.
 * Servers answer with a {@link #REPLY} that echoes the payload to the request's source, so the
 * client measures the response time from the payload.
 */
public final class Jobs
{
    /** Message type of a request. */
    public static final int REQUEST = 1;
    /** Message type of a reply. */
    public static final int REPLY = 2;

    private Jobs()
    {
    }

    /** @return a request payload holding only its issue time (8 bytes). */
    public static byte[] request(final long issuedAt)
    {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, issuedAt).array();
    }

    /** @return a request payload: issued at {@code issuedAt}, {@code size} bytes, {@code work} ns. */
    public static byte[] request(final long issuedAt, final long sizeBytes, final long workNanos)
    {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(0, issuedAt).putLong(8, sizeBytes)
            .putLong(16, workNanos).array();
    }

    /** @return when the request was issued. */
    public static long issuedAt(final Message m)
    {
        return m.length() >= 8 ? m.payload().order(ByteOrder.LITTLE_ENDIAN).getLong(0) : 0;
    }

    /** @return the request's size in bytes, 0 if it carries none. */
    public static long size(final Message m)
    {
        return m.length() >= 16 ? m.payload().order(ByteOrder.LITTLE_ENDIAN).getLong(8) : 0;
    }

    /** @return the request's work in ns at speed 1, 0 if it carries none. */
    public static long work(final Message m)
    {
        return m.length() >= 24 ? m.payload().order(ByteOrder.LITTLE_ENDIAN).getLong(16) : 0;
    }

    /** @return a copy of the payload (what a reply echoes). */
    public static byte[] payload(final Message m)
    {
        final byte[] b = new byte[m.length()];
        m.payload().get(b);
        return b;
    }

    /**
     * A request a server holds until it answers: the payload to echo, where the reply goes, and
     * when the request arrived.
     *
     * @param payload   the request's payload (a copy).
     * @param replyFrom the server's endpoint the request reached.
     * @param replyTo   the request's source.
     * @param arrival   virtual time of arrival.
     * @param size      the request's {@link #size}.
     */
    public record Pending(byte[] payload, Endpoint replyFrom, Endpoint replyTo, long arrival, long size)
    {
        /** @return {@code m}, taken at {@code now} (a handler's message is valid only during the handler). */
        public static Pending of(final Message m, final long now)
        {
            return new Pending(Jobs.payload(m), m.destination(), m.source(), now, Jobs.size(m));
        }

        /**
         * Sends the reply (type {@link #REPLY}, echoing the payload).
         *
         * @return the response time: now minus the arrival.
         */
        public long reply(final ComponentContext ctx)
        {
            ctx.send(replyFrom, replyTo, REPLY, payload);
            return ctx.now() - arrival;
        }
    }

    /**
     * @return whether {@code m} is a request addressed to an endpoint of {@code task} (a switch floods
     *         frames to every port until it learns where their destination is: models ignore copies).
     */
    public static boolean isRequestFor(final Message m, final org.livestack.api.VTask task)
    {
        return m.type() == REQUEST && m.destination().vtask() == task;
    }
}
