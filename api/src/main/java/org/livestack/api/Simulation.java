package org.livestack.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;

import org.livestack.api.spi.SimulationEngine;
import org.livestack.api.spi.SimulationSpec;

/**
 * A composed simulation, ready to {@link #run()}. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * Simulation.Builder b = Simulation.builder();
 * VTask client = b.component("client", new Client());
 * VTask server = b.component("server", new Server());
 * Endpoint c = b.endpoint(client, "net"), s = b.endpoint(server, "net");
 * b.link(c, s, 1_000);                      // 1 us latency
 * b.scope("rack", 0, client, server);        // S = 0: exact discrete-event semantics
 * RunReport report = b.horizon(1_000_000).build().run();
 * }</pre>
 *
 * Every bad input is rejected where it is given, with an {@link IllegalArgumentException} or
 * {@link IllegalStateException} naming the offending value. A {@code Simulation} runs once.
 */
public final class Simulation
{
    private final SimulationSpec spec;
    private boolean ran;

    private Simulation(final SimulationSpec spec)
    {
        this.spec = spec;
    }

    /** @return a new, empty builder. */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return the validated description the engine executes. */
    public SimulationSpec spec()
    {
        return spec;
    }

    /**
     * Runs the simulation on the engine found on the class path (the {@code livestack-runtime} module).
     *
     * @return the report once the run has ended.
     * @throws SimulationException   if the run failed (for instance a fault under {@link FaultPolicy#FAIL}).
     * @throws IllegalStateException if this simulation already ran or no engine is on the class path.
     */
    public synchronized RunReport run()
    {
        if (ran)
        {
            throw new IllegalStateException("this Simulation already ran; build a new one to run again");
        }
        ran = true;
        final SimulationEngine engine = ServiceLoader.load(SimulationEngine.class).findFirst()
            .orElseThrow(() -> new IllegalStateException(
                "no SimulationEngine on the class path: add the org.livestack:livestack-runtime dependency"));
        return engine.run(spec);
    }

    /** Collects the parts of a simulation. Not thread-safe. */
    public static final class Builder
    {
        private final List<SimulationSpec.VTaskSpec> vtasks = new ArrayList<>();
        private final List<Scope> scopes = new ArrayList<>();
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final List<SimulationSpec.Connection> connections = new ArrayList<>();
        private final List<Hub> hubs = new ArrayList<>();
        private final List<List<HubHook>> hubHooks = new ArrayList<>();
        private final List<Path> traces = new ArrayList<>();
        private final Set<String> vtaskNames = new HashSet<>();
        private final Set<String> scopeNames = new HashSet<>();
        private final Set<String> hubNames = new HashSet<>();
        private final Map<Integer, Set<String>> endpointNames = new HashMap<>();
        private long horizonNanos = -1;
        private int workers = Runtime.getRuntime().availableProcessors();
        private Duration watchdogTimeout = Duration.ofSeconds(10);
        private FaultPolicy faultPolicy = FaultPolicy.FAIL;
        private long seed = 42;
        private RunObserver observer;
        private Progress progress = Progress.QUIET;
        private Duration progressInterval = Duration.ofSeconds(1);
        private boolean timeline;
        private boolean built;

        private Builder()
        {
        }

        /**
         * Adds a modeled component, executed as an actor.
         *
         * @param name      unique vtask name.
         * @param component the component.
         * @return its vtask.
         */
        public VTask component(final String name, final Component component)
        {
            Objects.requireNonNull(component, "component");
            final VTask task = newVTask(name, VTask.Kind.ACTOR);
            vtasks.add(new SimulationSpec.VTaskSpec(task, component, null, null, List.of()));
            return task;
        }

        /**
         * Adds a self-running vtask, executed on a thread of its own.
         *
         * @param name unique vtask name.
         * @param body the code it runs.
         * @return its vtask.
         */
        public VTask selfRunning(final String name, final SelfRunningTask body)
        {
            Objects.requireNonNull(body, "body");
            final VTask task = newVTask(name, VTask.Kind.SELF_RUNNING);
            vtasks.add(new SimulationSpec.VTaskSpec(task, null, body, null, List.of()));
            return task;
        }

