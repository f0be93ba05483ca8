package org.livestack.runtime.trace;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import org.livestack.api.Message;

/**
 * Records the messages delivered to one traced endpoint. Called only by the thread that delivers
 * to the endpoint's vtask (a replacement worker thread after an isolation gets its own appender).
 */
public final class TraceRecorder implements AutoCloseable
{
    private final ChronicleQueue queue;
    private ExcerptAppender appender;
    private Thread appenderThread;
    private long recorded;

    /** @param directory the queue's directory. */
    public TraceRecorder(final Path directory)
    {
        this.queue = TraceFiles.open(directory);
    }

    /**
     * @param message   the message delivered.
     * @param handledAt the receiver's vtime when it took it.
     * @param payload   the payload bytes.
     */
    public void record(final Message message, final long handledAt, final byte[] payload)
    {
        final Thread current = Thread.currentThread();
        if (appenderThread != current)
        {
            appender = queue.createAppender();
            appenderThread = current;
        }
        appender.writeBytes(b -> b.writeInt(TraceDescriptor.VERSION)
            .writeLong(handledAt)
            .writeLong(message.sendTime())
            .writeLong(message.visibleTime())
            .writeLong(message.sequence())
            .writeInt(message.type())
            .writeInt(message.source().id())
            .writeInt(message.destination().id())
            .writeInt(payload.length)
            .write(payload));
        recorded++;
    }

    /** @return messages recorded. */
    public long recorded()
    {
        return recorded;
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
