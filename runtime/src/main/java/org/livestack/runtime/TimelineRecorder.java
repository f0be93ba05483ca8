package org.livestack.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.agrona.collections.Long2ObjectHashMap;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.Timeline;

/**
 * One thread's share of a run's {@link Timeline}: latency per link of the messages it delivered, and
 * the first messages it delivered. Owned by one worker or self-running vtask; merged at the end.
 */
final class TimelineRecorder
{
    /** Messages kept for the sequence view, per recorder and in the merged timeline. */
    static final int SEQUENCE = 64;
    /** Distinct links kept; messages on further links are counted under one "other links" entry. */
    static final int MAX_LINKS = 4_096;
    private static final long OTHER = -1L;

    private final Long2ObjectHashMap<Bins> links = new Long2ObjectHashMap<>();
    private final long[] sequence = new long[SEQUENCE * 6];
    private int sequenced;

    /** Latencies of one link, in log-linear buckets (8 per power of two), grown as needed. */
    static final class Bins
    {
        long[] counts = new long[64];
        long count;
        long min = Long.MAX_VALUE;
        long max;
        double sum;

        void add(final long latency)
        {
            final int i = Timeline.bucket(latency);
            if (i >= counts.length)
            {
                counts = Arrays.copyOf(counts, Math.max(i + 1, counts.length * 2));
            }
            counts[i]++;
            count++;
            min = Math.min(min, latency);
            max = Math.max(max, latency);
            sum += latency;
        }

        void addAll(final Bins o)
        {
            if (o.counts.length > counts.length)
            {
                counts = Arrays.copyOf(counts, o.counts.length);
            }
            for (int i = 0; i < o.counts.length; i++)
            {
                counts[i] += o.counts[i];
            }
            count += o.count;
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
            sum += o.sum;
        }
    }

    /** Records a message its destination's vtask takes. */
    void delivered(final Message m)
    {
        final long latency = m.visibleTime() - m.sendTime();
        long key = ((long)m.source().id() << 32) | m.destination().id();
        Bins b = links.get(key);
        if (b == null)
        {
            if (links.size() >= MAX_LINKS)
            {
                key = OTHER;
                b = links.get(OTHER);
            }
            if (b == null)
            {
                b = new Bins();
                links.put(key, b);
            }
        }
        b.add(latency);
        if (sequenced < SEQUENCE)
        {
            final int at = sequenced * 6;
            sequence[at] = m.source().id();
            sequence[at + 1] = m.destination().id();
            sequence[at + 2] = m.sendTime();
            sequence[at + 3] = m.visibleTime();
            sequence[at + 4] = m.type();
            sequence[at + 5] = m.length();
            sequenced++;
        }
    }

    /**
     * Merges recorders into a timeline.
     *
     * @param recorders every thread's recorder.
     * @param endpoints the run's endpoints by id.
     * @param vtasks    vtask names by id.
     * @param scopes    scope names by id.
     * @param samples   the control thread's samples.
     * @return the timeline.
     */
    static Timeline merge(final List<TimelineRecorder> recorders, final List<Endpoint> endpoints, final List<String> vtasks,
        final List<String> scopes, final List<Timeline.Sample> samples)
    {
        final Long2ObjectHashMap<Bins> all = new Long2ObjectHashMap<>();
        final List<Timeline.Delivery> sequence = new ArrayList<>();
        for (final TimelineRecorder r : recorders)
        {
            r.links.forEach((key, bins) -> all.computeIfAbsent(key, k -> new Bins()).addAll(bins));
            for (int i = 0; i < r.sequenced; i++)
            {
                final int at = i * 6;
                final Endpoint from = endpoints.get((int)r.sequence[at]);
                final Endpoint to = endpoints.get((int)r.sequence[at + 1]);
                sequence.add(new Timeline.Delivery(name(from), name(to), from.vtask().name(), to.vtask().name(),
                    r.sequence[at + 2], r.sequence[at + 3], (int)r.sequence[at + 4], (int)r.sequence[at + 5]));
            }
        }
        sequence.sort(Comparator.comparingLong(Timeline.Delivery::visibleTime).thenComparingLong(Timeline.Delivery::sendTime)
            .thenComparing(Timeline.Delivery::from).thenComparing(Timeline.Delivery::to));
        final List<Timeline.LinkLatency> links = new ArrayList<>();
        all.forEach((key, b) ->
        {
            int n = 0;
            for (final long c : b.counts)
            {
                n += c != 0 ? 1 : 0;
            }
            final long[] lows = new long[n];
            final long[] counts = new long[n];
            int j = 0;
            for (int i = 0; i < b.counts.length; i++)
            {
                if (b.counts[i] != 0)
                {
                    lows[j] = Timeline.bucketLow(i);
                    counts[j++] = b.counts[i];
                }
            }
            final String from = key == OTHER ? "(other links)" : name(endpoints.get((int)(key >>> 32)));
            final String to = key == OTHER ? "(other links)" : name(endpoints.get((int)(key & 0xFFFF_FFFFL)));
            links.add(new Timeline.LinkLatency(from, to, b.count, b.min, b.max, b.sum / b.count, lows, counts));
        });
        links.sort(Comparator.comparingLong(Timeline.LinkLatency::count).reversed().thenComparing(Timeline.LinkLatency::from)
            .thenComparing(Timeline.LinkLatency::to));
        return new Timeline(vtasks, scopes, samples, links, sequence.subList(0, Math.min(SEQUENCE, sequence.size())));
    }

    private static String name(final Endpoint e)
    {
        return e.vtask().name() + "." + e.name();
    }
}
