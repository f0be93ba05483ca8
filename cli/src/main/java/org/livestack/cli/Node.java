package org.livestack.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value of an experiment file with its path, and typed readers that reject bad values naming the
 * path. Quantities take units: durations {@code 250ns, 1.5us, 2ms, 1s} (a bare integer is ns), bit
 * rates {@code 10Gbps, 100Mbps, 9600bps}, byte rates {@code 500MB/s, 1GiB/s, 4096B/s}.
 */
final class Node
{
    private static final Pattern QUANTITY = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z/]*)\\s*");

    final String file;
    final String path;
    final JsonNode value;

    Node(final String file, final String path, final JsonNode value)
    {
        this.file = file;
        this.path = path;
        this.value = value;
    }

    ExperimentException error(final String problem)
    {
        return new ExperimentException(file, path, problem);
    }

    private String child(final String field)
    {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** @return the field, which must be there. */
    Node get(final String field)
    {
        final Node n = opt(field);
        if (n == null)
        {
            throw new ExperimentException(file, child(field), "missing (required)");
        }
        return n;
    }

    /** @return the field, or {@code null} if absent or null. */
    Node opt(final String field)
    {
        object();
        final JsonNode v = value.get(field);
        return v == null || v.isNull() ? null : new Node(file, child(field), v);
    }

    boolean has(final String field)
    {
        return opt(field) != null;
    }

    /** Rejects fields other than these (a typo must not be silently ignored). */
    Node only(final String... fields)
    {
        object();
        final Set<String> known = new TreeSet<>(List.of(fields));
        final Iterator<String> names = value.fieldNames();
        while (names.hasNext())
        {
            final String f = names.next();
            if (!known.contains(f))
            {
                throw new ExperimentException(file, child(f), "unknown field (expected one of " + String.join(", ", known) + ")");
            }
        }
        return this;
    }

    private void object()
    {
        if (!value.isObject())
        {
            throw error("expected a mapping of fields, found " + describe());
        }
    }

    List<Node> list()
    {
        if (!value.isArray())
        {
            throw error("expected a list, found " + describe());
        }
        final List<Node> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++)
        {
            out.add(new Node(file, path + "[" + i + "]", value.get(i)));
        }
        return out;
    }

    List<String> fieldNames()
    {
        object();
        final List<String> out = new ArrayList<>();
        value.fieldNames().forEachRemaining(out::add);
        return out;
    }

    String text()
    {
        if (!value.isTextual())
        {
            throw error("expected a string, found " + describe());
        }
        final String s = value.asText();
        if (s.isBlank())
        {
            throw error("must not be empty");
        }
        return s;
    }

    /** @return a name: letters, digits, '-', '_', '.'. */
    String name()
    {
        final String s = value.isTextual() ? value.asText() : null;
        if (s == null || !s.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*"))
        {
            throw error("expected a name (letters, digits, '_', '-', '.'), found " + describe());
        }
        return s;
    }

    boolean bool()
    {
        if (!value.isBoolean())
        {
            throw error("expected true or false, found " + describe());
        }
        return value.asBoolean();
    }

    long integer(final long min, final long max)
    {
        if (!value.isIntegralNumber() || !value.canConvertToLong())
        {
            throw error("expected an integer, found " + describe());
        }
        final long v = value.asLong();
        if (v < min || v > max)
        {
            throw error("must be in [" + min + ", " + max + "], found " + v);
        }
        return v;
    }

    double number(final double minExclusive)
    {
        if (!value.isNumber())
        {
            throw error("expected a number, found " + describe());
        }
        final double v = value.asDouble();
        if (!(v > minExclusive) || !Double.isFinite(v))
        {
            throw error("must be a finite number > " + minExclusive + ", found " + v);
        }
        return v;
    }

    /** @return a duration in ns, {@code >= 0}. */
    long duration()
    {
        return Math.round(quantity("a duration (e.g. 250ns, 1.5us, 2ms, 1s)", "ns", 1, "us", 1e3, "ms", 1e6, "s", 1e9));
    }

    /** @return a positive duration in ns. */
    long positiveDuration()
    {
        final long v = duration();
        if (v <= 0)
        {
            throw error("must be a positive duration, found " + describe());
        }
        return v;
    }

    /** @return bits per second, {@code > 0}. */
    long bitRate()
    {
        final double v = quantity("a bit rate (e.g. 10Gbps, 100Mbps)", "bps", 1, "kbps", 1e3, "Mbps", 1e6, "Gbps", 1e9);
        if (v < 1)
        {
            throw error("must be a positive bit rate, found " + describe());
        }
        return Math.round(v);
    }

    /** @return bytes per second, {@code > 0}. */
    double byteRate()
    {
        final double v = quantity("a byte rate (e.g. 500MB/s, 1GiB/s)", "B/s", 1, "kB/s", 1e3, "MB/s", 1e6, "GB/s", 1e9,
            "KiB/s", 1024, "MiB/s", 1024.0 * 1024, "GiB/s", 1024.0 * 1024 * 1024);
        if (v <= 0)
        {
            throw error("must be a positive byte rate, found " + describe());
        }
        return v;
    }

    /** @return a byte count (e.g. 64, 4KiB). */
    double bytes()
    {
        return quantity("a size in bytes (e.g. 64, 1500B, 4KiB)", "B", 1, "kB", 1e3, "KiB", 1024, "MB", 1e6, "MiB", 1024.0 * 1024);
    }

    private double quantity(final String what, final Object... units)
    {
        if (value.isNumber())
        {
            final double v = value.asDouble();
            if (v < 0 || !Double.isFinite(v))
            {
                throw error("must not be negative, found " + describe());
            }
            return v;
        }
        if (!value.isTextual())
        {
            throw error("expected " + what + ", found " + describe());
        }
        final String s = value.asText();
        if (s.trim().startsWith("-"))
        {
            throw error("must not be negative, found '" + s + "'");
        }
        final Matcher m = QUANTITY.matcher(s);
        if (!m.matches())
        {
            throw error("expected " + what + ", found '" + s + "'");
        }
        final double number = Double.parseDouble(m.group(1));
        final String unit = m.group(2);
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < units.length; i += 2)
        {
            names.add((String)units[i]);
            if (units[i].equals(unit) || (unit.isEmpty() && i == 0))
            {
                return number * ((Number)units[i + 1]).doubleValue();
            }
        }
        throw error("unknown unit '" + unit + "' in '" + s + "' (expected " + what + "; units: " + String.join(", ", names) + ")");
    }

    String describe()
    {
        if (value.isTextual())
        {
            return "'" + value.asText() + "'";
        }
        if (value.isObject())
        {
            return "a mapping";
        }
        if (value.isArray())
        {
            return "a list";
        }
        return value.toString().toLowerCase(Locale.ROOT);
    }
}
