package org.livestack.api.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.livestack.api.Component;
import org.livestack.api.Endpoint;
import org.livestack.api.FaultPolicy;
import org.livestack.api.Hub;
import org.livestack.api.HubHook;
import org.livestack.api.LinkModel;
import org.livestack.api.Progress;
import org.livestack.api.RunObserver;
import org.livestack.api.Scope;
import org.livestack.api.SelfRunningTask;
import org.livestack.api.VTask;

/**
 * The validated, immutable description of a simulation that {@link org.livestack.api.Simulation}
 * hands to a {@link SimulationEngine}. Lists are indexed by the elements' ids.
 *
 * @param vtasks          every vtask with its code.
 * @param scopes          every scope; each vtask is in at least one.
 * @param endpoints       every endpoint.
 * @param connections     per endpoint id, how it is connected, or {@code null} if it is not.
 * @param hubs            every hub.
 * @param horizonNanos    the run handles virtual time {@code [0, horizonNanos)}.
 * @param workers         worker threads for actors, {@code >= 1}.
 * @param watchdogTimeout wall time a vtask may hold a worker (or, self-running, go without a call
 *                        to its control) before it is treated as hung.
 * @param faultPolicy     what to do with a hung or throwing vtask.
 * @param seed            seed of the components' random generators.
 * @param observer        diagnostic observer, or {@code null}.
 * @param traces          per endpoint id, the directory of the Chronicle queue that records every
 *                        message delivered to it, or {@code null} if it is not traced.
 * @param progress        how the run reports progress while it goes.
 * @param progressInterval how often.
 * @param timeline        whether to record the run's {@link org.livestack.api.Timeline}.
 */
public record SimulationSpec(
    List<VTaskSpec> vtasks,
    List<Scope> scopes,
    List<Endpoint> endpoints,
    List<Connection> connections,
    List<Hub> hubs,
    long horizonNanos,
    int workers,
    Duration watchdogTimeout,
    FaultPolicy faultPolicy,
    long seed,
    RunObserver observer,
    List<Path> traces,
    Progress progress,
    Duration progressInterval,
    boolean timeline)
{
    /**
     * A vtask and its code: exactly one of {@code component}, {@code body} and {@code hub} is set.
     *
     * @param vtask     the vtask.
     * @param component the actor's component, or {@code null}.
     * @param body      the self-running body, or {@code null}.
     * @param hub       the hub this vtask runs, or {@code null}.
     * @param hooks     the hub's hooks in registration order (empty unless a hub).
     */
    public record VTaskSpec(VTask vtask, Component component, SelfRunningTask body, Hub hub, List<HubHook> hooks)
    {
        /** Compact constructor: copies the hooks. */
        public VTaskSpec
        {
            hooks = List.copyOf(hooks);
        }
    }

    /**
     * How one endpoint is connected: to a peer endpoint or to a hub, with a latency.
     *
     * @param endpoint     the endpoint.
     * @param peer         the linked peer, or {@code null} if attached to a hub.
     * @param hub          the hub, or {@code null} if linked to a peer.
     * @param link         the link model of the direction leaving {@code endpoint} (its latency is
     *                     the link latency, or the attachment's latency to the hub).
     */
    public record Connection(Endpoint endpoint, Endpoint peer, Hub hub, LinkModel link)
    {
        /** @return the link's propagation latency in ns. */
        public long latencyNanos()
        {
            return link.latencyNanos();
        }
    }
}
