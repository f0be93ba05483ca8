package org.livestack.runtime.trace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;

/**
 * A trace-driven component: sends the messages of a recorded trace again, each at its recorded send
 * time, with its recorded type and payload. Link it to the receiver with the latency of the
 * recorded run and the receiver sees every message at its recorded visible time.
 */
public final class TraceReplay implements Component
{
    private final List<TraceRecord> records;
    private Endpoint out;
    private int next;

    /** @param directory a trace written by {@code Simulation.Builder.trace}. */
    public TraceReplay(final Path directory)
    {
        final java.util.ArrayList<TraceRecord> sorted = new java.util.ArrayList<>(TraceFiles.read(directory));
        sorted.sort(java.util.Comparator.comparingLong(TraceRecord::sendTime));
        this.records = List.copyOf(sorted);
    }

    /**
     * @param endpoint this component's endpoint, linked to the receiver.
     * @return this.
     */
    public TraceReplay sendFrom(final Endpoint endpoint)
    {
        this.out = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /** @return records in the trace. */
    public int size()
    {
        return records.size();
    }

    @Override
    public void onStart(final ComponentContext ctx)
    {
        if (out == null)
        {
            throw new IllegalStateException("trace replay '" + ctx.vtask().name() + "' has no endpoint: call sendFrom(endpoint)");
        }
        scheduleNext(ctx);
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        while (next < records.size() && records.get(next).sendTime() <= ctx.now())
        {
            final TraceRecord r = records.get(next++);
            ctx.send(out, r.type(), r.payload());
        }
        scheduleNext(ctx);
    }

    private void scheduleNext(final ComponentContext ctx)
    {
        if (next < records.size())
        {
            ctx.schedule(Math.max(0, records.get(next).sendTime() - ctx.now()), null);
        }
    }
}
