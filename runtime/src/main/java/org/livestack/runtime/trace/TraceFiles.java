package org.livestack.runtime.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/** Reading traces written by a traced endpoint. */
public final class TraceFiles
{
    private TraceFiles()
    {
    }

    static ChronicleQueue open(final Path directory)
    {
        return SingleChronicleQueueBuilder.single(directory.toFile()).build();
    }

    /**
     * @param directory a trace queue's directory.
     * @return every record, in the order they were delivered.
     * @throws IllegalArgumentException if the directory does not exist or an excerpt has another version.
     */
    public static List<TraceRecord> read(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no trace at " + directory + ": not a directory");
        }
        final List<TraceRecord> records = new ArrayList<>();
        try (ChronicleQueue q = open(directory))
        {
            final ExcerptTailer tailer = q.createTailer();
            while (tailer.readBytes(b ->
            {
                final int version = b.readInt();
                if (version != TraceDescriptor.VERSION)
                {
                    throw new IllegalArgumentException("trace " + directory + " holds an excerpt of version " + version +
                        "; this runtime reads version " + TraceDescriptor.VERSION);
                }
                final long handledAt = b.readLong();
                final long sendTime = b.readLong();
                final long visibleTime = b.readLong();
                final long sequence = b.readLong();
                final int type = b.readInt();
                final int source = b.readInt();
                final int destination = b.readInt();
                final int length = b.readInt();
                if (length < 0 || length > b.readRemaining())
                {
                    throw new IllegalArgumentException("trace " + directory + " holds a truncated excerpt: payload length " +
                        length + ", " + b.readRemaining() + " bytes left");
                }
                final byte[] payload = new byte[length];
                b.read(payload);
                records.add(new TraceRecord(handledAt, sendTime, visibleTime, sequence, type, source, destination, payload));
            }))
            {
                // one excerpt per iteration
            }
        }
        return records;
    }
}
