package org.livestack.api;

/**
 * Connects any number of endpoints. A message from endpoint {@code a} to endpoint {@code b}
 * attached to the same hub becomes visible at {@code sendTime + latency(a) + latency(b)}, the
 * two attachment latencies. Bandwidth, queue limits and hooks arrive with the IPC layer.
 * Immutable and thread-safe.
 */
public final class Hub
{
    private final Object owner;
    private final int id;
    private final String name;

    Hub(final Object owner, final int id, final String name)
    {
        this.owner = owner;
        this.id = id;
        this.name = name;
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

    /** @return the hub's unique name. */
    public String name()
    {
        return name;
    }

    @Override
    public String toString()
    {
        return "Hub['" + name + "']";
    }
}
