package org.livestack.runtime;

import java.io.PrintStream;
import java.util.Locale;

import org.livestack.api.Progress;

/**
 * The run's progress on standard error: virtual time reached of the horizon, slowdown so far, actor
 * events per second, estimated wall time left. {@link Progress#AUTO} rewrites one line on a terminal
 * and prints plain lines elsewhere (a pipe, a CI log); {@link Progress#QUIET} prints nothing.
 */
final class ProgressLine
{
    private final boolean enabled;
    private final boolean rewrite;
    private final long intervalNanos;
    private final long horizon;
    private final long start;
    private final PrintStream out;
    private long next;
    private boolean printed;

    ProgressLine(final Progress mode, final long intervalNanos, final long horizon, final long start)
    {
        this(mode, intervalNanos, horizon, start, System.err, mode == Progress.AUTO && terminal());
    }

    ProgressLine(final Progress mode, final long intervalNanos, final long horizon, final long start, final PrintStream out,
        final boolean rewrite)
    {
        this.enabled = mode != Progress.QUIET;
        this.rewrite = rewrite;
        this.intervalNanos = intervalNanos;
        this.horizon = horizon;
        this.start = start;
        this.out = out;
        this.next = start + intervalNanos;
    }

    private static boolean terminal()
    {
        final java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    boolean due(final long now)
    {
        return enabled && now >= next;
    }

    /** @param vtime the global minimum reached; @param events actor events handled so far. */
    void print(final long now, final long vtime, final long events)
    {
        next = now + intervalNanos;
        out.print(line(now - start, Math.min(vtime, horizon), events) + (rewrite ? "\r" : System.lineSeparator()));
        out.flush();
        printed = true;
    }

    String line(final long wall, final long vtime, final long events)
    {
        final double done = horizon == 0 ? 1 : (double)vtime / horizon;
        final String eta = vtime <= 0 ? "unknown" : String.format(Locale.ROOT, "%.1f s", wall / 1e9 * (horizon - vtime) / vtime);
        return String.format(Locale.ROOT,
            "progress: virtual %s of %s (%.1f %%), wall %.1f s, slowdown %s, %.2f M actor events/s, ETA %s", time(vtime), time(horizon),
            100 * done, wall / 1e9, vtime <= 0 ? "n/a" : String.format(Locale.ROOT, "%.3g", wall / (double)vtime),
            events / (wall / 1e9) / 1e6, eta);
    }

    private static String time(final long nanos)
    {
        if (nanos >= 1_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000)
        {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f us", nanos / 1e3);
    }

    /** Ends an updated line so the report starts on its own line. */
    void finish()
    {
        if (printed && rewrite)
        {
            out.println();
        }
    }
}