        /**
         * Adds an endpoint to a vtask.
         *
         * @param vtask a vtask of this builder.
         * @param name  name unique within the vtask.
         * @return the endpoint, not yet connected.
         */
        public Endpoint endpoint(final VTask vtask, final String name)
        {
            checkOpen();
            checkMine(vtask);
            checkName(name, "endpoint");
            if (!endpointNames.computeIfAbsent(vtask.id(), k -> new HashSet<>()).add(name))
            {
                throw new IllegalArgumentException("vtask '" + vtask.name() + "' already has an endpoint named '" + name + "'");
            }
            final Endpoint endpoint = new Endpoint(this, endpoints.size(), name, vtask);
            endpoints.add(endpoint);
            connections.add(null);
            traces.add(null);
            return endpoint;
        }

        /**
         * Puts vtasks into a new scope.
         *
         * @param name      unique scope name.
         * @param skewNanos skew bound S, {@code >= 0}. Scopes with self-running members need {@code S > 0}.
         * @param members   at least one vtask of this builder, each once.
         * @return the scope.
         */
        public Scope scope(final String name, final long skewNanos, final VTask... members)
        {
            return scope(name, skewNanos, Arrays.asList(members));
        }

        /** Same as {@link #scope(String, long, VTask...)} with a list of members. */
        public Scope scope(final String name, final long skewNanos, final List<VTask> members)
        {
            checkOpen();
            checkName(name, "scope");
            if (skewNanos < 0)
            {
                throw new IllegalArgumentException("skew bound of scope '" + name + "' is " + skewNanos +
                    " ns; it must be >= 0 (0 gives exact discrete-event semantics)");
            }
            if (members.isEmpty())
            {
                throw new IllegalArgumentException("scope '" + name + "' has no members");
            }
            final BitSet seen = new BitSet();
            for (final VTask member : members)
            {
                checkMine(member);
                if (seen.get(member.id()))
                {
                    throw new IllegalArgumentException("vtask '" + member.name() + "' is listed twice in scope '" + name + "'");
                }
                seen.set(member.id());
                if (skewNanos == 0 && member.kind() == VTask.Kind.SELF_RUNNING)
                {
                    throw new IllegalArgumentException("scope '" + name + "' has skew bound 0 but self-running vtask '" +
                        member.name() + "': a self-running vtask could never run past its scope's vtime; use S > 0");
                }
            }
            if (!scopeNames.add(name))
            {
                throw new IllegalArgumentException("a scope named '" + name + "' already exists");
            }
            final Scope scope = new Scope(this, scopes.size(), name, skewNanos, members);
            scopes.add(scope);
            return scope;
        }

        /**
         * Connects two endpoints point to point, both directions with the same latency.
         *
         * @param a            an unconnected endpoint.
         * @param b            another unconnected endpoint, of another vtask that shares a scope with {@code a}'s.
         * @param latencyNanos {@code >= 0}; the lookahead of the link. Exact DES equivalence needs {@code > 0}.
         * @return this builder.
         */
        public Builder link(final Endpoint a, final Endpoint b, final long latencyNanos)
        {
            checkLatency(latencyNanos, "link " + a + " <-> " + b);
            return link(a, b, LinkModel.latency(latencyNanos));
        }

        /**
         * Connects two endpoints point to point; each direction is a separate link with this model
         * (its own serialization queue).
         *
         * @param a    an unconnected endpoint.
         * @param b    another unconnected endpoint, of a vtask that shares a scope with {@code a}'s.
         * @param link latency, bandwidth and queue limit of each direction.
         * @return this builder.
         */
        public Builder link(final Endpoint a, final Endpoint b, final LinkModel link)
        {
            checkOpen();
            checkMine(a);
            checkMine(b);
            Objects.requireNonNull(link, "link");
            if (a == b)
            {
                throw new IllegalArgumentException("cannot link endpoint " + a + " to itself");
            }
            checkUnconnected(a);
            checkUnconnected(b);
            connections.set(a.id(), new SimulationSpec.Connection(a, b, null, link));
            connections.set(b.id(), new SimulationSpec.Connection(b, a, null, link));
            return this;
        }

        /**
         * Creates a plain hub: each frame goes to the port of its destination endpoint.
         *
         * @param name unique hub name; also the name of the hub's vtask.
         * @return the hub.
         */
        public Hub hub(final String name)
        {
            return hub(name, Hub.Kind.PLAIN);
        }

