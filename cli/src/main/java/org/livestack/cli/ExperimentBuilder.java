package org.livestack.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.livestack.api.Component;
import org.livestack.api.Endpoint;
import org.livestack.api.Hub;
import org.livestack.api.LinkModel;
import org.livestack.api.Progress;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.kvm.GuestImage;
import org.livestack.kvm.GuestImageException;
import org.livestack.kvm.KvmCapabilities;
import org.livestack.kvm.LiveHost;
import org.livestack.kvm.VcpuRunLoop;
import org.livestack.models.ClosedLoopClients;
import org.livestack.models.Disk;
import org.livestack.models.Distribution;
import org.livestack.models.PoissonSource;
import org.livestack.models.Station;

/**
 * Turns one point of an experiment file into a {@link Simulation}, checking every field on the way
 * (each error names its path). Every component gets one endpoint, {@code eth}.
 */
public final class ExperimentBuilder
{
    private static final String TOP_FIELDS = "name seed horizon workers timeline summary hubs components links scopes sweep";

    private final String file;
    private final Path baseDir;
    private final boolean forReal;
    private final Progress progress;
    private final Simulation.Builder b = Simulation.builder();
    /** Component (base) name to its instances' vtasks, in order; hubs map to their vtask. */
    private final Map<String, List<VTask>> groups = new LinkedHashMap<>();
    private final Map<String, List<Endpoint>> endpoints = new HashMap<>();
    private final Map<String, Hub> hubs = new HashMap<>();
    private final Map<String, LinkModel> hubPorts = new HashMap<>();
    private final List<Runnable> wiring = new ArrayList<>();
    private final List<LiveHost> liveHosts = new ArrayList<>();

    /**
     * The simulation of one point, ready to run.
     *
     * @param simulation the simulation.
     * @param name       the experiment's name.
     * @param summary    the {@code vtask.detail} keys the file asks to tabulate across a sweep.
     * @param liveHosts  the live hosts in it (empty for a purely modeled experiment).
     */
    public record Built(Simulation simulation, String name, List<String> summary, List<LiveHost> liveHosts)
    {
    }

    ExperimentBuilder(final String file, final Path baseDir, final boolean forReal, final Progress progress)
    {
        this.progress = progress;
        this.file = file;
        this.baseDir = baseDir;
        this.forReal = forReal;
    }

