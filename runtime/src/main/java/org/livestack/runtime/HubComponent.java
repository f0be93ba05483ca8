package org.livestack.runtime;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.HubHook;
import org.livestack.api.HubHookContext;
import org.livestack.api.Message;
import org.livestack.api.spi.SimulationSpec;

/**
 * The actor that runs a {@link Hub}: for each frame, in delivery order, it runs the hooks, picks the
 * output ports (the destination's, or, for a switch, learned or flooded), serializes on each port's
 * link and forwards. State (egress links, the switch's learning table, hook state) is touched only
 * by the hub's vtask.
 */
final class HubComponent implements Component
{
    /** What a hub needs from its vtask's context beyond {@link ComponentContext}. */
    interface Forwarding
    {
        /**
         * Sends a frame on to its next hop, ordered by the hub's own sequence.
         *
         * @param in          the frame as it arrived.
         * @param destination its destination endpoint (possibly re-routed).
         * @param visibleTime when the next hop sees it.
         * @param type        its type (possibly rewritten).
         * @param rewritten   a rewritten payload, or {@code null} to forward {@code in}'s.
         * @param hop         the vtask that receives it next.
         */
        void forward(Message in, Endpoint destination, long visibleTime, int type, byte[] rewritten, int hop);

        /** Counts a frame the hub dropped. */
        void dropped();
    }

    private final Hub hub;
    private final List<HubHook> hooks;
    private final Endpoint[] ports;
    private final LinkState[] egress;
    private final long[] egressLatency;
    private final int[] portIndexOfEndpoint;
    private final BitSet learned = new BitSet();
    private final Hook hookContext = new Hook();
    /** Bypassed by the router (never handles a frame). */
    private final boolean transparent;
    long forwarded;
    long drops;
    long floods;

    HubComponent(final SimulationSpec.VTaskSpec spec, final List<SimulationSpec.Connection> connections)
    {
        this.hub = spec.hub();
        this.hooks = spec.hooks();
        this.transparent = Router.isTransparent(spec, connections);
        final List<Endpoint> attached = new ArrayList<>();
        for (final SimulationSpec.Connection c : connections)
        {
            if (c != null && c.hub() == hub)
            {
                attached.add(c.endpoint());
            }
        }
        ports = attached.toArray(new Endpoint[0]);
        egress = new LinkState[ports.length];
        egressLatency = new long[ports.length];
        portIndexOfEndpoint = new int[connections.size()];
        java.util.Arrays.fill(portIndexOfEndpoint, -1);
        for (int i = 0; i < ports.length; i++)
        {
            final SimulationSpec.Connection c = connections.get(ports[i].id());
            portIndexOfEndpoint[ports[i].id()] = i;
            egressLatency[i] = c.latencyNanos();
            egress[i] = c.link().serializes() ? new LinkState(c.link()) : null;
        }
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        final Message in = message;
        final Forwarding out = (Forwarding)ctx;
        final Hook h = hookContext;
        h.reset(in, ctx.now());
        for (int i = 0; i < hooks.size() && !h.drop; i++)
        {
            hooks.get(i).onFrame(h);
        }
        if (h.drop)
        {
            drops++;
            out.dropped();
            return;
        }
        final long now = h.now;
        final Endpoint destination = h.destination;
        final int ingress = portIndexOfEndpoint[in.source().id()];
        if (hub.kind() == Hub.Kind.PLAIN)
        {
            send(out, in, h, portIndexOfEndpoint[destination.id()], destination, now);
            return;
        }
        learned.set(ingress);
        final int port = portIndexOfEndpoint[destination.id()];
        if (learned.get(port))
        {
            send(out, in, h, port, destination, now);
            return;
        }
        floods++;
        for (int p = 0; p < ports.length; p++)
        {
            if (p != ingress)
            {
                send(out, in, h, p, destination, now);
            }
        }
    }

    @Override
    public java.util.Map<String, String> details()
    {
        final java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
        if (transparent)
        {
            d.put("forwarding", "none needed: a transparent hub (plain, no hooks, pure-latency ports); frames go " +
                "straight from sender to destination");
            return d;
        }
        d.put("forwarded", Long.toString(forwarded));
        d.put("dropped", Long.toString(drops));
        if (hub.kind() != Hub.Kind.PLAIN)
        {
            d.put("flooded", Long.toString(floods));
        }
        return d;
    }

    private void send(final Forwarding out, final Message in, final Hook h, final int port,
        final Endpoint destination, final long now)
    {
        final LinkState link = egress[port];
        final int length = h.payload != null ? h.payload.length : in.length();
        final long visible = link == null ? VirtualTime.add(now, egressLatency[port]) : link.transmit(now, length);
        if (visible == LinkState.DROPPED)
        {
            drops++;
            out.dropped();
            return;
        }
        forwarded++;
        out.forward(in, destination, visible, h.type, h.payload, ports[port].vtask().id());
    }

    /** The hook context; reused frame after frame on the hub's thread. */
    private final class Hook implements HubHookContext
    {
        Message message;
        long now;
        boolean drop;
        Endpoint destination;
        int type;
        /** A rewritten payload, or {@code null} while the frame's own is kept. */
        byte[] payload;

        void reset(final Message m, final long arrival)
        {
            message = m;
            now = arrival;
            drop = false;
            destination = m.destination();
            type = m.type();
            payload = null;
        }

        @Override
        public Message message()
        {
            return message;
        }

        @Override
        public long now()
        {
            return now;
        }

        @Override
        public Hub hub()
        {
            return hub;
        }

        @Override
        public void drop()
        {
            drop = true;
        }

        @Override
        public void delay(final long nanos)
        {
            if (nanos < 0)
            {
                throw new IllegalArgumentException("hook delay " + nanos + " ns must be >= 0");
            }
            now = VirtualTime.add(now, nanos);
        }

        @Override
        public void reroute(final Endpoint to)
        {
            Objects.requireNonNull(to, "destination");
            if (to.id() < 0 || to.id() >= portIndexOfEndpoint.length || portIndexOfEndpoint[to.id()] < 0 ||
                ports[portIndexOfEndpoint[to.id()]] != to)
            {
                throw new IllegalArgumentException("cannot re-route to " + to + ": it is not attached to " + hub);
            }
            destination = to;
        }

        @Override
        public void rewrite(final int newType, final byte[] newPayload)
        {
            Router.checkPayload(message.destination(), newPayload.length);
            type = newType;
            payload = newPayload.clone();
        }
    }
}
