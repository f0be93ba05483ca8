package org.livestack.api;

/**
 * A named port of a vtask through which it sends and receives messages. An endpoint is connected
 * to exactly one thing: a peer endpoint by {@link Simulation.Builder#link} or a {@link Hub} by
 * {@link Simulation.Builder#attach}. Immutable and thread-safe.
 */
public final class Endpoint
{
    private final Object owner;
    private final int id;
    private final String name;
    private final VTask vtask;

    Endpoint(final Object owner, final int id, final String name, final VTask vtask)
    {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.vtask = vtask;
    }

    Object owner()
    {
        return owner;
    }

    /** @return dense id, 0-based, in order of creation. */
    public int id()
    {
        return id;
    }

    /** @return the name, unique within its vtask. */
    public String name()
    {
        return name;
    }

    /** @return the vtask that sends and receives through this endpoint. */
    public VTask vtask()
    {
        return vtask;
    }

    @Override
    public String toString()
    {
        return vtask.name() + "." + name;
    }
}
