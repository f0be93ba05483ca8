package org.livestack.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.livestack.api.Progress;
import org.livestack.api.RunReport;
import org.livestack.api.RunReports;
import org.livestack.api.SimulationException;

/**
 * The command line: runs an experiment file, every point of its sweep, and writes each point's
 * reports (JSON, CSV, HTML) and a sweep table.
 *
 * <pre>
 * livestack [--out DIR] [--set PATH=VALUE]... [--quiet] [--check] FILE
 *   --out DIR          where the reports go (default target/livestack/NAME)
 *   --set PATH=VALUE   change a field before running, e.g. --set scopes.rack.skew=1us
 *   --quiet            no progress line
 *   --check            check the file (every sweep point) and exit without running
 * </pre>
 * Exit status: 0 after all points ran, 2 for a bad command line or experiment file, 1 if a run failed.
 */
public final class Main
{
    private Main()
    {
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments.
     * @param out  where the reports' summaries go.
     * @param err  where errors and progress go.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        Path outDir = null;
        Path file = null;
        boolean quiet = false;
        boolean check = false;
        final Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++)
        {
            final String a = args[i];
            switch (a)
            {
                case "--out" ->
                {
                    if (++i == args.length)
                    {
                        return usage(err, "--out needs a directory");
                    }
                    outDir = Path.of(args[i]);
                }
                case "--set" ->
                {
                    if (++i == args.length || !args[i].contains("="))
                    {
                        return usage(err, "--set needs PATH=VALUE");
                    }
                    final int eq = args[i].indexOf('=');
                    sets.put(args[i].substring(0, eq), args[i].substring(eq + 1));
                }
                case "--quiet" -> quiet = true;
                case "--check" -> check = true;
                case "--help", "-h" ->
                {
                    usage(out, null);
                    return 0;
                }
                default ->
                {
                    if (a.startsWith("-") || file != null)
                    {
                        return usage(err, "unexpected argument '" + a + "'");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null)
        {
            return usage(err, "no experiment file given");
        }
        final Experiment experiment;
        try
        {
            final Experiment loaded = Experiment.load(file);
            experiment = sets.isEmpty() ? loaded : loaded.with(sets);
        }
        catch (final ExperimentException e)
        {
            err.println("livestack: " + e.getMessage());
            return 2;
        }
        final List<Experiment.Point> points = experiment.points();
        if (check)
        {
            out.printf(Locale.ROOT, "%s: valid, %d run%s%n", file, points.size(), points.size() == 1 ? "" : "s");
            return 0;
        }
        final Path dir = (outDir != null ? outDir : Path.of("target", "livestack", experiment.name())).toAbsolutePath().normalize();
        out.printf(Locale.ROOT, "experiment %s (%s): %d run%s, reports in %s%n", experiment.name(), file, points.size(),
            points.size() == 1 ? "" : "s", dir);
        final List<String> rows = new ArrayList<>();
        List<String> summary = List.of();
        for (final Experiment.Point p : points)
        {
            final ExperimentBuilder.Built built;
            final RunReport report;
            try
            {
                built = p.build(quiet ? Progress.QUIET : Progress.AUTO);
                summary = built.summary();
                report = built.simulation().run();
            }
            catch (final ExperimentException e)
            {
                err.println("livestack: " + e.getMessage());
                return 2;
            }
            catch (final SimulationException e)
            {
                err.println("livestack: run " + p.label() + " failed: " + e.getMessage());
                return 1;
            }
            try
            {
                RunReports.write(report, dir, p.label());
            }
            catch (final IOException e)
            {
                err.println("livestack: cannot write the reports into " + dir + ": " + e);
                return 1;
            }
            out.printf(Locale.ROOT, "%n== %s %s%n", p.label(), p.values().isEmpty() ? "" : p.values());
            out.print(report.format(0));
            out.printf(Locale.ROOT, "  reports              : %s.{json,html}, %s-vtasks.csv, %s-scopes.csv%n",
                dir.resolve(p.label()), p.label(), p.label());
            rows.add(row(p, report, summary));
        }
        if (!experiment.axes().isEmpty() || !summary.isEmpty())
        {
            final StringBuilder csv = new StringBuilder();
            final List<String> header = new ArrayList<>(List.of("run"));
            header.addAll(experiment.axes().keySet());
            header.addAll(List.of("virtual_time_ns", "wall_ns", "slowdown", "events", "late_deliveries", "max_lateness_ns",
                "dropped"));
            header.addAll(summary);
            csv.append(csvLine(header));
            rows.forEach(csv::append);
            final Path table = dir.resolve(experiment.name() + "-sweep.csv");
            try
            {
                Files.writeString(table, csv.toString());
            }
            catch (final IOException e)
            {
                err.println("livestack: cannot write " + table + ": " + e);
                return 1;
            }
            out.printf(Locale.ROOT, "%nsweep table: %s%n", table);
            out.print(csv.toString().replace("\r\n", "\n"));
        }
        return 0;
    }

    private static String row(final Experiment.Point p, final RunReport r, final List<String> summary)
    {
        final List<String> cells = new ArrayList<>();
        cells.add(p.label());
        cells.addAll(p.values().values());
        cells.add(Long.toString(r.virtualTimeNanos()));
        cells.add(Long.toString(r.wallTimeNanos()));
        cells.add(String.format(Locale.ROOT, "%.4f", r.slowdown()));
        cells.add(Long.toString(r.totalEvents()));
        cells.add(Long.toString(r.lateDeliveries()));
        cells.add(Long.toString(r.maxLatenessNanos()));
        cells.add(Long.toString(r.dropped()));
        for (final String key : summary)
        {
            cells.add(detail(r, key));
        }
        return csvLine(cells);
    }

    /** @return {@code vtask.detail} from the report, or "" if the vtask or detail is not there. */
    static String detail(final RunReport r, final String key)
    {
        final int dot = key.indexOf('.');
        final String vtask = key.substring(0, dot);
        final String name = key.substring(dot + 1);
        for (final RunReport.VTaskStats v : r.vtasks())
        {
            if (v.name().equals(vtask))
            {
                return v.details().getOrDefault(name, "");
            }
        }
        return "";
    }

    private static String csvLine(final List<String> cells)
    {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++)
        {
            final String c = cells.get(i);
            final boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n");
            b.append(i == 0 ? "" : ",").append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        return b.append("\r\n").toString();
    }

    private static int usage(final PrintStream s, final String problem)
    {
        if (problem != null)
        {
            s.println("livestack: " + problem);
        }
        s.println("usage: livestack [--out DIR] [--set PATH=VALUE]... [--quiet] [--check] FILE.yaml|FILE.json");
        return problem == null ? 0 : 2;
    }
}
