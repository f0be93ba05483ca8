package org.livestack.api;

/**
 * Connects any number of endpoints; each attachment is a port with its own {@link LinkModel}. A
 * hub is a vtask of its own (kind {@link VTask.Kind#HUB}) that joins every scope shared by all
 * the vtasks attached to it. A frame from {@code a} to {@code b}: serialized on {@code a}'s
 * attachment and {@code latency(a)} later at the hub; the hub runs its {@link HubHook}s, picks the
 * output port(s), serializes on each port's link (frames from many senders queue there, beyond the
 * queue limit they are dropped and counted) and the frame is visible {@code latency(b)} after it
 * left. Immutable and thread-safe.
 */
public final class Hub
{
    /** How a hub picks output ports. */
    public enum Kind
    {
        /** To the port of the frame's destination endpoint. */
        PLAIN,
        /**
         * An Ethernet switch: learns which port each source endpoint is behind; a frame to a learned
         * destination goes to that port, any other is flooded to every port but the one it came in
         * on (each copy keeps its original destination).
         */
        SWITCH
    }

    private final Object owner;
    private final int id;
    private final String name;
    private final Kind kind;
    private final VTask vtask;

    Hub(final Object owner, final int id, final String name, final Kind kind, final VTask vtask)
    {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.vtask = vtask;
    }

    /** @return how the hub forwards. */
    public Kind kind()
    {
        return kind;
    }

    /** @return the hub's own vtask. */
    public VTask vtask()
    {
        return vtask;
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
