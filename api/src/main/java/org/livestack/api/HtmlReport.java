package org.livestack.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link RunReport} as one self-contained HTML page: summary, scope and vtask tables, and
 * inline SVG plots of its {@link Timeline} (no scripts, no external assets). Every plotted value is
 * also in a {@code data-*} attribute of its SVG element, so a test can read the rendered page back
 * and compare it with the JSON report.
 */
final class HtmlReport
{
    /** Most series, links or lanes one plot shows; the JSON report has them all. */
    static final int MAX_SERIES = 12;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"};
    private static final int W = 680;
    private static final int H = 240;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    private HtmlReport()
    {
    }

    static String html(final RunReport r, final String title)
    {
        final StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
            .append(" - LiveStack run report</title>\n<style>\n")
            .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}\n")
            .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 8px;")
            .append("text-align:right;font-size:90%}th{background:#f3f3f3}td.l,th.l{text-align:left}\n")
            .append("svg.plot{border:1px solid #ddd;margin:4px 8px 12px 0;background:#fff}\n")
            .append("svg text{font-size:11px;fill:#333}.note{color:#666;font-size:90%}\n")
            .append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"note\">LiveStack run report, schema ")
            .append(esc(RunReports.SCHEMA)).append("</p>\n");
        summary(b, r);
        scopesTable(b, r);
        final Timeline t = r.timeline();
        if (t.isEmpty())
        {
            b.append("<p class=\"note\">No timeline was recorded (Simulation.Builder.timeline(true) records one): ")
                .append("no plots.</p>\n");
        }
        else
        {
            vtimePlot(b, r, t);
            skewPlots(b, r, t);
            latencyPlots(b, t);
            sequencePlot(b, t);
        }
        vtasksTable(b, r);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    // ------------------------------------------------------------------ tables

    private static void summary(final StringBuilder b, final RunReport r)
    {
        b.append("<h2>Summary</h2>\n<table id=\"summary\">\n");
        row(b, "virtual time reached", ns(r.virtualTimeNanos()));
        row(b, "wall time", ns(r.wallTimeNanos()) + " (" + r.workers() + " workers)");
        row(b, "slowdown (wall / virtual)", String.format(Locale.ROOT, "%.3f", r.slowdown()));
        row(b, "events handled", String.format(Locale.ROOT, "%,d", r.totalEvents()));
        row(b, "messages", String.format(Locale.ROOT, "sent %,d = delivered %,d + in flight %,d + dropped %,d", r.sent(),
            r.delivered(), r.inFlight(), r.dropped()));
        row(b, "late deliveries", String.format(Locale.ROOT, "%,d (max lateness %s)", r.lateDeliveries(),
            ns(r.maxLatenessNanos())));
        for (final String f : r.faults())
        {
            row(b, "fault", f);
        }
        b.append("</table>\n");
    }

    private static void row(final StringBuilder b, final String key, final String value)
    {
        b.append("<tr><th class=\"l\">").append(esc(key)).append("</th><td class=\"l\">").append(esc(value))
            .append("</td></tr>\n");
    }

    private static void scopesTable(final StringBuilder b, final RunReport r)
    {
        b.append("<h2>Scopes</h2>\n<table id=\"scopes\"><tr><th class=\"l\">scope</th><th>skew bound</th>")
            .append("<th>max skew at a dispatch</th></tr>\n");
        for (final RunReport.ScopeStats s : r.scopes())
        {
            b.append("<tr><td class=\"l\">").append(esc(s.name())).append("</td><td>").append(ns(s.skewNanos()))
                .append("</td><td>").append(ns(s.maxSkewNanos())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void vtasksTable(final StringBuilder b, final RunReport r)
    {
        b.append("<h2>Vtasks</h2>\n<table id=\"vtasks\"><tr><th class=\"l\">vtask</th><th class=\"l\">kind</th>")
            .append("<th class=\"l\">state</th><th>vtime (ns)</th><th>events</th><th>sent</th><th>received</th>")
            .append("<th class=\"l\">details</th></tr>\n");
        for (final RunReport.VTaskStats v : r.vtasks())
        {
            b.append("<tr><td class=\"l\">").append(esc(v.name())).append("</td><td class=\"l\">").append(v.kind())
                .append("</td><td class=\"l\">").append(v.state()).append("</td><td>")
                .append(String.format(Locale.ROOT, "%,d</td><td>%,d</td><td>%,d</td><td>%,d", v.vtime(), v.events(), v.sent(),
                    v.received()))
                .append("</td><td class=\"l\">");
            for (final Map.Entry<String, String> e : v.details().entrySet())
            {
                final String value = e.getValue();
                b.append(esc(e.getKey())).append(": ");
                if (value.contains("\n"))
                {
                    b.append("<pre>").append(esc(value)).append("</pre>");
                }
                else
                {
                    b.append(esc(value)).append("<br>");
                }
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    // ------------------------------------------------------------------ plots

    /** A chart area with linear axes; maps data to pixels. */
    private static final class Axes
    {
        final double x0;
        final double x1;
        final double y0;
        final double y1;
        final int w;
        final int h;

        Axes(final double x0, final double x1, final double y0, final double y1, final int w, final int h)
        {
            this.x0 = x0;
            this.x1 = x1 > x0 ? x1 : x0 + 1;
            this.y0 = y0;
            this.y1 = y1 > y0 ? y1 : y0 + 1;
            this.w = w;
            this.h = h;
        }

        double px(final double x)
        {
            return LEFT + (x - x0) / (x1 - x0) * (w - LEFT - RIGHT);
        }

        double py(final double y)
        {
            return h - BOTTOM - (y - y0) / (y1 - y0) * (h - TOP - BOTTOM);
        }

        /** Draws the frame, ticks and labels; values are in ns, shown in {@code unit}s. */
        void draw(final StringBuilder b, final String xLabel, final Unit xu, final String yLabel, final Unit yu)
        {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, w - LEFT - RIGHT, h - TOP - BOTTOM));
            for (final double tx : ticks(x0, x1))
            {
                final double x = px(tx);
                b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, h - BOTTOM, x, h - BOTTOM + 4, x,
                    h - BOTTOM + 16, xu.format(tx)));
            }
            for (final double ty : ticks(y0, y1))
            {
                final double y = py(ty);
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 4, y, LEFT, y, LEFT - 6, y + 4,
                    yu.format(ty)));
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s (%s)</text>%n",
                (LEFT + w - RIGHT) / 2, h - 6, esc(xLabel), xu.name));
            b.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">"
                + "%s (%s)</text>%n", (TOP + h - BOTTOM) / 2, (TOP + h - BOTTOM) / 2, esc(yLabel), yu.name));
        }
    }

    /** A display unit for nanosecond values. */
    private record Unit(String name, double nanos)
    {
        static Unit of(final double maxNanos)
        {
            if (maxNanos >= 10e9)
            {
                return new Unit("s", 1e9);
            }
            if (maxNanos >= 10e6)
            {
                return new Unit("ms", 1e6);
            }
            if (maxNanos >= 10e3)
            {
                return new Unit("us", 1e3);
            }
            return new Unit("ns", 1);
        }

        String format(final double valueNanos)
        {
            final double v = valueNanos / nanos;
            return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long)v) : String.format(Locale.ROOT, "%.3g", v);
        }
    }

    /** @return about five round tick values covering [lo, hi]. */
    static List<Double> ticks(final double lo, final double hi)
    {
        final List<Double> out = new ArrayList<>();
        final double span = hi - lo;
        if (!(span > 0) || !Double.isFinite(span))
        {
            out.add(lo);
            return out;
        }
        final double raw = span / 5;
        final double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        final double norm = raw / mag;
        final double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        {
            out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return out;
    }

    private static void open(final StringBuilder b, final String plot, final String extra, final int w, final int h)
    {
        b.append(String.format(Locale.ROOT, "<svg class=\"plot\" data-plot=\"%s\"%s xmlns=\"http://www.w3.org/2000/svg\" "
            + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n", plot, extra, w, h, w, h));
    }

    private static void legend(final StringBuilder b, final List<String> names, final int x)
    {
        for (int i = 0; i < names.size(); i++)
        {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, TOP + 4 + i * 14, COLORS[i % COLORS.length], x + 14,
                TOP + 13 + i * 14, esc(names.get(i))));
        }
    }

    private static void vtimePlot(final StringBuilder b, final RunReport r, final Timeline t)
    {
        final List<Timeline.Sample> samples = t.samples();
        if (samples.isEmpty())
        {
            return;
        }
        // self-running vtasks (live hosts) first: their vtime is the one that moves with the wall clock
        final List<Integer> order = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < t.vtasks().size(); i++)
            {
                final boolean self = i < r.vtasks().size() && r.vtasks().get(i).kind() == VTask.Kind.SELF_RUNNING;
                if (self == (pass == 0))
                {
                    order.add(i);
                }
            }
        }
        final int shown = Math.min(MAX_SERIES, t.vtasks().size());
        b.append("<h2>Virtual time against wall time</h2>\n<p class=\"note\">Each vtask's vtime as sampled during the run ")
            .append("(").append(samples.size()).append(" samples). ");
        if (shown < t.vtasks().size())
        {
            b.append(shown).append(" of ").append(t.vtasks().size())
                .append(" vtasks are shown (self-running ones first, then by id); the JSON report has all. ");
        }
        b.append("The dashed line is real time (slowdown 1).</p>\n");
        final long wallMax = samples.get(samples.size() - 1).wallNanos();
        long vMax = 0;
        for (final Timeline.Sample s : samples)
        {
            for (int k = 0; k < shown; k++)
            {
                vMax = Math.max(vMax, s.vtimes()[order.get(k)]);
            }
        }
        final int w = W + 160;
        final Axes a = new Axes(0, wallMax, 0, vMax, w - 160, H + 40);
        open(b, "vtime-vs-wall", "", w, H + 40);
        a.draw(b, "wall time", Unit.of(wallMax), "virtual time", Unit.of(vMax));
        final double reach = Math.min(wallMax, vMax);
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" "
            + "stroke-dasharray=\"4 4\"/>%n", a.px(0), a.py(0), a.px(reach), a.py(reach)));
        final List<String> names = new ArrayList<>();
        for (int k = 0; k < shown; k++)
        {
            final int i = order.get(k);
            final StringBuilder pts = new StringBuilder();
            for (final Timeline.Sample s : samples)
            {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", a.px(s.wallNanos()), a.py(s.vtimes()[i])));
            }
            final Timeline.Sample last = samples.get(samples.size() - 1);
            b.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-vtask=\"%s\" data-last-wall=\"%d\" "
                + "data-last-vtime=\"%d\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                esc(t.vtasks().get(i)), last.wallNanos(), last.vtimes()[i], COLORS[k % COLORS.length], pts.toString().trim()));
            names.add(t.vtasks().get(i));
        }
        legend(b, names, w - 150);
        b.append("</svg>\n");
    }

    private static void skewPlots(final StringBuilder b, final RunReport r, final Timeline t)
    {
        final List<Timeline.Sample> samples = t.samples();
        if (samples.isEmpty() || t.scopes().isEmpty())
        {
            return;
        }
        b.append("<h2>Skew per scope over time</h2>\n<p class=\"note\">How far each scope's furthest member was ahead ")
            .append("of the scope's vtime when sampled; the dashed line is the scope's bound S.</p>\n");
        final long wallMax = samples.get(samples.size() - 1).wallNanos();
        final int shown = Math.min(MAX_SERIES, t.scopes().size());
        for (int s = 0; s < shown; s++)
        {
            final long bound = r.scopes().size() > s ? r.scopes().get(s).skewNanos() : 0;
            long max = 0;
            for (final Timeline.Sample x : samples)
            {
                max = Math.max(max, x.skews()[s]);
            }
            final double top = Math.max(Math.max(bound, max) * 1.1, 1);
            final Axes a = new Axes(0, wallMax, 0, top, W / 2 + 60, H);
            open(b, "skew", String.format(Locale.ROOT, " data-scope=\"%s\" data-bound=\"%d\" data-max=\"%d\"",
                esc(t.scopes().get(s)), bound, max), W / 2 + 60, H);
            a.draw(b, "wall time", Unit.of(wallMax), "skew", Unit.of(top));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">scope %s, S = %s</text>%n", LEFT + 6, TOP + 14,
                esc(t.scopes().get(s)), ns(bound)));
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" "
                + "stroke-dasharray=\"5 4\"/>%n", a.px(0), a.py(bound), a.px(wallMax), a.py(bound)));
            final StringBuilder pts = new StringBuilder();
            for (final Timeline.Sample x : samples)
            {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", a.px(x.wallNanos()), a.py(x.skews()[s])));
            }
            b.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"#1f77b4\" "
                + "stroke-width=\"1.2\" points=\"%s\"/>%n</svg>%n", pts.toString().trim()));
        }
        if (shown < t.scopes().size())
        {
            b.append("<p class=\"note\">").append(t.scopes().size() - shown).append(" more scopes in the JSON report.</p>\n");
        }
    }

    private static void latencyPlots(final StringBuilder b, final Timeline t)
    {
        if (t.links().isEmpty())
        {
            return;
        }
        b.append("<h2>Message latency per link</h2>\n<p class=\"note\">Visible time minus send time of every message ")
            .append("delivered, end to end (through hubs), by source and destination endpoint; buckets are 1/8 of a ")
            .append("power of two wide. Links with the most messages first");
        final int shown = Math.min(MAX_SERIES, t.links().size());
        if (shown < t.links().size())
        {
            b.append(" (").append(shown).append(" of ").append(t.links().size()).append(" shown)");
        }
        b.append(".</p>\n");
        for (int i = 0; i < shown; i++)
        {
            final Timeline.LinkLatency l = t.links().get(i);
            final int n = l.bucketLows().length;
            // a slot per bucket from one below the smallest to one above the largest, empty ones included
            final int first = Math.max(0, Timeline.bucket(l.bucketLows()[0]) - 1);
            final int slots = Math.max(8, Timeline.bucket(l.bucketLows()[n - 1]) + 2 - first);
            long maxCount = 1;
            for (final long c : l.bucketCounts())
            {
                maxCount = Math.max(maxCount, c);
            }
            final int w = W / 2 + 60;
            final Axes a = new Axes(0, slots, 0, maxCount, w, H);
            open(b, "latency", String.format(Locale.ROOT, " data-from=\"%s\" data-to=\"%s\" data-count=\"%d\"",
                esc(l.from()), esc(l.to()), l.count()), w, H);
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s &#8594; %s: %,d messages, mean %s</text>%n",
                LEFT + 6, TOP - 6, esc(l.from()), esc(l.to()), l.count(), ns(Math.round(l.meanNanos()))));
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, w - LEFT - RIGHT, H - TOP - BOTTOM));
            for (final double ty : ticks(0, maxCount))
            {
                if (ty != Math.rint(ty))
                {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,d</text>%n", LEFT - 6,
                    a.py(ty) + 4, (long)ty));
            }
            final Unit u = Unit.of(l.maxNanos());
            final int labelEvery = Math.max(1, slots / 6);
            for (int slot = 0; slot < slots; slot += labelEvery)
            {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    (a.px(slot) + a.px(slot + 1)) / 2, H - BOTTOM + 14, u.format(Timeline.bucketLow(first + slot))));
            }
            for (int k = 0; k < n; k++)
            {
                final int slot = Timeline.bucket(l.bucketLows()[k]) - first;
                final double x = a.px(slot) + 1;
                final double bw = Math.max(1, a.px(slot + 1) - a.px(slot) - 2);
                final double y = a.py(l.bucketCounts()[k]);
                b.append(String.format(Locale.ROOT, "<rect class=\"bar\" data-low=\"%d\" data-count=\"%d\" x=\"%.1f\" "
                    + "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f77b4\"><title>&#8805; %s: %,d</title></rect>%n",
                    l.bucketLows()[k], l.bucketCounts()[k], x, y, bw, a.py(0) - y, ns(l.bucketLows()[k]),
                    l.bucketCounts()[k]));
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">latency, bucket lower "
                + "edge (%s)</text>%n</svg>%n", (LEFT + w - RIGHT) / 2, H - 8, u.name));
        }
    }

    private static void sequencePlot(final StringBuilder b, final Timeline t)
    {
        final List<Timeline.Delivery> seq = t.sequence();
        if (seq.isEmpty())
        {
            return;
        }
        final Map<String, Integer> lanes = new LinkedHashMap<>();
        long tMin = Long.MAX_VALUE;
        long tMax = 0;
        for (final Timeline.Delivery d : seq)
        {
            lanes.putIfAbsent(d.fromVtask(), lanes.size());
            lanes.putIfAbsent(d.toVtask(), lanes.size());
            tMin = Math.min(tMin, d.sendTime());
            tMax = Math.max(tMax, d.visibleTime());
        }
        b.append("<h2>Message sequence</h2>\n<p class=\"note\">The first ").append(seq.size())
            .append(" messages delivered, by visible time: an arrow leaves its sender's lifeline at the send time and ")
            .append("reaches the receiver's at the visible time (virtual time runs down).</p>\n");
        final int laneWidth = 110;
        final int w = LEFT + lanes.size() * laneWidth + 20;
        final int h = 80 + seq.size() * 16;
        final Unit u = Unit.of(tMax);
        open(b, "sequence", String.format(Locale.ROOT, " data-messages=\"%d\"", seq.size()), w, h);
        b.append("<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"3\" orient=\"auto\">")
            .append("<path d=\"M0,0 L7,3 L0,6 z\" fill=\"#333\"/></marker></defs>\n");
        final double top = 40;
        final double bottom = h - 20;
        final double span = Math.max(1, tMax - tMin);
        for (final Map.Entry<String, Integer> e : lanes.entrySet())
        {
            final double x = LEFT + e.getValue() * laneWidth + laneWidth / 2.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"24\" text-anchor=\"middle\">%s</text>"
                + "<line class=\"lifeline\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\"/>%n", x,
                esc(e.getKey()), x, top, x, bottom));
        }
        for (final double ty : ticks(tMin, tMax))
        {
            final double y = top + (ty - tMin) / span * (bottom - top);
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4,
                u.format(ty)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"14\">vtime (%s)</text>%n", u.name));
        for (final Timeline.Delivery d : seq)
        {
            final double x1 = LEFT + lanes.get(d.fromVtask()) * laneWidth + laneWidth / 2.0;
            final double x2 = LEFT + lanes.get(d.toVtask()) * laneWidth + laneWidth / 2.0;
            final double y1 = top + (d.sendTime() - tMin) / span * (bottom - top);
            final double y2 = top + (d.visibleTime() - tMin) / span * (bottom - top);
            b.append(String.format(Locale.ROOT, "<line class=\"msg\" data-from=\"%s\" data-to=\"%s\" data-send=\"%d\" "
                + "data-visible=\"%d\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" "
                + "marker-end=\"url(#arrow)\"><title>%s &#8594; %s, type %d, %d bytes, sent %s, visible %s</title></line>%n",
                esc(d.from()), esc(d.to()), d.sendTime(), d.visibleTime(), x1, y1, x2, y2, esc(d.from()), esc(d.to()),
                d.type(), d.length(), ns(d.sendTime()), ns(d.visibleTime())));
        }
        b.append("</svg>\n");
    }

    // ------------------------------------------------------------------ text

    private static String ns(final long nanos)
    {
        return String.format(Locale.ROOT, "%,d ns", nanos);
    }

    static String esc(final String s)
    {
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
