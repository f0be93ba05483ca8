package org.livestack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * An experiment file (YAML, or JSON by its {@code .json} extension), checked as a whole before
 * anything runs, and its sweep: the cartesian product of the {@code sweep} axes, each point the file
 * with the axes' values put in. The format is documented in {@code docs/experiments.md}.
 *
 * <pre>{@code
 * Experiment e = Experiment.load(Path.of("examples/experiments/rack.yaml"));
 * for (Experiment.Point p : e.points()) {
 *     RunReport r = p.build().simulation().run();
 * }
 * }</pre>
 */
public final class Experiment
{
    private final String file;
    private final Path baseDir;
    private final JsonNode tree;
    private final String name;
    private final Map<String, List<JsonNode>> axes;

    private Experiment(final String file, final Path baseDir, final JsonNode tree)
    {
        this.file = file;
        this.baseDir = baseDir;
        this.tree = tree;
        final Node root = new Node(file, "", tree);
        this.name = root.get("name").name();
        this.axes = new LinkedHashMap<>();
        final Node sweep = root.opt("sweep");
        if (sweep != null)
        {
            for (final String axis : sweep.fieldNames())
            {
                final Node values = sweep.get(axis);
                final List<JsonNode> list = new ArrayList<>();
                for (final Node v : values.list())
                {
                    list.add(v.value);
                }
                if (list.isEmpty())
                {
                    throw values.error("a sweep axis needs at least one value");
                }
                checkPath(axis, values.path); // the axis must name an existing field
                axes.put(axis, list);
            }
        }
        // every point must be valid before the first one runs
        for (final Point p : points())
        {
            p.check();
        }
    }

    /**
     * Reads and checks an experiment file.
     *
     * @param path a {@code .yaml}, {@code .yml} or {@code .json} file.
     * @return the experiment.
     * @throws ExperimentException naming the file and the bad field.
     */
    public static Experiment load(final Path path)
    {
        final String file = path.toString();
        final String text;
        try
        {
            text = Files.readString(path);
        }
        catch (final NoSuchFileException e)
        {
            throw new ExperimentException(file, "", "no such file");
        }
        catch (final IOException e)
        {
            throw new ExperimentException(file, "", "cannot read: " + e, e);
        }
        final Path dir = path.toAbsolutePath().getParent();
        return parse(file, dir, text, path.toString().endsWith(".json"));
    }

    /**
     * Checks an experiment given as text.
     *
     * @param file    what to call it in messages.
     * @param baseDir where relative guest-image paths are resolved.
     * @param text    the file's content.
     * @param json    JSON rather than YAML.
     * @return the experiment.
     */
    public static Experiment parse(final String file, final Path baseDir, final String text, final boolean json)
    {
        final ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        final JsonNode tree;
        try
        {
            tree = mapper.readTree(text);
        }
        catch (final JacksonException e)
        {
            final JsonLocation at = e.getLocation();
            throw new ExperimentException(file, "", "not valid " + (json ? "JSON" : "YAML") +
                (at != null ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "") + ": " +
                e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull())
        {
            throw new ExperimentException(file, "", "the file is empty");
        }
        if (!tree.isObject())
        {
            throw new ExperimentException(file, "", "expected a mapping of fields at the top, found " +
                new Node(file, "", tree).describe());
        }
        return new Experiment(file, baseDir, tree);
    }

    /** @return the experiment's name (its reports' file names start with it). */
    public String name()
    {
        return name;
    }

    /** @return the sweep axes (path to its values), in file order; empty without a sweep. */
    public Map<String, List<JsonNode>> axes()
    {
        return axes;
    }

    /**
     * Applies {@code --set path=value} overrides (the value parsed as YAML: {@code 250ns}, {@code 3},
     * {@code [1us, 2us]}) and checks the result. A field set this way is no longer a sweep axis.
     *
     * @param overrides path to value.
     * @return the changed experiment.
     */
    public Experiment with(final Map<String, String> overrides)
    {
        final ObjectNode copy = (ObjectNode)tree.deepCopy();
        final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (final Map.Entry<String, String> o : overrides.entrySet())
        {
            final JsonNode v;
            try
            {
                v = yaml.readTree(o.getValue());
            }
            catch (final JacksonException e)
            {
                throw new ExperimentException(file, o.getKey(), "cannot read the value '" + o.getValue() + "' given with --set");
            }
            set(copy, o.getKey(), v, "--set " + o.getKey());
            // a field set on the command line is no longer swept
            if (copy.get("sweep") instanceof ObjectNode sweep)
            {
                sweep.remove(o.getKey());
                if (sweep.isEmpty())
                {
                    copy.remove("sweep");
                }
            }
        }
        return new Experiment(file, baseDir, copy);
    }

    /** @return every point of the sweep (one point without a sweep), in order, the last axis fastest. */
    public List<Point> points()
    {
        final List<Point> out = new ArrayList<>();
        final List<String> names = new ArrayList<>(axes.keySet());
        final int[] index = new int[names.size()];
        while (true)
        {
            final ObjectNode copy = (ObjectNode)tree.deepCopy();
            copy.remove("sweep");
            final Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++)
            {
                final JsonNode v = axes.get(names.get(i)).get(index[i]);
                set(copy, names.get(i), v, "sweep." + names.get(i));
                values.put(names.get(i), v.isTextual() ? v.asText() : v.toString());
            }
            final String label = names.isEmpty() ? name : String.format(Locale.ROOT, "%s-%0" +
                Integer.toString(Math.max(1, String.valueOf(total() - 1).length())) + "d", name, out.size());
            out.add(new Point(label, values, copy));
            int k = names.size() - 1;
            while (k >= 0 && ++index[k] == axes.get(names.get(k)).size())
            {
                index[k] = 0;
                k--;
            }
            if (k < 0)
            {
                return out;
            }
        }
    }