    Built build(final Node root)
    {
        root.only(TOP_FIELDS.split(" "));
        final String name = root.get("name").name();
        b.seed(root.has("seed") ? root.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE) : 42);
        final Node horizon = root.get("horizon");
        final long h = horizon.positiveDuration();
        b.horizon(h);
        if (root.has("workers"))
        {
            b.workers((int)root.get("workers").integer(1, 1024));
        }
        b.timeline(!root.has("timeline") || root.get("timeline").bool());
        if (root.has("hubs"))
        {
            for (final Node hub : root.get("hubs").list())
            {
                hub(hub);
            }
        }
        final List<Node> components = root.get("components").list();
        if (components.isEmpty())
        {
            throw root.get("components").error("an experiment needs at least one component");
        }
        for (final Node c : components)
        {
            declare(c);
        }
        for (final Node c : components)
        {
            connect(c);
        }
        if (root.has("links"))
        {
            for (final Node l : root.get("links").list())
            {
                link(l);
            }
        }
        final List<Node> scopes = root.get("scopes").list();
        if (scopes.isEmpty())
        {
            throw root.get("scopes").error("an experiment needs at least one scope");
        }
        for (final Node s : scopes)
        {
            scope(s);
        }
        wiring.forEach(Runnable::run);
        final List<String> summary = new ArrayList<>();
        if (root.has("summary"))
        {
            for (final Node s : root.get("summary").list())
            {
                final String key = s.text();
                final int dot = key.indexOf('.');
                if (dot <= 0 || dot == key.length() - 1)
                {
                    throw s.error("expected 'vtask.detail' (e.g. 'server.mean response ns'), found '" + key + "'");
                }
                summary.add(key);
            }
        }
        final Simulation sim;
        try
        {
            sim = b.progress(progress, Duration.ofMillis(500)).build();
        }
        catch (final IllegalStateException | IllegalArgumentException e)
        {
            throw new ExperimentException(file, "", "the topology is not valid: " + e.getMessage(), e);
        }
        return new Built(sim, name, summary, liveHosts);
    }

    // ------------------------------------------------------------------ hubs and components

    private void hub(final Node n)
    {
        n.only("name", "kind", "ports");
        final String name = n.get("name").name();
        unique(n.get("name"), name);
        final String kind = n.has("kind") ? n.get("kind").text() : "plain";
        final Hub hub = switch (kind)
        {
            case "plain" -> b.hub(name);
            case "switch" -> b.switchHub(name);
            default -> throw n.get("kind").error("unknown hub kind '" + kind + "' (expected plain or switch)");
        };
        hubs.put(name, hub);
        groups.put(name, List.of(hub.vtask()));
        if (n.has("ports"))
        {
            hubPorts.put(name, linkModel(n.get("ports")));
        }
    }

    private void declare(final Node c)
    {
        final String name = c.get("name").name();
        unique(c.get("name"), name);
        final long count = c.has("count") ? c.get("count").integer(1, 100_000) : 1;
        final int kinds = (c.has("model") ? 1 : 0) + (c.has("live") ? 1 : 0);
        if (kinds != 1)
        {
            throw new ExperimentException(file, c.path, "a component needs exactly one of 'model' (a modeled component) " +
                "or 'live' (a KVM guest), found " + (kinds == 0 ? "neither" : "both"));
        }
        final List<VTask> tasks = new ArrayList<>();
        final List<Endpoint> eps = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final String instance = count == 1 ? name : name + "-" + i;
            final VTask t;
            if (c.has("model"))
            {
                t = b.component(instance, model(c, instance));
            }
            else
            {
                t = b.selfRunning(instance, live(c, instance));
            }
            tasks.add(t);
            eps.add(b.endpoint(t, "eth"));
        }
        groups.put(name, tasks);
        endpoints.put(name, eps);
    }

    private void unique(final Node at, final String name)
    {
        if (groups.containsKey(name))
        {
            throw at.error("the name '" + name + "' is used twice (components and hubs share one name space)");
        }
    }

    private Component model(final Node c, final String instance)
    {
        final Node kindNode = c.get("model");
        final String kind = kindNode.text();
        switch (kind)
        {
            case "poisson" ->
            {
                c.only("name", "count", "model", "attach", "mean-gap", "targets");
                final PoissonSource p = new PoissonSource(c.get("mean-gap").positiveDuration());
                final Node targets = c.get("targets");
                final List<String> names = names(targets);
                wiring.add(() -> p.connect(endpointOf(c, instance), endpointsOf(targets, names)));
                return p;
            }
            case "closed-loop" ->
            {
                c.only("name", "count", "model", "attach", "clients", "think", "size", "work", "target");
                final ClosedLoopClients p = new ClosedLoopClients((int)c.get("clients").integer(1, 1_000_000),
                    distribution(c.get("think")), distribution(c.get("size")),
                    c.has("work") ? distribution(c.get("work")) : Distribution.constant(0));
                final Node target = c.get("target");
                final String t = target.name();
                wiring.add(() -> p.connect(endpointOf(c, instance), endpointsOf(target, List.of(t)).get(0)));
                return p;
            }
            case "station" ->
            {
                c.only("name", "count", "model", "attach", "servers", "discipline", "service", "speed", "warm-up");
                final int servers = c.has("servers") ? (int)c.get("servers").integer(1, 1_000_000) : 1;
                final String d = c.has("discipline") ? c.get("discipline").text() : "fifo";
                final Station.Discipline discipline = switch (d)
                {
                    case "fifo" -> Station.Discipline.FIFO;
                    case "ps" -> Station.Discipline.PROCESSOR_SHARING;
                    default -> throw c.get("discipline").error("unknown discipline '" + d + "' (expected fifo or ps)");
                };
                final double speed = c.has("speed") ? c.get("speed").number(0) : 1.0;
                final Station s = new Station(servers, discipline, Station.ServiceTime.of(distribution(c.get("service"))), speed);
                if (c.has("warm-up"))
                {
                    s.warmUp(c.get("warm-up").duration());
                }
                return s;
            }
            case "disk" ->
            {
                c.only("name", "count", "model", "attach", "access", "queue-depth", "bandwidth");
                return new Disk(distribution(c.get("access")),
                    c.has("queue-depth") ? (int)c.get("queue-depth").integer(1, 1_000_000) : 1, c.get("bandwidth").byteRate());
            }
            case "class" ->
            {
                c.only("name", "count", "model", "attach", "class", "params", "targets");
                final Component custom = custom(c.get("class"), c.opt("params"));
                if (custom instanceof Connectable connectable)
                {
                    final Node targets = c.opt("targets");
                    final List<String> names = targets == null ? List.of() : names(targets);
                    wiring.add(() -> connectable.connect(endpointOf(c, instance),
                        names.isEmpty() ? List.of() : endpointsOf(targets, names)));
                }
                else if (c.has("targets"))
                {
                    throw c.get("targets").error("the class does not implement " + Connectable.class.getName() +
                        ", so it cannot be given targets");
                }
                return custom;
            }
            default -> throw kindNode.error("unknown model '" + kind +
                "' (expected poisson, closed-loop, station, disk or class)");
        }
    }

    private LiveHost live(final Node c, final String instance)
    {
        c.only("name", "count", "live", "attach");
        final Node l = c.get("live");
        l.only("image", "speed", "quantum", "args", "peers");
        final Node imageNode = l.get("image");
        final String image = imageNode.text();
        final GuestImage g;
        try
        {
            g = image.contains("/") || image.endsWith(".elf") ? GuestImage.load(baseDir.resolve(image)) : GuestImage.builtIn(image);
        }
        catch (final GuestImageException e)
        {
            throw imageNode.error(e.getMessage());
        }
        catch (final IOException e)
        {
            throw imageNode.error("cannot read the guest image: " + e);
        }
        final double speed = l.has("speed") ? l.get("speed").number(0) : 1.0;
        final long quantum = l.has("quantum") ? l.get("quantum").positiveDuration() : 2_000_000;
        final LiveHost host = new LiveHost(g, speed);
        if (l.has("args"))
        {
            final List<Node> args = l.get("args").list();
            final long[] values = new long[args.size()];
            for (int i = 0; i < values.length; i++)
            {
                values[i] = args.get(i).value.isTextual() ? args.get(i).duration() :
                    args.get(i).integer(Long.MIN_VALUE, Long.MAX_VALUE);
            }
            host.args(values);
        }
        if (forReal)
        {
            final KvmCapabilities caps = KvmCapabilities.probe();
            if (!caps.available())
            {
                throw c.get("live").error("live hosts need /dev/kvm, which this machine cannot use: " + caps.reason());
            }
            host.withRunLoop(VcpuRunLoop.load(), quantum);
        }
        final List<String> peers = l.has("peers") ? names(l.get("peers")) : List.of();
        wiring.add(() -> host.nic(endpointOf(c, instance), peers.isEmpty() ? new Endpoint[0] :
            endpointsOf(l.get("peers"), peers).toArray(new Endpoint[0])));
        liveHosts.add(host);
        return host;
    }

    /**
     * A component of the user's: a public class implementing {@link Component} with a public
     * constructor taking the file's {@code params} ({@code Map<String, String>}, values as written)
     * or, without params, a public no-argument constructor.
     */
    private Component custom(final Node classNode, final Node params)
    {
        final String name = classNode.text();
        final Class<?> type;
        try
        {
            type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
        }
        catch (final ClassNotFoundException | LinkageError e)
        {
            throw classNode.error("class '" + name + "' is not on the class path (" + e + ")");
        }
        if (!Component.class.isAssignableFrom(type))
        {
            throw classNode.error("class '" + name + "' does not implement " + Component.class.getName());
        }
        final Map<String, String> values = new LinkedHashMap<>();
        if (params != null)
        {
            for (final String key : params.fieldNames())
            {
                final Node v = params.get(key);
                if (!v.value.isValueNode())
                {
                    throw v.error("a parameter is a single value (a string, number or boolean), found " + v.describe());
                }
                values.put(key, v.value.asText());
            }
        }
        try
        {
            try
            {
                return (Component)type.getConstructor(Map.class).newInstance(values);
            }
            catch (final NoSuchMethodException e)
            {
                if (params != null)
                {
                    throw classNode.error("class '" + name + "' has no public constructor taking a Map<String, String> " +
                        "for its params");
                }
                return (Component)type.getConstructor().newInstance();
            }
        }
        catch (final NoSuchMethodException e)
        {
            throw classNode.error("class '" + name + "' has neither a public (Map<String, String>) nor a public no-argument " +
                "constructor");
        }
        catch (final java.lang.reflect.InvocationTargetException e)
        {
            throw (params != null ? params : classNode).error("class '" + name + "' rejected its parameters: " +
                e.getCause().getMessage());
        }
        catch (final ReflectiveOperationException e)
        {
            throw classNode.error("cannot create '" + name + "': " + e);
        }
    }

    // ------------------------------------------------------------------ connections

    private void connect(final Node c)
    {
        if (!c.has("attach"))
        {
            return;
        }
        final Node a = c.get("attach");
        final String hubName;
        LinkModel model;
        if (a.value.isTextual())
        {
            hubName = a.name();
            model = hubPorts.get(hubName);
        }
        else
        {
            a.only("hub", "latency", "bandwidth", "queue");
            hubName = a.get("hub").name();
            model = a.has("latency") ? linkModel(a) : hubPorts.get(hubName);
        }
        final Hub hub = hubs.get(hubName);
        if (hub == null)
        {
            throw (a.value.isTextual() ? a : a.get("hub")).error("no hub named '" + hubName + "' (hubs: " +
                String.join(", ", hubs.keySet()) + ")");
        }
        if (model == null)
        {
            throw a.error("no latency for this attachment: give the hub 'ports: {latency: ...}' or the attachment " +
                "'{hub: " + hubName + ", latency: ...}'");
        }
        for (final Endpoint e : endpoints.get(c.get("name").name()))
        {
            b.attach(e, hub, model);
        }
    }

    private void link(final Node l)
    {
        l.only("between", "latency", "bandwidth", "queue");
        final Node between = l.get("between");
        final List<Node> ends = between.list();
        if (ends.size() != 2)
        {
            throw between.error("a link joins exactly two components, found " + ends.size());
        }
        final Endpoint x = single(ends.get(0));
        final Endpoint y = single(ends.get(1));
        try
        {
            b.link(x, y, linkModel(l));
        }
        catch (final IllegalArgumentException | IllegalStateException e)
        {
            throw l.error(e.getMessage());
        }
    }

    private Endpoint single(final Node n)
    {
        final String name = n.name();
        final List<Endpoint> eps = endpoints.get(name);
        if (eps == null)
        {
            throw n.error("no component named '" + name + "'");
        }
        if (eps.size() != 1)
        {
            throw n.error("'" + name + "' has " + eps.size() + " instances; a link needs one endpoint (name one instance)");
        }
        return eps.get(0);
    }

    private LinkModel linkModel(final Node n)
    {
        LinkModel m = LinkModel.latency(n.get("latency").duration());
        if (n.has("bandwidth"))
        {
            m = m.bandwidth(n.get("bandwidth").bitRate());
        }
        if (n.has("queue"))
        {
            m = m.queueLimit((int)n.get("queue").integer(1, 1 << 24));
        }
        return m;
    }

    private void scope(final Node s)
    {
        s.only("name", "skew", "members");
        final String name = s.get("name").name();
        final long skew = s.get("skew").duration();
        final Node members = s.get("members");
        final List<VTask> tasks = new ArrayList<>();
        for (final Node m : members.list())
        {
            final String member = m.name();
            final List<VTask> g = groups.get(member);
            if (g == null)
            {
                throw m.error("no component or hub named '" + member + "'");
            }
            tasks.addAll(g);
        }
        if (tasks.isEmpty())
        {
            throw members.error("a scope needs at least one member");
        }
        try
        {
            b.scope(name, skew, tasks);
        }
        catch (final IllegalArgumentException e)
        {
            throw s.error(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<String> names(final Node list)
    {
        final List<String> out = new ArrayList<>();
        for (final Node n : list.list())
        {
            out.add(n.name());
        }
        if (out.isEmpty())
        {
            throw list.error("needs at least one name");
        }
        return out;
    }

    private Endpoint endpointOf(final Node c, final String instance)
    {
        for (final Endpoint e : endpoints.get(c.get("name").name()))
        {
            if (e.vtask().name().equals(instance))
            {
                return e;
            }
        }
        throw c.error("internal: no endpoint for '" + instance + "'");
    }

    private List<Endpoint> endpointsOf(final Node at, final List<String> names)
    {
        final List<Endpoint> out = new ArrayList<>();
        final List<Node> items = at.value.isArray() ? at.list() : List.of(at);
        for (int i = 0; i < names.size(); i++)
        {
            final List<Endpoint> eps = endpoints.get(names.get(i));
            if (eps == null)
            {
                throw items.get(i).error("no component named '" + names.get(i) + "'" +
                    (hubs.containsKey(names.get(i)) ? " (it is a hub; name the component behind it)" : ""));
            }
            out.addAll(eps);
        }
        return out;
    }

    /**
     * A distribution: {@code {exponential: 10us}}, {@code {constant: 1us}}, {@code {uniform: [1us, 3us]}},
     * {@code {erlang: {k: 3, mean: 10us}}}, {@code {lognormal: {mean: 10us, sd: 5us}}},
     * {@code {empirical: [1us, 2us, 5us]}}, or a bare quantity (constant). Sizes in bytes are read the
     * same way (a bare number).
     */
    private Distribution distribution(final Node n)
    {
        if (!n.value.isObject())
        {
            return Distribution.constant(n.duration());
        }
        final List<String> kinds = n.fieldNames();
        if (kinds.size() != 1)
        {
            throw n.error("a distribution has exactly one kind (exponential, constant, uniform, erlang, lognormal, " +
                "empirical), found " + kinds);
        }
        final String kind = kinds.get(0);
        final Node p = n.get(kind);
        try
        {
            return switch (kind)
            {
                case "exponential" -> Distribution.exponential(p.positiveDuration());
                case "constant" -> Distribution.constant(p.duration());
                case "uniform" ->
                {
                    final List<Node> lh = p.list();
                    if (lh.size() != 2)
                    {
                        throw p.error("uniform needs [low, high], found " + lh.size() + " values");
                    }
                    yield Distribution.uniform(lh.get(0).duration(), lh.get(1).duration());
                }
                case "erlang" ->
                {
                    p.only("k", "mean");
                    yield Distribution.erlang((int)p.get("k").integer(1, 1000), p.get("mean").positiveDuration());
                }
                case "lognormal" ->
                {
                    p.only("mean", "sd");
                    yield Distribution.logNormal(p.get("mean").positiveDuration(), p.get("sd").duration());
                }
                case "empirical" ->
                {
                    final List<Node> vs = p.list();
                    final double[] values = new double[vs.size()];
                    for (int i = 0; i < values.length; i++)
                    {
                        values[i] = vs.get(i).duration();
                    }
                    yield Distribution.empirical(values);
                }
                default -> throw n.error("unknown distribution '" + kind +
                    "' (expected exponential, constant, uniform, erlang, lognormal or empirical)");
            };
        }
        catch (final IllegalArgumentException e)
        {
            throw p.error(e.getMessage());
        }
    }
}
