package org.livestack.api;

import java.util.List;

/**
 * A group of vtasks with a virtual-time skew bound {@code S >= 0}. The scope's vtime is the
 * minimum vtime over its RUNNABLE and RUNNING members; a member may execute only while its
 * vtime is at most {@code scope.vtime + S} for every scope it belongs to. A vtask may be in
 * several scopes. Immutable and thread-safe.
 */
public final class Scope
{
    private final Object owner;
    private final int id;
    private final String name;
    private final long skewNanos;
    private List<VTask> members;

    Scope(final Object owner, final int id, final String name, final long skewNanos, final List<VTask> members)
    {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.skewNanos = skewNanos;
        this.members = List.copyOf(members);
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

    /** @return the scope's unique name. */
    public String name()
    {
        return name;
    }

    /** @return the skew bound S in nanoseconds of virtual time, {@code >= 0}. */
    public long skewNanos()
    {
        return skewNanos;
    }

    /** Adds the builder's hub vtasks when the simulation is built; never after. */
    void addMembers(final List<VTask> more)
    {
        final java.util.ArrayList<VTask> all = new java.util.ArrayList<>(members);
        all.addAll(more);
        members = List.copyOf(all);
    }

    /** @return the members, in the order given (hubs joined at build time last). */
    public List<VTask> members()
    {
        return members;
    }

    @Override
    public String toString()
    {
        return "Scope['" + name + "' S=" + skewNanos + "ns, " + members.size() + " members]";
    }
}
