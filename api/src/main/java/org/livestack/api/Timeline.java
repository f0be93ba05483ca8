package org.livestack.api;

import java.util.List;

/**
 * What a run recorded over time, when asked to ({@link Simulation.Builder#timeline(boolean)}): the
 * data behind the HTML report's plots ({@link RunReports#html}).
 *
 * @param vtasks   vtask names in id order (the columns of {@link Sample#vtimes()}).
 * @param scopes   scope names in id order (the columns of {@link Sample#skews()}).
 * @param samples  snapshots in wall-time order, the first at the start and the last at the end.
 * @param links    message latency per link, most messages first.
 * @param sequence the first messages delivered, in visible-time order.
 */
public record Timeline(List<String> vtasks, List<String> scopes, List<Sample> samples, List<LinkLatency> links,
    List<Delivery> sequence)
{
    /** No recording. */
    public static final Timeline EMPTY = new Timeline(List.of(), List.of(), List.of(), List.of(), List.of());

    /** Compact canonical constructor: copies the lists. */
    public Timeline
    {
        vtasks = List.copyOf(vtasks);
        scopes = List.copyOf(scopes);
        samples = List.copyOf(samples);
        links = List.copyOf(links);
        sequence = List.copyOf(sequence);
    }

    /**
     * The latency buckets of {@link LinkLatency}: exact below 8 ns, then 8 per power of two.
     *
     * @param nanos a latency, {@code >= 0}.
     * @return its bucket's index.
     */
    public static int bucket(final long nanos)
    {
        if (nanos < 8)
        {
            return (int)Math.max(0, nanos);
        }
        final int k = 63 - Long.numberOfLeadingZeros(nanos);
        return 8 + (k - 3) * 8 + (int)((nanos >>> (k - 3)) & 7);
    }

    /**
     * @param index a bucket's index.
     * @return its lower edge in ns (the smallest latency in it).
     */
    public static long bucketLow(final int index)
    {
        if (index < 8)
        {
            return index;
        }
        final int k = (index - 8) / 8 + 3;
        return (8L + (index - 8) % 8) << (k - 3);
    }

    /** @return whether anything was recorded. */
    public boolean isEmpty()
    {
        return samples.isEmpty() && links.isEmpty() && sequence.isEmpty();
    }

    /**
     * One snapshot, taken by the run's control thread while the run goes (the vtimes are read without
     * stopping anyone, so a sample is not one consistent cut: each value is one a vtask really had).
     *
     * @param wallNanos wall time since the run started.
     * @param vtimes    each vtask's vtime, by id.
     * @param skews     each scope's skew: how far its furthest member is ahead of the scope's vtime
     *                  (0 when no member is ahead); never above the scope's bound.
     */
    public record Sample(long wallNanos, long[] vtimes, long[] skews)
    {
    }

    /**
     * Latencies of the messages from one endpoint to another, end to end (through any hubs): the time
     * a message became visible to its destination minus the time it was sent. Buckets are
     * log-linear: 8 per power of two, each reported by its lower edge.
     *
     * @param from         the source endpoint, {@code vtask.endpoint}.
     * @param to           the destination endpoint.
     * @param count        messages.
     * @param minNanos     smallest latency.
     * @param maxNanos     largest latency.
     * @param meanNanos    mean latency.
     * @param bucketLows   lower edges of the non-empty buckets, ascending.
     * @param bucketCounts their message counts (summing to {@code count}).
     */
    public record LinkLatency(String from, String to, long count, long minNanos, long maxNanos, double meanNanos,
        long[] bucketLows, long[] bucketCounts)
    {
    }

    /**
     * One message delivered to its destination.
     *
     * @param from        source endpoint, {@code vtask.endpoint}.
     * @param to          destination endpoint.
     * @param fromVtask   the sender's vtask.
     * @param toVtask     the receiver's vtask.
     * @param sendTime    the sender's vtime when it sent.
     * @param visibleTime when it became visible to the receiver.
     * @param type        message type.
     * @param length      payload bytes.
     */
    public record Delivery(String from, String to, String fromVtask, String toVtask, long sendTime, long visibleTime,
        int type, int length)
    {
    }
}