        /**
         * Creates an Ethernet switch hub: MAC learning per port, flooding of unknown destinations.
         *
         * @param name unique hub name; also the name of the hub's vtask.
         * @return the hub.
         */
        public Hub switchHub(final String name)
        {
            return hub(name, Hub.Kind.SWITCH);
        }

        private Hub hub(final String name, final Hub.Kind kind)
        {
            checkOpen();
            checkName(name, "hub");
            if (!hubNames.add(name))
            {
                throw new IllegalArgumentException("a hub named '" + name + "' already exists");
            }
            final VTask task = newVTask(name, VTask.Kind.HUB);
            final Hub hub = new Hub(this, hubs.size(), name, kind, task);
            hubs.add(hub);
            hubHooks.add(new ArrayList<>());
            vtasks.add(new SimulationSpec.VTaskSpec(task, null, null, hub, List.of()));
            return hub;
        }

        /**
         * Adds a hook the hub runs on every frame, after the hooks added before it.
         *
         * @param hub  a hub of this builder.
         * @param hook the hook.
         * @return this builder.
         */
        public Builder hook(final Hub hub, final HubHook hook)
        {
            checkOpen();
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(hook, "hook");
            if (hub.owner() != this)
            {
                throw new IllegalArgumentException("unknown hub " + hub + ": it belongs to another simulation builder");
            }
            hubHooks.get(hub.id()).add(hook);
            return this;
        }

        /**
         * Attaches an endpoint to a hub.
         *
         * @param endpoint     an unconnected endpoint.
         * @param hub          a hub of this builder.
         * @param latencyNanos latency between the endpoint and the hub, {@code >= 0}.
         * @return this builder.
         */
        public Builder attach(final Endpoint endpoint, final Hub hub, final long latencyNanos)
        {
            checkLatency(latencyNanos, "attachment of " + endpoint + " to " + hub);
            return attach(endpoint, hub, LinkModel.latency(latencyNanos));
        }

        /**
         * Attaches an endpoint to a hub over a link with this model (applied to the frames the
         * endpoint sends into the hub).
         *
         * @param endpoint an unconnected endpoint.
         * @param hub      a hub of this builder.
         * @param link     latency, bandwidth and queue limit between the endpoint and the hub.
         * @return this builder.
         */
        public Builder attach(final Endpoint endpoint, final Hub hub, final LinkModel link)
        {
            checkOpen();
            checkMine(endpoint);
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(link, "link");
            if (hub.owner() != this)
            {
                throw new IllegalArgumentException("unknown hub " + hub + ": it belongs to another simulation builder");
            }
            checkUnconnected(endpoint);
            connections.set(endpoint.id(), new SimulationSpec.Connection(endpoint, null, hub, link));
            return this;
        }

        /**
         * Records every message delivered to {@code endpoint} (with its send and visible times, type,
         * sequence and payload) to a Chronicle Queue in {@code directory}, for inspection or for
         * replay with the runtime's trace-replay component.
         *
         * @param endpoint  an endpoint of this builder.
         * @param directory the queue's directory; created if absent, appended to if it holds a queue.
         * @return this builder.
         */
        public Builder trace(final Endpoint endpoint, final Path directory)
        {
            checkOpen();
            checkMine(endpoint);
            Objects.requireNonNull(directory, "directory");
            if (traces.get(endpoint.id()) != null)
            {
                throw new IllegalStateException("endpoint " + endpoint + " is already traced to " + traces.get(endpoint.id()));
            }
            traces.set(endpoint.id(), directory);
            return this;
        }

        /**
         * @param horizonNanos the run handles virtual time {@code [0, horizonNanos)}; must be {@code > 0}. Required.
         * @return this builder.
         */
        public Builder horizon(final long horizonNanos)
        {
            checkOpen();
            if (horizonNanos <= 0)
            {
                throw new IllegalArgumentException("horizon " + horizonNanos +
                    " ns is not after the start of virtual time (0 ns); give a positive horizon");
            }
            this.horizonNanos = horizonNanos;
            return this;
        }

        /**
         * @param workers worker threads for actors, {@code >= 1}; default: available processors.
         * @return this builder.
         */
        public Builder workers(final int workers)
        {
            checkOpen();
            if (workers < 1)
            {
                throw new IllegalArgumentException("workers is " + workers + "; it must be >= 1");
            }
            this.workers = workers;
            return this;
        }

