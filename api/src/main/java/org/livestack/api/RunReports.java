package org.livestack.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Files of a {@link RunReport}: JSON with a versioned schema ({@value #SCHEMA}), CSV tables (one row
 * per vtask, one per scope) and a self-contained HTML page with SVG plots of the run's
 * {@link Timeline} (no scripts, no external assets). JDK only; the JSON is written by hand, strings
 * escaped per RFC 8259.
 *
 * <pre>{@code
 * RunReports.write(report, Path.of("target/reports"), "rack");
 * // rack.json, rack-vtasks.csv, rack-scopes.csv, rack.html
 * }</pre>
 *
 * <p>JSON layout (schema {@value #SCHEMA}): {@code schema, virtualTimeNanos, wallTimeNanos,
 * slowdown, workers, events, messages {sent, delivered, inFlight, dropped}, late {deliveries,
 * maxLatenessNanos}, faults [..], scopes [{name, skewBoundNanos, maxSkewNanos}], vtasks [{name,
 * kind, state, vtimeNanos, events, sent, received, details {..}}], timeline}}, where {@code timeline}
 * is present only if one was recorded: {@code {vtasks [names], scopes [names], samples [{wallNanos,
 * vtimes [..], skews [..]}], links [{from, to, count, minNanos, maxNanos, meanNanos, buckets
 * [[lowNanos, count], ..]}], sequence [{from, to, fromVtask, toVtask, sendTime, visibleTime, type,
 * length}]}}. Fields are only ever added within a schema version.
 */
public final class RunReports
{
    /** The JSON schema identifier written into every report. */
    public static final String SCHEMA = "livestack.run-report/1";

    private RunReports()
    {
    }

    /** @return the report as one JSON object. */
    public static String json(final RunReport r)
    {
        final StringBuilder b = new StringBuilder(1024);
        b.append("{\n  \"schema\": ").append(quote(SCHEMA));
        field(b, "virtualTimeNanos", r.virtualTimeNanos());
        field(b, "wallTimeNanos", r.wallTimeNanos());
        b.append(",\n  \"slowdown\": ").append(number(r.slowdown()));
        field(b, "workers", r.workers());
        field(b, "events", r.totalEvents());
        b.append(",\n  \"messages\": {\"sent\": ").append(r.sent()).append(", \"delivered\": ").append(r.delivered())
            .append(", \"inFlight\": ").append(r.inFlight()).append(", \"dropped\": ").append(r.dropped()).append('}');
        b.append(",\n  \"late\": {\"deliveries\": ").append(r.lateDeliveries()).append(", \"maxLatenessNanos\": ")
            .append(r.maxLatenessNanos()).append('}');
        b.append(",\n  \"faults\": [");
        for (int i = 0; i < r.faults().size(); i++)
        {
            b.append(i == 0 ? "" : ", ").append(quote(r.faults().get(i)));
        }
        b.append("],\n  \"scopes\": [");
        for (int i = 0; i < r.scopes().size(); i++)
        {
            final RunReport.ScopeStats s = r.scopes().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(s.name())).append(", \"skewBoundNanos\": ")
                .append(s.skewNanos()).append(", \"maxSkewNanos\": ").append(s.maxSkewNanos()).append('}');
        }
        b.append(r.scopes().isEmpty() ? "]" : "\n  ]").append(",\n  \"vtasks\": [");
        for (int i = 0; i < r.vtasks().size(); i++)
        {
            final RunReport.VTaskStats v = r.vtasks().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(v.name())).append(", \"kind\": ")
                .append(quote(v.kind().name())).append(", \"state\": ").append(quote(v.state().name()))
                .append(", \"vtimeNanos\": ").append(v.vtime()).append(", \"events\": ").append(v.events())
                .append(", \"sent\": ").append(v.sent()).append(", \"received\": ").append(v.received()).append(", \"details\": {");
            int k = 0;
            for (final Map.Entry<String, String> e : v.details().entrySet())
            {
                b.append(k++ == 0 ? "" : ", ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            }
            b.append("}}");
        }
        b.append(r.vtasks().isEmpty() ? "]" : "\n  ]");
        if (!r.timeline().isEmpty())
        {
            timeline(b, r.timeline());
        }
        b.append("\n}\n");
        return b.toString();
    }

    private static void timeline(final StringBuilder b, final Timeline t)
    {
        b.append(",\n  \"timeline\": {\n    \"vtasks\": ");
        strings(b, t.vtasks());
        b.append(",\n    \"scopes\": ");
        strings(b, t.scopes());
        b.append(",\n    \"samples\": [");
        for (int i = 0; i < t.samples().size(); i++)
        {
            final Timeline.Sample s = t.samples().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("      {\"wallNanos\": ").append(s.wallNanos()).append(", \"vtimes\": ");
            longs(b, s.vtimes());
            b.append(", \"skews\": ");
            longs(b, s.skews());
            b.append('}');
        }
        b.append(t.samples().isEmpty() ? "]" : "\n    ]").append(",\n    \"links\": [");
        for (int i = 0; i < t.links().size(); i++)
        {
            final Timeline.LinkLatency l = t.links().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("      {\"from\": ").append(quote(l.from())).append(", \"to\": ")
                .append(quote(l.to())).append(", \"count\": ").append(l.count()).append(", \"minNanos\": ").append(l.minNanos())
                .append(", \"maxNanos\": ").append(l.maxNanos()).append(", \"meanNanos\": ").append(number(l.meanNanos()))
                .append(", \"buckets\": [");
            for (int k = 0; k < l.bucketLows().length; k++)
            {
                b.append(k == 0 ? "[" : ", [").append(l.bucketLows()[k]).append(", ").append(l.bucketCounts()[k]).append(']');
            }
            b.append("]}");
        }
        b.append(t.links().isEmpty() ? "]" : "\n    ]").append(",\n    \"sequence\": [");
        for (int i = 0; i < t.sequence().size(); i++)
        {
            final Timeline.Delivery d = t.sequence().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("      {\"from\": ").append(quote(d.from())).append(", \"to\": ")
                .append(quote(d.to())).append(", \"fromVtask\": ").append(quote(d.fromVtask())).append(", \"toVtask\": ")
                .append(quote(d.toVtask())).append(", \"sendTime\": ").append(d.sendTime()).append(", \"visibleTime\": ")
                .append(d.visibleTime()).append(", \"type\": ").append(d.type()).append(", \"length\": ").append(d.length())
                .append('}');
        }
        b.append(t.sequence().isEmpty() ? "]" : "\n    ]").append("\n  }");
    }

    private static void strings(final StringBuilder b, final List<String> values)
    {
        b.append('[');
        for (int i = 0; i < values.size(); i++)
        {
            b.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        b.append(']');
    }

    private static void longs(final StringBuilder b, final long[] values)
    {
        b.append('[');
        for (int i = 0; i < values.length; i++)
        {
            b.append(i == 0 ? "" : ", ").append(values[i]);
        }
        b.append(']');
    }

    /**
     * @param r     the report.
     * @param title the page's title (the experiment's name).
     * @return the report as one self-contained HTML page: summary, tables, and SVG plots of the
     *         timeline (virtual vs wall time per vtask, skew per scope, latency histogram per link,
     *         sequence of the first messages) when one was recorded.
     */
    public static String html(final RunReport r, final String title)
    {
        return HtmlReport.html(r, title);
    }

    /** @return the vtask table as CSV (RFC 4180): a header, then one row per vtask in id order. */
    public static String vtasksCsv(final RunReport r)
    {
        final StringBuilder b = new StringBuilder("name,kind,state,vtime_ns,events,sent,received\r\n");
        for (final RunReport.VTaskStats v : r.vtasks())
        {
            row(b, List.of(v.name(), v.kind().name(), v.state().name(), Long.toString(v.vtime()), Long.toString(v.events()),
                Long.toString(v.sent()), Long.toString(v.received())));
        }
        return b.toString();
    }

    /** @return the scope table as CSV: a header, then one row per scope in id order. */
    public static String scopesCsv(final RunReport r)
    {
        final StringBuilder b = new StringBuilder("name,skew_bound_ns,max_skew_ns\r\n");
        for (final RunReport.ScopeStats s : r.scopes())
        {
            row(b, List.of(s.name(), Long.toString(s.skewNanos()), Long.toString(s.maxSkewNanos())));
        }
        return b.toString();
    }

    /**
     * Writes {@code NAME.json}, {@code NAME-vtasks.csv}, {@code NAME-scopes.csv} and {@code NAME.html}
     * into {@code dir} (created if missing).
     *
     * @return the JSON file.
     */
    public static Path write(final RunReport r, final Path dir, final String name) throws IOException
    {
        if (name.isEmpty() || name.contains("/") || name.contains("\\"))
        {
            throw new IllegalArgumentException("report name '" + name + "' must be a plain, non-empty file name");
        }
        Files.createDirectories(dir);
        final Path json = dir.resolve(name + ".json");
        Files.writeString(json, json(r));
        Files.writeString(dir.resolve(name + "-vtasks.csv"), vtasksCsv(r));
        Files.writeString(dir.resolve(name + "-scopes.csv"), scopesCsv(r));
        Files.writeString(dir.resolve(name + ".html"), html(r, name));
        return json;
    }

    private static void field(final StringBuilder b, final String name, final long value)
    {
        b.append(",\n  \"").append(name).append("\": ").append(value);
    }

    private static String number(final double x)
    {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "null";
    }

    private static void row(final StringBuilder b, final List<String> cells)
    {
        for (int i = 0; i < cells.size(); i++)
        {
            final String c = cells.get(i);
            final boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            b.append(i == 0 ? "" : ",").append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        b.append("\r\n");
    }

    /** @return {@code s} as a JSON string literal. */
    static String quote(final String s)
    {
        final StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
