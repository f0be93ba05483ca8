package org.livestack.api;

/**
 * A unit whose progress the simulation coordinates: a modeled component's actor, a vCPU, or a
 * proxy for an external component. Created by {@link Simulation.Builder}; ids are dense, start
 * at 0 and follow the order in which the vtasks were added. Immutable and thread-safe.
 */
public final class VTask
{
    /** How a vtask is executed. */
    public enum Kind
    {
        /** A {@link Component} executed by the runtime's worker threads. */
        ACTOR,
        /** A {@link SelfRunningTask} on a thread of its own that asks for grants and reports progress. */
        SELF_RUNNING,
        /** A {@link Hub}: the runtime's own actor that forwards frames between the endpoints attached to it. */
        HUB
    }

    private final Object owner;
    private final int id;
    private final String name;
    private final Kind kind;

    VTask(final Object owner, final int id, final String name, final Kind kind)
    {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.kind = kind;
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

    /** @return the unique name given when the vtask was added. */
    public String name()
    {
        return name;
    }

    /** @return how the vtask is executed. */
    public Kind kind()
    {
        return kind;
    }

    @Override
    public String toString()
    {
        return "VTask[" + id + " '" + name + "' " + kind + "]";
    }
}
