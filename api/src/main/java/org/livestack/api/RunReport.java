package org.livestack.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run did and how faithful it was. Message counters always add up:
 * {@code sent == delivered + inFlight + dropped}.
 *
 * @param virtualTimeNanos virtual time reached: the horizon if the run got there, else the largest
 *                         vtime of any vtask.
 * @param wallTimeNanos    wall-clock duration of the run.
 * @param workers          worker threads that executed actors.
 * @param vtasks           per-vtask statistics in id order.
 * @param scopes           per-scope statistics in id order.
 * @param lateDeliveries   messages that entered their receiver's queue after the receiver had
 *                         passed their visible time (possible only when a skew bound exceeds the
 *                         lookahead, or through forwarding in a scope the sender is not in).
 * @param maxLatenessNanos largest lateness among them, 0 if none.
 * @param sent             messages sent.
 * @param delivered        messages handled (actors) or polled (self-running).
 * @param inFlight         messages not yet delivered when the run ended.
 * @param dropped          messages to DONE or FAULTED vtasks, or pending there when they stopped.
 * @param faults           one line per vtask isolated under {@link FaultPolicy#ISOLATE}, saying why.
 * @param timeline         what the run recorded over time ({@link Simulation.Builder#timeline(boolean)}),
 *                         {@link Timeline#EMPTY} if it was not asked to.
 */
public record RunReport(
    long virtualTimeNanos,
    long wallTimeNanos,
    int workers,
    List<VTaskStats> vtasks,
    List<ScopeStats> scopes,
    long lateDeliveries,
    long maxLatenessNanos,
    long sent,
    long delivered,
    long inFlight,
    long dropped,
    List<String> faults,
    Timeline timeline)
{
    /**
     * Statistics of one vtask.
     *
     * @param name     vtask name.
     * @param kind     actor or self-running.
     * @param state    state at the end of the run.
     * @param vtime    vtime at the end of the run, at most the horizon (a vtask forwarded on wake-up
     *                 may have been moved past it without acting there).
     * @param events   events handled (actor: messages and self-events; self-running: progress reports).
     * @param sent     messages sent.
     * @param received messages delivered to it.
     * @param details  what the vtask itself reports at the end ({@link SelfRunningTask#details()}),
     *                 in its order: a live host's console, exit status, device counters, faults.
     */
    public record VTaskStats(String name, VTask.Kind kind, VTaskState state, long vtime, long events, long sent,
        long received, Map<String, String> details)
    {
        /** Compact canonical constructor: copies the details, keeping their order. */
        public VTaskStats
        {
            details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        }

        /** Without details (actors). */
        public VTaskStats(final String name, final VTask.Kind kind, final VTaskState state, final long vtime,
            final long events, final long sent, final long received)
        {
            this(name, kind, state, vtime, events, sent, received, Map.of());
        }
    }

    /**
     * Statistics of one scope.
     *
     * @param name          scope name.
     * @param skewNanos     the configured bound S.
     * @param maxSkewNanos  the largest {@code vtime - scope.vtime} observed at a dispatch of a member.
     */
    public record ScopeStats(String name, long skewNanos, long maxSkewNanos)
    {
    }

    /** Compact canonical constructor: copies the lists. */
    public RunReport
    {
        vtasks = List.copyOf(vtasks);
        scopes = List.copyOf(scopes);
        faults = List.copyOf(faults);
        timeline = timeline == null ? Timeline.EMPTY : timeline;
    }

    /** Without a timeline. */
    public RunReport(final long virtualTimeNanos, final long wallTimeNanos, final int workers, final List<VTaskStats> vtasks,
        final List<ScopeStats> scopes, final long lateDeliveries, final long maxLatenessNanos, final long sent,
        final long delivered, final long inFlight, final long dropped, final List<String> faults)
    {
        this(virtualTimeNanos, wallTimeNanos, workers, vtasks, scopes, lateDeliveries, maxLatenessNanos, sent, delivered,
            inFlight, dropped, faults, Timeline.EMPTY);
    }

    /** @return wall time divided by virtual time; {@code NaN} when no virtual time passed. */
    public double slowdown()
    {
        return virtualTimeNanos == 0 ? Double.NaN : (double)wallTimeNanos / (double)virtualTimeNanos;
    }

    /** @return total events handled by all vtasks. */
    public long totalEvents()
    {
        long total = 0;
        for (final VTaskStats s : vtasks)
        {
            total += s.events();
        }
        return total;
    }

    /** @return the statistics of the vtask with this name. */
    public VTaskStats vtask(final String name)
    {
        for (final VTaskStats s : vtasks)
        {
            if (s.name().equals(name))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("no vtask named '" + name + "' in this report");
    }

    /** @return the statistics of the scope with this name. */
    public ScopeStats scope(final String name)
    {
        for (final ScopeStats s : scopes)
        {
            if (s.name().equals(name))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("no scope named '" + name + "' in this report");
    }

    /**
     * @param maxVTaskRows at most this many vtask rows (the rest are summarised in one line).
     * @return a human-readable multi-line report.
     */
    public String format(final int maxVTaskRows)
    {
        final StringBuilder sb = new StringBuilder(1024);
        sb.append(String.format(Locale.ROOT, "LiveStack run report%n"));
        sb.append(String.format(Locale.ROOT, "  virtual time reached : %,d ns%n", virtualTimeNanos));
        sb.append(String.format(Locale.ROOT, "  wall time            : %,d ns (%d workers)%n", wallTimeNanos, workers));
        sb.append(String.format(Locale.ROOT, "  slowdown (wall/virt) : %.3f%n", slowdown()));
        sb.append(String.format(Locale.ROOT, "  events handled       : %,d (%.0f events/s)%n", totalEvents(),
            wallTimeNanos == 0 ? 0.0 : totalEvents() * 1e9 / wallTimeNanos));
        sb.append(String.format(Locale.ROOT, "  messages             : sent %,d = delivered %,d + in flight %,d + dropped %,d%n",
            sent, delivered, inFlight, dropped));
        sb.append(String.format(Locale.ROOT, "  late deliveries      : %,d (max lateness %,d ns)%n", lateDeliveries,
            maxLatenessNanos));
        for (final String fault : faults)
        {
            sb.append(String.format(Locale.ROOT, "  fault                : %s%n", fault));
        }
        sb.append(String.format(Locale.ROOT, "  %-24s %14s %14s%n", "scope", "skew bound ns", "max skew ns"));
        for (final ScopeStats s : scopes)
        {
            sb.append(String.format(Locale.ROOT, "  %-24s %,14d %,14d%n", s.name(), s.skewNanos(), s.maxSkewNanos()));
        }
        sb.append(String.format(Locale.ROOT, "  %-24s %-12s %-9s %16s %10s %10s %10s%n",
            "vtask", "kind", "state", "vtime ns", "events", "sent", "received"));
        final int rows = Math.min(maxVTaskRows, vtasks.size());
        for (int i = 0; i < rows; i++)
        {
            final VTaskStats s = vtasks.get(i);
            sb.append(String.format(Locale.ROOT, "  %-24s %-12s %-9s %,16d %,10d %,10d %,10d%n",
                s.name(), s.kind(), s.state(), s.vtime(), s.events(), s.sent(), s.received()));
        }
        if (rows < vtasks.size())
        {
            sb.append(String.format(Locale.ROOT, "  ... %d more vtasks%n", vtasks.size() - rows));
        }
        for (int i = 0; i < rows; i++)
        {
            final VTaskStats s = vtasks.get(i);
            for (final Map.Entry<String, String> e : s.details().entrySet())
            {
                final String value = e.getValue().replace("\n", "\n" + " ".repeat(6 + s.name().length() + e.getKey().length()));
                sb.append(String.format(Locale.ROOT, "  %s %s: %s%n", s.name(), e.getKey(), value.stripTrailing()));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString()
    {
        return format(20);
    }
}