    private int total()
    {
        int n = 1;
        for (final List<JsonNode> v : axes.values())
        {
            n *= v.size();
        }
        return n;
    }

    /** One run of the experiment: the file with the sweep's values for this point put in. */
    public final class Point
    {
        private final String label;
        private final Map<String, String> values;
        private final JsonNode tree;

        private Point(final String label, final Map<String, String> values, final JsonNode tree)
        {
            this.label = label;
            this.values = values;
            this.tree = tree;
        }

        /** @return the name of this point's reports: the experiment's name, plus the point's index in a sweep. */
        public String label()
        {
            return label;
        }

        /** @return each axis's value at this point, as written in the file. */
        public Map<String, String> values()
        {
            return values;
        }

        /**
         * Builds this point's simulation (live hosts load their guest images and need /dev/kvm).
         *
         * @return the simulation and the handles the reports read.
         */
        public ExperimentBuilder.Built build()
        {
            return build(org.livestack.api.Progress.QUIET);
        }

        /**
         * @param progress how the run reports progress while it goes.
         * @return the simulation and the handles the reports read.
         */
        public ExperimentBuilder.Built build(final org.livestack.api.Progress progress)
        {
            return new ExperimentBuilder(file, baseDir, true, progress).build(new Node(file, "", tree));
        }

        ExperimentBuilder.Built check()
        {
            return new ExperimentBuilder(file, baseDir, false, org.livestack.api.Progress.QUIET).build(new Node(file, "", tree));
        }
    }

    // ------------------------------------------------------------------ paths

    /** Checks that a dotted path names a field of the file (see {@link #walk}). */
    private void checkPath(final String path, final String where)
    {
        final String[] parts = path.split("\\.", -1);
        walk(tree, parts, parts.length, path, where);
    }

    private void set(final ObjectNode root, final String path, final JsonNode value, final String where)
    {
        final String[] parts = path.split("\\.", -1);
        if (!(walk(root, parts, parts.length - 1, path, where) instanceof ObjectNode o))
        {
            throw new ExperimentException(file, where, "'" + path + "' does not end in a field of a mapping");
        }
        o.set(parts[parts.length - 1], value);
    }

    /**
     * Follows the first {@code count} parts of a dotted path: a field of a mapping, or, in a list of
     * named entries ({@code components}, {@code scopes}...), the entry with that name.
     */
    private JsonNode walk(final JsonNode root, final String[] parts, final int count, final String path, final String where)
    {
        JsonNode at = root;
        final StringBuilder seen = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            final String part = parts[i];
            if (part.isEmpty())
            {
                throw new ExperimentException(file, where, "'" + path + "' is not a path (empty part)");
            }
            JsonNode next = null;
            if (at.isObject())
            {
                next = at.get(part);
            }
            else if (at.isArray())
            {
                for (final JsonNode e : at)
                {
                    if (e.isObject() && e.has("name") && part.equals(e.get("name").asText()))
                    {
                        next = e;
                    }
                }
            }
            if (next == null)
            {
                throw new ExperimentException(file, where, "'" + path + "' names nothing in the file: " +
                    (seen.isEmpty() ? "the top" : "'" + seen + "'") + " has no " + (at.isArray() ? "entry named '" : "field '") +
                    part + "'");
            }
            seen.append(seen.isEmpty() ? "" : ".").append(part);
            at = next;
        }
        return at;
    }
}
