package org.livestack.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.stats.Tally;

/**
 * Replays a request trace: at each record's virtual time, a request of its size goes to the
 * record's server (an index into the servers given to {@link #connect}). Records are read from a
 * text file of lines {@code time_ns size_bytes server_index} ({@code #} starts a comment), or given
 * directly.
 */
public final class TraceReplay implements Component
{
    /** One trace record. */
    public record Entry(long timeNanos, long sizeBytes, int server)
    {
    }

    private final List<Entry> entries;
    private final Tally response = new Tally("response time (ns)");
    private Endpoint port;
    private List<Endpoint> servers = List.of();
    private int next;

    /** @param entries in non-decreasing time order, times {@code >= 0}, sizes {@code >= 0}. */
    public TraceReplay(final List<Entry> entries)
    {
        long last = 0;
        for (int i = 0; i < entries.size(); i++)
        {
            final Entry e = entries.get(i);
            if (e.timeNanos() < last || e.sizeBytes() < 0 || e.server() < 0)
            {
                throw new IllegalArgumentException("trace record " + i + " " + e + ": times must not decrease (previous " +
                    last + "), sizes and server indexes must be >= 0");
            }
            last = e.timeNanos();
        }
        this.entries = List.copyOf(entries);
    }

    /**
     * @return the trace in {@code file}.
     * @throws IllegalArgumentException naming the file and line of a malformed record.
     */
    public static TraceReplay load(final Path file) throws IOException
    {
        final List<Entry> entries = new ArrayList<>();
        final List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).replaceAll("#.*", "").trim();
            if (line.isEmpty())
            {
                continue;
            }
            final String[] f = line.split("\\s+");
            try
            {
                if (f.length != 3)
                {
                    throw new NumberFormatException("expected 3 fields, found " + f.length);
                }
                entries.add(new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2])));
            }
            catch (final NumberFormatException e)
            {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + lines.get(i) +
                    "' is not 'time_ns size_bytes server_index' (" + e.getMessage() + ")");
            }
        }
        try
        {
            return new TraceReplay(entries);
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Sets the endpoint requests leave from and the servers the records index; call before the run. */
    public TraceReplay connect(final Endpoint port, final List<Endpoint> servers)
    {
        this.port = Objects.requireNonNull(port, "port");
        this.servers = List.copyOf(servers);
        for (final Entry e : entries)
        {
            if (e.server() >= this.servers.size())
            {
                throw new IllegalArgumentException("trace record " + e + " names server " + e.server() + " but only " +
                    this.servers.size() + " are connected");
            }
        }
        return this;
    }

    @Override
    public void onStart(final ComponentContext ctx)
    {
        if (port == null)
        {
            throw new IllegalStateException("trace replay '" + ctx.vtask().name() + "' was not connected");
        }
        if (!entries.isEmpty())
        {
            ctx.schedule(entries.get(0).timeNanos() - ctx.now(), null);
        }
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        while (next < entries.size() && entries.get(next).timeNanos() <= ctx.now())
        {
            final Entry e = entries.get(next++);
            ctx.send(port, servers.get(e.server()), Jobs.REQUEST, Jobs.request(ctx.now(), e.sizeBytes(), 0));
        }
        if (next < entries.size())
        {
            ctx.schedule(entries.get(next).timeNanos() - ctx.now(), null);
        }
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        if (message.type() == Jobs.REPLY && message.destination() == port)
        {
            response.add(ctx.now() - Jobs.issuedAt(message));
        }
    }

    /** @return records replayed so far. */
    public int replayed()
    {
        return next;
    }

    /** @return response times of the replies received. */
    public Tally response()
    {
        return response;
    }
}
