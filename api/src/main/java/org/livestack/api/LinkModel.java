package org.livestack.api;

/**
 * How a link (or a hub attachment) carries frames: propagation latency, bandwidth and a queue
 * limit. A frame of {@code n} payload bytes takes {@code ceil(n * 8 / bandwidth)} to serialize;
 * frames leave back to back in send order, each starting when the previous one finished, and
 * become visible {@code latency} after their last bit left. With a queue limit {@code Q}, a frame
 * that would be the {@code (Q+1)}-th waiting behind the one on the wire is dropped and counted.
 * Immutable.
 *
 * <pre>{@code
 * LinkModel tenGig = LinkModel.latency(500).bandwidth(10_000_000_000L).queueLimit(64);
 * // a 1500-byte frame: 1,200 ns on the wire, visible 1,700 ns after it started
 * }</pre>
 */
public final class LinkModel
{
    private final long latencyNanos;
    private final long bitsPerSecond;
    private final int queueLimit;

    private LinkModel(final long latencyNanos, final long bitsPerSecond, final int queueLimit)
    {
        this.latencyNanos = latencyNanos;
        this.bitsPerSecond = bitsPerSecond;
        this.queueLimit = queueLimit;
    }

    /**
     * @param latencyNanos propagation latency, {@code >= 0}.
     * @return a link with that latency, unlimited bandwidth and no queue limit.
     * @throws IllegalArgumentException if negative.
     */
    public static LinkModel latency(final long latencyNanos)
    {
        if (latencyNanos < 0)
        {
            throw new IllegalArgumentException("latency " + latencyNanos + " ns must be >= 0");
        }
        return new LinkModel(latencyNanos, 0, 0);
    }

    /**
     * @param bitsPerSecond bandwidth, {@code > 0}.
     * @return a copy with that bandwidth.
     */
    public LinkModel bandwidth(final long bitsPerSecond)
    {
        if (bitsPerSecond <= 0)
        {
            throw new IllegalArgumentException("bandwidth " + bitsPerSecond + " bit/s must be > 0");
        }
        return new LinkModel(latencyNanos, bitsPerSecond, queueLimit);
    }

    /**
     * @param frames frames that may wait behind the one being sent, {@code >= 1}.
     * @return a copy with that limit.
     */
    public LinkModel queueLimit(final int frames)
    {
        if (frames < 1)
        {
            throw new IllegalArgumentException("queue limit " + frames + " must be >= 1 frame");
        }
        if (bitsPerSecond == 0)
        {
            throw new IllegalStateException("a queue limit needs a bandwidth: frames never wait on an unlimited link");
        }
        return new LinkModel(latencyNanos, bitsPerSecond, frames);
    }

    /** @return propagation latency in ns. */
    public long latencyNanos()
    {
        return latencyNanos;
    }

    /** @return bandwidth in bit/s, 0 for unlimited. */
    public long bitsPerSecond()
    {
        return bitsPerSecond;
    }

    /** @return frames that may wait, 0 for no limit. */
    public int queueLimit()
    {
        return queueLimit;
    }

    /** @return true if frames take time to serialize (bandwidth is limited). */
    public boolean serializes()
    {
        return bitsPerSecond != 0;
    }

    /**
     * @param bytes frame length, {@code 0 <= bytes <= 2^30}.
     * @return serialization time in ns, rounded up; 0 on an unlimited link.
     */
    public long serializationNanos(final int bytes)
    {
        return bitsPerSecond == 0 ? 0 : Math.ceilDiv(bytes * 8L * 1_000_000_000L, bitsPerSecond);
    }

    @Override
    public String toString()
    {
        return "LinkModel[latency=" + latencyNanos + "ns" + (bitsPerSecond == 0 ? "" : ", " + bitsPerSecond + " bit/s") +
            (queueLimit == 0 ? "" : ", queue " + queueLimit) + "]";
    }
}
