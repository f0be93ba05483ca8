package org.livestack.runtime;

import java.util.List;

import org.livestack.api.Endpoint;
import org.livestack.api.spi.SimulationSpec;

/**
 * Resolves a send to its destination and visible time. The routing tables are immutable; the
 * per-endpoint transmit state of serializing links ({@link LinkState}) is touched only by the
 * thread of the vtask that owns the sending endpoint.
 *
 * <p>A <em>transparent</em> hub (a plain hub, no hooks, every attachment pure latency) keeps no
 * state and decides nothing a sender cannot: a frame through it goes straight to its destination,
 * visible at send time + ingress latency + egress latency, ordered by its sender (one message
 * instead of two; the hub's vtask never acts). This is what the hub's actor would do whenever it
 * handles each frame at its arrival, i.e. whenever the skew bounds keep deliveries on time.
 */
final class Router
{
    private final Endpoint[] endpoints;
    private final SimulationSpec.Connection[] connections;
    private final LinkState[] egress;
    /** Per endpoint: attached to a transparent hub. */
    private final boolean[] direct;

    Router(final SimulationSpec spec)
    {
        this.endpoints = spec.endpoints().toArray(new Endpoint[0]);
        this.connections = spec.connections().toArray(new SimulationSpec.Connection[0]);
        this.egress = new LinkState[this.endpoints.length];
        this.direct = new boolean[this.endpoints.length];
        for (int i = 0; i < this.connections.length; i++)
        {
            final SimulationSpec.Connection c = this.connections[i];
            if (c != null && c.link().serializes())
            {
                egress[i] = new LinkState(c.link());
            }
        }
        final List<org.livestack.api.Hub> transparent = transparentHubs(spec);
        for (int i = 0; i < this.connections.length; i++)
        {
            final SimulationSpec.Connection c = this.connections[i];
            direct[i] = c != null && c.hub() != null && transparent.contains(c.hub());
        }
    }

    /** @return the hubs frames may bypass. */
    static List<org.livestack.api.Hub> transparentHubs(final SimulationSpec spec)
    {
        final List<org.livestack.api.Hub> out = new java.util.ArrayList<>();
        for (final SimulationSpec.VTaskSpec v : spec.vtasks())
        {
            if (isTransparent(v, spec.connections()))
            {
                out.add(v.hub());
            }
        }
        return out;
    }

    /** @return whether {@code v} is a hub frames may bypass: plain, without hooks, every attachment pure latency. */
    static boolean isTransparent(final SimulationSpec.VTaskSpec v, final List<SimulationSpec.Connection> connections)
    {
        if (v.hub() == null || v.hub().kind() != org.livestack.api.Hub.Kind.PLAIN || !v.hooks().isEmpty())
        {
            return false;
        }
        for (final SimulationSpec.Connection c : connections)
        {
            if (c != null && c.hub() == v.hub() && c.link().serializes())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Transmits a frame from {@code from} towards {@code to}: the sending link's serialization and
     * queue, then that link's latency. For a destination on a hub the frame arrives at the hub (the
     * hub adds its egress). Call only from the thread of {@code from}'s vtask.
     *
     * @return the time the frame reaches its next hop, or {@link LinkState#DROPPED}.
     * @throws IllegalArgumentException if {@code to} cannot be reached from {@code from}.
     */
    long transmit(final Endpoint from, final Endpoint to, final long now, final int bytes)
    {
        checkReachable(from, to);
        checkPayload(from, bytes);
        final LinkState link = egress[from.id()];
        if (direct[from.id()])
        {
            return VirtualTime.add(VirtualTime.add(now, connections[from.id()].latencyNanos()),
                connections[to.id()].latencyNanos());
        }
        return link == null ? VirtualTime.add(now, connections[from.id()].latencyNanos()) : link.transmit(now, bytes);
    }

    /**
     * @throws IllegalArgumentException naming the sizes if a payload exceeds {@link org.livestack.api.Message#MAX_PAYLOAD_LENGTH}.
     */
    static void checkPayload(final Endpoint from, final int bytes)
    {
        if (bytes > org.livestack.api.Message.MAX_PAYLOAD_LENGTH)
        {
            throw new IllegalArgumentException("payload of " + bytes + " bytes sent from " + from + " exceeds the " +
                org.livestack.api.Message.MAX_PAYLOAD_LENGTH + "-byte maximum of a message");
        }
    }

    /** @return the vtask id of the next hop from {@code from} to {@code to} (checked reachable). */
    int nextHop(final Endpoint from, final Endpoint to)
    {
        final SimulationSpec.Connection c = connections[from.id()];
        return c.hub() != null && !direct[from.id()] ? c.hub().vtask().id() : to.vtask().id();
    }

    /** @return the connection of an endpoint, or {@code null} if unconnected. */
    SimulationSpec.Connection connection(final Endpoint endpoint)
    {
        return connections[endpoint.id()];
    }

    private SimulationSpec.Connection checkReachable(final Endpoint from, final Endpoint to)
    {
        final SimulationSpec.Connection c = connectionOf(from);
        if (to == null || to.id() < 0 || to.id() >= endpoints.length || endpoints[to.id()] != to)
        {
            throw new IllegalArgumentException("unknown endpoint " + to + ": it is not part of this simulation (send from " +
                from + ")");
        }
        if (c != null)
        {
            if (c.peer() == to)
            {
                return c;
            }
            final SimulationSpec.Connection d = connections[to.id()];
            if (c.hub() != null && d != null && d.hub() == c.hub())
            {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown endpoint " + to + " for a send from " + from + ": " +
            (c == null ? from + " is not connected" : "it is neither " + from + "'s linked peer nor on its hub"));
    }

    /**
     * @return the linked peer of {@code from}.
     * @throws IllegalArgumentException if {@code from} is not linked to a peer.
     */
    Endpoint peerOf(final Endpoint from)
    {
        final SimulationSpec.Connection c = connectionOf(from);
        if (c == null || c.peer() == null)
        {
            throw new IllegalArgumentException("endpoint " + from + " is " +
                (c == null ? "not connected" : "attached to " + c.hub() + ", so a send needs an explicit destination") +
                "; send(from, type, payload) needs an endpoint linked to a peer");
        }
        return c.peer();
    }

    private SimulationSpec.Connection connectionOf(final Endpoint from)
    {
        if (from == null || from.id() < 0 || from.id() >= endpoints.length || endpoints[from.id()] != from)
        {
            throw new IllegalArgumentException("unknown endpoint " + from + ": it is not part of this simulation");
        }
        return connections[from.id()];
    }
}