        /**
         * @param timeout wall time a vtask may hold a worker without progress (default 10 s), {@code > 0}.
         * @param policy  what happens to a hung or throwing vtask (default {@link FaultPolicy#FAIL}).
         * @return this builder.
         */
        public Builder watchdog(final Duration timeout, final FaultPolicy policy)
        {
            checkOpen();
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(policy, "policy");
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("watchdog timeout " + timeout + " must be positive");
            }
            this.watchdogTimeout = timeout;
            this.faultPolicy = policy;
            return this;
        }

        /**
         * @param seed seed of every component's {@link ComponentContext#random()} (default 42).
         * @return this builder.
         */
        public Builder seed(final long seed)
        {
            checkOpen();
            this.seed = seed;
            return this;
        }

        /**
         * Reports progress on standard error while the run goes: virtual time reached of the horizon,
         * slowdown, events per second, estimated wall time left.
         *
         * @param mode     {@link Progress#QUIET} (default), {@link Progress#LINES} or {@link Progress#AUTO}.
         * @param interval how often, at least 10 ms.
         * @return this builder.
         */
        public Builder progress(final Progress mode, final Duration interval)
        {
            checkOpen();
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 10)
            {
                throw new IllegalArgumentException("progress interval " + interval + " must be at least 10 ms");
            }
            this.progress = mode;
            this.progressInterval = interval;
            return this;
        }

        /**
         * Records the run over time for the report's plots ({@link RunReport#timeline()}): every vtask's
         * vtime and every scope's skew, sampled on the wall clock (about every millisecond, coarser on
         * long runs, at most 1,024 samples); the latency of every delivered message per link
         * (source and destination endpoint); and the first 64 messages delivered. Costs a table
         * lookup per delivered message; off by default.
         *
         * @param record whether to record.
         * @return this builder.
         */
        public Builder timeline(final boolean record)
        {
            checkOpen();
            this.timeline = record;
            return this;
        }

        /**
         * @param observer diagnostic observer called at every scheduling decision; slows the run.
         * @return this builder.
         */
        public Builder observer(final RunObserver observer)
        {
            checkOpen();
            this.observer = observer;
            return this;
        }

        /**
         * Validates the whole simulation.
         *
         * @return the simulation, ready to run.
         * @throws IllegalStateException naming the problem: no vtask, no horizon, a vtask in no scope,
         *                               linked vtasks that share no scope.
         */
        public Simulation build()
        {
            checkOpen();
            if (vtasks.isEmpty())
            {
                throw new IllegalStateException("the simulation has no vtask; add one with component(...) or selfRunning(...)");
            }
            if (horizonNanos < 0)
            {
                throw new IllegalStateException("no horizon set; call horizon(nanos) with the virtual time to run to");
            }
            final List<BitSet> scopesOf = new ArrayList<>();
            for (int i = 0; i < vtasks.size(); i++)
            {
                scopesOf.add(new BitSet());
            }
            for (final Scope scope : scopes)
            {
                for (final VTask member : scope.members())
                {
                    scopesOf.get(member.id()).set(scope.id());
                }
            }
            final Map<Integer, List<Endpoint>> byHub = new HashMap<>();
            for (final SimulationSpec.Connection c : connections)
            {
                if (c != null && c.hub() != null)
                {
                    byHub.computeIfAbsent(c.hub().id(), k -> new ArrayList<>()).add(c.endpoint());
                }
            }
            final List<List<VTask>> joining = new ArrayList<>();
            for (int i = 0; i < scopes.size(); i++)
            {
                joining.add(new ArrayList<>());
            }
            for (final Hub hub : hubs)
            {
                final List<Endpoint> attached = byHub.get(hub.id());
                if (attached == null)
                {
                    throw new IllegalStateException("hub '" + hub.name() + "' has no endpoint attached; attach(endpoint, hub, ...)");
                }
                final BitSet common = commonScopes(scopesOf, attached);
                if (common.isEmpty())
                {
                    throw new IllegalStateException("the vtasks attached to one hub ('" + hub.name() +
                        "') share no scope, so nothing bounds the hub's skew; put them all in a common scope");
                }
                for (int s = common.nextSetBit(0); s >= 0; s = common.nextSetBit(s + 1))
                {
                    joining.get(s).add(hub.vtask());
                    scopesOf.get(hub.vtask().id()).set(s);
                }
            }
            for (final SimulationSpec.VTaskSpec v : vtasks)
            {
                if (scopesOf.get(v.vtask().id()).isEmpty())
                {
                    throw new IllegalStateException("vtask '" + v.vtask().name() +
                        "' is in no scope; every vtask needs at least one scope (scope(name, skew, members...))");
                }
            }
            for (final SimulationSpec.Connection c : connections)
            {
                if (c != null && c.peer() != null && c.endpoint().id() < c.peer().id())
                {
                    checkShareScope(scopesOf, c.endpoint(), c.peer(), "linked");
                }
            }
            for (int i = 0; i < scopes.size(); i++)
            {
                if (!joining.get(i).isEmpty())
                {
                    scopes.get(i).addMembers(joining.get(i));
                }
            }
            final List<SimulationSpec.VTaskSpec> specs = new ArrayList<>();
            for (final SimulationSpec.VTaskSpec v : vtasks)
            {
                specs.add(v.hub() == null ? v :
                    new SimulationSpec.VTaskSpec(v.vtask(), null, null, v.hub(), hubHooks.get(v.hub().id())));
            }
            built = true;
            return new Simulation(new SimulationSpec(List.copyOf(specs), List.copyOf(scopes), List.copyOf(endpoints),
                java.util.Collections.unmodifiableList(new ArrayList<>(connections)), List.copyOf(hubs), horizonNanos,
                workers, watchdogTimeout, faultPolicy, seed, observer,
                java.util.Collections.unmodifiableList(new ArrayList<>(traces)), progress, progressInterval, timeline));
        }

        private static BitSet commonScopes(final List<BitSet> scopesOf, final List<Endpoint> attached)
        {
            final BitSet common = (BitSet)scopesOf.get(attached.get(0).vtask().id()).clone();
            for (final Endpoint e : attached)
            {
                common.and(scopesOf.get(e.vtask().id()));
            }
            return common;
        }

        private static void checkShareScope(final List<BitSet> scopesOf, final Endpoint a, final Endpoint b,
            final String how)
        {
            if (a.vtask() != b.vtask() && !scopesOf.get(a.vtask().id()).intersects(scopesOf.get(b.vtask().id())))
            {
                throw new IllegalStateException("endpoints " + a + " and " + b + " are " + how + " but vtasks '" +
                    a.vtask().name() + "' and '" + b.vtask().name() +
                    "' share no scope, so nothing bounds their skew; put them in a common scope");
            }
        }

        private VTask newVTask(final String name, final VTask.Kind kind)
        {
            checkOpen();
            checkName(name, "vtask");
            if (!vtaskNames.add(name))
            {
                throw new IllegalArgumentException("a vtask named '" + name + "' already exists");
            }
            return new VTask(this, vtasks.size(), name, kind);
        }

        private void checkMine(final VTask vtask)
        {
            Objects.requireNonNull(vtask, "vtask");
            if (vtask.owner() != this)
            {
                throw new IllegalArgumentException("unknown vtask " + vtask + ": it belongs to another simulation builder");
            }
        }

        private void checkMine(final Endpoint endpoint)
        {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.owner() != this)
            {
                throw new IllegalArgumentException("unknown endpoint " + endpoint + ": it belongs to another simulation builder");
            }
        }

        private void checkUnconnected(final Endpoint endpoint)
        {
            final SimulationSpec.Connection existing = connections.get(endpoint.id());
            if (existing != null)
            {
                throw new IllegalStateException("endpoint " + endpoint + " is already connected (" +
                    (existing.peer() != null ? "linked to " + existing.peer() : "attached to " + existing.hub()) +
                    "); an endpoint connects to exactly one peer or hub");
            }
        }

        private static void checkLatency(final long latencyNanos, final String what)
        {
            if (latencyNanos < 0)
            {
                throw new IllegalArgumentException("latency of " + what + " is " + latencyNanos + " ns; it must be >= 0");
            }
        }

        private static void checkName(final String name, final String what)
        {
            Objects.requireNonNull(name, what + " name");
            if (name.isBlank())
            {
                throw new IllegalArgumentException(what + " name must not be blank");
            }
        }

        private void checkOpen()
        {
            if (built)
            {
                throw new IllegalStateException("this builder already built its Simulation; start a new builder");
            }
        }
    }
}
