package org.livestack.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import org.livestack.api.FaultPolicy;
import org.livestack.api.RunObserver;
import org.livestack.api.RunReport;
import org.livestack.api.Scope;
import org.livestack.api.SimulationException;
import org.livestack.api.VTask;
import org.livestack.api.VTaskState;
import org.livestack.api.spi.SimulationSpec;
import org.livestack.runtime.trace.TraceRecorder;

/**
 * The bounded-skew scheduler (DESIGN.md section 3).
 *
 * <h2>Keys and scope vtime</h2>
 * Every vtask has a key, the earliest virtual time at which it can next act: an actor's
 * {@code max(vtime, next event time)}, a self-running vtask's vtime (or wake-up time while it
 * sleeps), infinity while it waits for a message or is finished. A scope's vtime is the minimum key
 * over its members, kept as a monotone floor. It is never computed by scanning members: each worker
 * publishes, per scope, the minimum key over the actors it hosts (its "partial", maintained with
 * indexed heaps), and each self-running vtask publishes its key in its run page. A reader takes the
 * minimum over the scope's contributors: O(workers + self-running members), whatever the number of
 * actors.
 *
 * <h2>Messages in flight</h2>
 * A cross-thread sender encodes the message into the receiver's ring ({@link Mailbox}), CAS-lowers the
 * receiver's {@code inboundMin}, then increments the decrease counter, all before it publishes a
 * higher key of its own. A reader reads the counter, each contributor's inboundMin then key, and
 * re-reads the counter, retrying if it moved: it either sees the message or sees the sender's key
 * from before the send. Receivers drain with the protocol described in {@link Worker}.
 *
 * <h2>Threads</h2>
 * N workers run the actors (partitioned in contiguous id blocks), each self-running vtask has its
 * own thread, and the calling thread detects the end of the run and runs the watchdog.
 */
final class VirtualTimeScheduler
{
    /**
     * A scope's vtime as last committed. Replaced, never mutated: readers commit a higher vtime with a
     * CAS against the instance they read before their snapshot, and a waking vtask swaps in a fresh
     * instance before it reads the value to forward to. So a snapshot that could not see the waking
     * vtask cannot commit a vtime above it after the vtask read the old one.
     */
    private static final class FloorState
    {
        final long vtime;

        FloorState(final long vtime)
        {
            this.vtime = vtime;
        }
    }

    final ContributionTable table;
    private final SimulationSpec spec;
    private final Scope[] scopes;
    private final long[] skews;
    private final AtomicReferenceArray<FloorState> floors;
    private final java.util.BitSet[] members;
    private final int[][] scopeWorkers;
    private final SelfRunningVTask[][] scopeSelfRunning;
    private final ActorVTask[] actorById;
    private final SelfRunningVTask[] selfById;
    private final List<ActorVTask> actors = new ArrayList<>();
    private final List<SelfRunningVTask> selfRunning = new ArrayList<>();
    private final Worker[] workers;
    private final Router router;
    private final Parker.Registry parkers = new Parker.Registry();
    private final long horizon;
    private final RunObserver observer;
    private final long watchdogNanos;
    private final FaultPolicy policy;

    private final AtomicLong decreaseCounter = new AtomicLong();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lateCount = new AtomicLong();
    private final AtomicLong maxLateness = new AtomicLong();
    private final ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
    private final TraceRecorder[] recorders;
    private volatile boolean stopping;
    private volatile SimulationException failure;
    private volatile Thread mainThread;

    VirtualTimeScheduler(final SimulationSpec spec)
    {
        this.spec = spec;
        this.horizon = spec.horizonNanos();
        this.observer = spec.observer();
        this.watchdogNanos = spec.watchdogTimeout().toNanos();
        this.policy = spec.faultPolicy();
        this.router = new Router(spec);
        this.recorders = new TraceRecorder[spec.endpoints().size()];
        final int scopeCount = spec.scopes().size();
        scopes = spec.scopes().toArray(new Scope[0]);
        skews = new long[scopeCount];
        floors = new AtomicReferenceArray<>(scopeCount);
        members = new java.util.BitSet[scopeCount];
        for (int s = 0; s < scopeCount; s++)
        {
            floors.set(s, new FloorState(0));
            members[s] = new java.util.BitSet();
            for (final VTask m : scopes[s].members())
            {
                members[s].set(m.id());
            }
        }
        final List<List<Integer>> scopesOf = new ArrayList<>();
        for (int i = 0; i < spec.vtasks().size(); i++)
        {
            scopesOf.add(new ArrayList<>());
        }
        for (final Scope s : scopes)
        {
            skews[s.id()] = s.skewNanos();
            for (final VTask m : s.members())
            {
                scopesOf.get(m.id()).add(s.id());
            }
        }

        final int vtaskCount = spec.vtasks().size();
        actorById = new ActorVTask[vtaskCount];
        selfById = new SelfRunningVTask[vtaskCount];
        int actorCount = 0;
        for (final SimulationSpec.VTaskSpec v : spec.vtasks())
        {
            if (v.body() == null)
            {
                actorCount++;
            }
        }
        final int workerCount = Math.max(1, Math.min(spec.workers(), Math.max(1, actorCount)));
        table = new ContributionTable(workerCount, scopeCount);
        workers = new Worker[workerCount];
        for (int w = 0; w < workerCount; w++)
        {
            workers[w] = new Worker(w, this, parkers);
        }

        final List<Map<String, ActorGroup>> groupsByWorker = new ArrayList<>();
        for (int w = 0; w < workerCount; w++)
        {
            groupsByWorker.add(new HashMap<>());
        }
        int actorIndex = 0;
        for (final SimulationSpec.VTaskSpec v : spec.vtasks())
        {
            final int[] scopeIds = scopesOf.get(v.vtask().id()).stream().mapToInt(Integer::intValue).sorted().toArray();
            if (v.body() == null)
            {
                final ActorVTask a = new ActorVTask(v.vtask(), v.hub() != null ?
                    new HubComponent(v, spec.connections()) : v.component(), scopeIds, spec.seed());
                final int w = (int)((long)actorIndex * workerCount / actorCount);
                actorIndex++;
                final Worker worker = workers[w];
                a.worker = worker;
                a.group = groupsByWorker.get(w).computeIfAbsent(Arrays.toString(scopeIds), k ->
                {
                    final ActorGroup g = new ActorGroup(scopeIds);
                    worker.groupList.add(g);
                    return g;
                });
                worker.actors.add(a);
                actors.add(a);
                actorById[v.vtask().id()] = a;
            }
            else
            {
                final SelfRunningVTask s = new SelfRunningVTask(v.vtask(), v.body(), scopeIds, this);
                selfRunning.add(s);
                selfById[v.vtask().id()] = s;
            }
        }
        for (final Worker w : workers)
        {
            w.init();
        }

        scopeWorkers = new int[scopeCount][];
        scopeSelfRunning = new SelfRunningVTask[scopeCount][];
        for (int s = 0; s < scopeCount; s++)
        {
            final int scopeId = s;
            final List<Integer> ws = new ArrayList<>();
            for (final Worker w : workers)
            {
                if (Arrays.stream(w.hostedScopes()).anyMatch(x -> x == scopeId))
                {
                    ws.add(w.index);
                }
            }
            scopeWorkers[s] = ws.stream().mapToInt(Integer::intValue).toArray();
            final List<SelfRunningVTask> ss = new ArrayList<>();
            for (final VTask m : scopes[s].members())
            {
                if (selfById[m.id()] != null)
                {
                    ss.add(selfById[m.id()]);
                }
            }
            scopeSelfRunning[s] = ss.toArray(new SelfRunningVTask[0]);
        }
    }

    // ---------------------------------------------------------------- accessors used by workers and vtasks

    int scopeCount()
    {
        return scopes.length;
    }

    long[] skews()
    {
        return skews;
    }

    long horizon()
    {
        return horizon;
    }

    RunObserver observer()
    {
        return observer;
    }

    Router router()
    {
        return router;
    }

    java.util.List<org.livestack.api.Endpoint> endpoints()
    {
        return spec.endpoints();
    }

    Parker.Registry parkers()
    {
        return parkers;
    }

    boolean stopping()
    {
        return stopping;
    }

    long ticket()
    {
        return tickets.incrementAndGet();
    }

    ActorVTask actor(final int vtaskId)
    {
        return actorById[vtaskId];
    }

    ActorVTask actorOrNull(final int vtaskId)
    {
        return vtaskId >= 0 && vtaskId < actorById.length ? actorById[vtaskId] : null;
    }

    SelfRunningVTask selfRunningOrNull(final int vtaskId)
    {
        return vtaskId >= 0 && vtaskId < selfById.length ? selfById[vtaskId] : null;
    }

    void countDropped(final int n)
    {
        if (n > 0)
        {
            dropped.addAndGet(n);
        }
    }

    void countLate(final long lateness)
    {
        lateCount.incrementAndGet();
        maxLateness.accumulateAndGet(lateness, Math::max);
    }

    /**
     * Records a message delivered to its destination's vtask, if that endpoint is traced.
     *
     * @param receiver the vtask taking the message.
     */
    void traceDelivery(final VTask receiver, final org.livestack.api.Message m, final long handledAt)
    {
        final TraceRecorder r = recorders[m.destination().id()];
        if (r != null && m.destination().vtask() == receiver)
        {
            r.record(m, handledAt, m instanceof FlyweightMessage f ? f.payloadCopy() : ((MessageImpl)m).payloadArray());
        }
    }

    /** @return whether the run records its {@link org.livestack.api.Timeline}. */
    boolean recordsTimeline()
    {
        return spec.timeline();
    }

    /** The control thread's samples of every vtime and scope skew, thinned as the run grows long. */
    private final class Sampler
    {
        private static final int MAX_SAMPLES = 1_024;
        private final List<org.livestack.api.Timeline.Sample> samples = new ArrayList<>();
        private final int[][] scopeMembers = new int[scopes.length][];
        private long interval = 1_000_000;
        private long next;

        Sampler()
        {
            for (int s = 0; s < scopes.length; s++)
            {
                scopeMembers[s] = members[s].stream().toArray();
            }
        }

        void maybeSample(final long wall)
        {
            if (wall >= next)
            {
                sample(wall);
                next = wall + interval;
            }
        }

        void sample(final long wall)
        {
            final long[] vtimes = new long[actorById.length];
            for (int id = 0; id < vtimes.length; id++)
            {
                final ActorVTask a = actorById[id];
                vtimes[id] = Math.min(horizon, a != null ? a.vtimeOpaque() : selfById[id].page.vtime());
            }
            final long[] skewsNow = new long[scopes.length];
            for (int s = 0; s < scopes.length; s++)
            {
                final long floor = scopeVtimeCached(s);
                long ahead = 0;
                if (floor != VirtualTime.INFINITY)
                {
                    for (final int m : scopeMembers[s])
                    {
                        ahead = Math.max(ahead, vtimes[m] - floor);
                    }
                }
                skewsNow[s] = ahead;
            }
            samples.add(new org.livestack.api.Timeline.Sample(wall, vtimes, skewsNow));
            if (samples.size() >= MAX_SAMPLES)
            {
                // keep every other sample (always the first) and sample half as often from now on
                final List<org.livestack.api.Timeline.Sample> kept = new ArrayList<>();
                for (int i = 0; i < samples.size(); i += 2)
                {
                    kept.add(samples.get(i));
                }
                samples.clear();
                samples.addAll(kept);
                interval *= 2;
            }
        }

        org.livestack.api.Timeline timeline()
        {
            final List<TimelineRecorder> recorders = new ArrayList<>();
            for (final Worker w : workers)
            {
                recorders.add(w.timeline);
            }
            for (final SelfRunningVTask v : selfRunning)
            {
                recorders.add(v.timeline);
            }
            final List<String> vtaskNames = new ArrayList<>();
            for (final SimulationSpec.VTaskSpec v : spec.vtasks())
            {
                vtaskNames.add(v.vtask().name());
            }
            final List<String> scopeNames = new ArrayList<>();
            for (final Scope s : scopes)
            {
                scopeNames.add(s.name());
            }
            return TimelineRecorder.merge(recorders, spec.endpoints(), vtaskNames, scopeNames, samples);
        }
    }

    // ---------------------------------------------------------------- scope vtime

    /**
     * Computes a scope's vtime from a consistent snapshot of its contributors and commits it if it
     * is higher than the committed one (see {@link FloorState}).
     *
     * @return a sound scope vtime (every member acting after this call acts at or after it), or
     *         infinity if no member can act (then the scope constrains no one).
     */
    long scopeVtime(final int s)
    {
        final FloorState committed = floors.get(s);
        final int[] ws = scopeWorkers[s];
        final SelfRunningVTask[] ss = scopeSelfRunning[s];
        long min;
        while (true)
        {
            final long before = decreaseCounter.get();
            min = VirtualTime.INFINITY;
            for (final int w : ws)
            {
                min = Math.min(min, table.inboundMin(w));
                min = Math.min(min, table.partial(w, s));
            }
            for (final SelfRunningVTask v : ss)
            {
                min = Math.min(min, v.contribution());
            }
            if (decreaseCounter.get() == before)
            {
                break;
            }
        }
        if (min == VirtualTime.INFINITY)
        {
            return VirtualTime.INFINITY;
        }
        long vtime = committed.vtime;
        if (min > vtime && floors.compareAndSet(s, committed, new FloorState(min)))
        {
            vtime = min;
        }
        if (observer != null)
        {
            observer.scopeVtime(scopes[s], vtime, ticket());
        }
        return vtime;
    }

    /** @return the last committed vtime of scope {@code s}. */
    long scopeVtimeCached(final int s)
    {
        return floors.get(s).vtime;
    }

    /**
     * Called by a waking vtask after it published a provisional key (at most the time it wakes at):
     * invalidates every snapshot of its scopes in progress and returns max over its scopes of their
     * committed vtime, the time it must be forwarded to.
     */
    long wakeForward(final int[] scopeIds)
    {
        return wakeForward(scopeIds, -1);
    }

    /**
     * As {@link #wakeForward(int[])} for a wake-up by a message from {@code sender}. In a scope that
     * contains the sender the message was covered (by the sender's key, an inboundMin or the
     * receiver's provisional key) from the moment it was sent, so no snapshot of that scope can commit
     * a vtime above it and no invalidation (and no allocation) is needed there.
     */
    long wakeForward(final int[] scopeIds, final int sender)
    {
        long max = 0;
        for (final int s : scopeIds)
        {
            FloorState st;
            if (sender >= 0 && members[s].get(sender))
            {
                st = floors.get(s);
            }
            else
            {
                do
                {
                    st = floors.get(s);
                }
                while (!floors.compareAndSet(s, st, new FloorState(st.vtime)));
            }
            max = Math.max(max, st.vtime);
        }
        return max;
    }

    /** @return the minimum key over every vtask and message in flight (consistent snapshot). */
    private long globalMin()
    {
        while (true)
        {
            final long before = decreaseCounter.get();
            long min = VirtualTime.INFINITY;
            for (final Worker w : workers)
            {
                min = Math.min(min, table.inboundMin(w.index));
                min = Math.min(min, table.partialAll(w.index));
            }
            for (final SelfRunningVTask v : selfRunning)
            {
                min = Math.min(min, v.contribution());
            }
            if (decreaseCounter.get() == before)
            {
                return min;
            }
        }
    }

    // ---------------------------------------------------------------- messages

    /**
     * Delivers a message sent by a self-running vtask (on its own thread) through the receiver's
     * ring with the inboundMin protocol; actors' sends go through {@link #routeRecord}.
     */
    void routeFromSelfRunning(final SelfRunningVTask sender, final MessageImpl m)
    {
        final ActorVTask a = actorById[m.hop];
        if (a != null)
        {
            if (a.terminal != 0)
            {
                countDropped(1);
                return;
            }
            while (!a.worker.mailbox.offer(m))
            {
                if (!waitForRoom(null, sender))
                {
                    return;
                }
            }
            pushed(a.worker, m.time);
            return;
        }
        final SelfRunningVTask s = selfById[m.hop];
        if (s.terminal != 0)
        {
            countDropped(1);
            return;
        }
        while (!s.mailbox.offer(m))
        {
            if (!waitForRoom(null, sender))
            {
                return;
            }
        }
        pushed(s, m.time);
    }

    /**
     * Delivers an encoded inline record from a worker's outbox: directly into a local actor's queue,
     * else through the receiver's ring with the inboundMin protocol.
     */
    void routeRecord(final Worker from, final org.agrona.MutableDirectBuffer record, final int offset)
    {
        final int dest = record.getInt(offset + org.livestack.runtime.ipc.MessageDescriptor.HOP_OFFSET);
        final long visible = record.getLong(offset + org.livestack.runtime.ipc.MessageDescriptor.VISIBLE_TIME_OFFSET);
        final ActorVTask a = actorById[dest];
        if (a != null)
        {
            if (a.worker == from)
            {
                final org.livestack.runtime.ipc.MessageFlyweight m = from.scratch().wrap(record, offset);
                from.deliverLocal(a, m, record, offset + org.livestack.runtime.ipc.MessageDescriptor.PAYLOAD_OFFSET);
                return;
            }
            if (a.terminal != 0)
            {
                countDropped(1);
                return;
            }
            while (!a.worker.mailbox.offerRecord(record, offset))
            {
                if (!waitForRoom(from, null))
                {
                    return;
                }
            }
            pushed(a.worker, visible);
            return;
        }
        final SelfRunningVTask s = selfById[dest];
        if (s.terminal != 0)
        {
            countDropped(1);
            return;
        }
        while (!s.mailbox.offerRecord(record, offset))
        {
            if (!waitForRoom(from, null))
            {
                return;
            }
        }
        pushed(s, visible);
    }

    /** After a push into a worker's ring: lower its inboundMin, bump the decrease counter, wake it. */
    private void pushed(final Worker w, final long visibleTime)
    {
        table.lowerInboundMin(w.index, visibleTime);
        decreaseCounter.incrementAndGet();
        w.parker.wake();
    }

    /** After a push into a self-running vtask's ring: the same through its run page. */
    private void pushed(final SelfRunningVTask s, final long visibleTime)
    {
        s.page.lowerInboundMin(visibleTime);
        decreaseCounter.incrementAndGet();
        s.parker.wake();
    }

    /**
     * One wait step for room in a full ring: the waiting thread drains its own ring (worker or
     * self-running vtask, whichever is given) so two threads waiting on each other's full rings both
     * make progress.
     *
     * @return false (and the message counted dropped) if the run ended.
     */
    private boolean waitForRoom(final Worker worker, final SelfRunningVTask self)
    {
        if (stopping)
        {
            countDropped(1);
            return false;
        }
        if (worker != null)
        {
            worker.drainWhileBlocked();
        }
        else
        {
            self.drainWhileBlocked();
        }
        Thread.onSpinWait();
        return true;
    }

    // ---------------------------------------------------------------- faults

    void onActorFailure(final Worker worker, final ActorVTask a, final Throwable th)
    {
        final String what = "vtask '" + a.task.name() + "' threw " + th + " at vtime " + a.vtime;
        if (policy == FaultPolicy.FAIL)
        {
            fail(new SimulationException(a.task.name(), what + " (fault policy FAIL)", th));
        }
        else
        {
            faults.add(what + "; isolated");
            worker.isolate(a);
        }
    }

    void onSelfRunningFailure(final SelfRunningVTask v, final Throwable th)
    {
        final String what = "self-running vtask '" + v.task.name() + "' threw " + th + " at vtime " + v.finalVtime();
        if (policy == FaultPolicy.FAIL)
        {
            v.finish(VTaskState.FAULTED);
            fail(new SimulationException(v.task.name(), what + " (fault policy FAIL)", th));
        }
        else
        {
            faults.add(what + "; isolated");
            v.finish(VTaskState.FAULTED);
        }
    }

    private void fail(final SimulationException e)
    {
        if (failure == null)
        {
            failure = e;
        }
        stop();
    }

    private void stop()
    {
        stopping = true;
        parkers.wakeAll();
        final Thread main = mainThread;
        if (main != null)
        {
            LockSupport.unpark(main);
        }
    }

    private void watchdog(final long now)
    {
        final String limit = Duration.ofNanos(watchdogNanos).toMillis() + " ms";
        for (final Worker w : workers)
        {
            final long d = w.inDispatch.get();
            if (d > 0 && now - w.progressNanos > watchdogNanos && w.inDispatch.compareAndSet(d, Worker.SEIZED))
            {
                final ActorVTask a = w.dispatching;
                final String what = "vtask '" + a.task.name() + "' held worker " + w.index + " for more than " + limit +
                    " of wall time without progress at vtime " + a.vtime + " (watchdog)";
                final Thread hung = w.thread;
                if (policy == FaultPolicy.FAIL)
                {
                    fail(new SimulationException(a.task.name(), what + "; fault policy FAIL", null));
                }
                else
                {
                    faults.add(what + "; isolated");
                    w.isolate(a);
                    final int gen = ++w.generation;
                    startWorker(w, gen);
                }
                if (hung != null)
                {
                    hung.interrupt();
                }
            }
        }
        for (final SelfRunningVTask v : selfRunning)
        {
            final Thread t = v.thread;
            if (v.terminal == 0 && !v.waiting && t != null && t.isAlive() && now - v.page.heartbeat() > watchdogNanos)
            {
                final String what = "self-running vtask '" + v.task.name() + "' made no call to its VTaskControl for more than " +
                    limit + " of wall time at vtime " + v.page.vtime() + " (watchdog)";
                if (policy == FaultPolicy.FAIL)
                {
                    v.terminal = VTaskState.FAULTED.ordinal();
                    fail(new SimulationException(v.task.name(), what + "; fault policy FAIL", null));
                }
                else
                {
                    faults.add(what + "; isolated");
                    v.finish(VTaskState.FAULTED);
                    t.interrupt();
                }
            }
        }
    }

    // ---------------------------------------------------------------- run

    private void startWorker(final Worker w, final int gen)
    {
        final Thread t = new Thread(() ->
        {
            try
            {
                w.run(gen);
            }
            catch (final Throwable th)
            {
                // a failure outside any handler is a runtime bug: end the run with it, never hang
                fail(new SimulationException(null, "worker " + w.index + " failed outside a handler: " + th, th));
            }
        }, "livestack-worker-" + w.index + (gen == 0 ? "" : "-g" + gen));
        t.setDaemon(true);
        w.thread = t;
        t.start();
    }

    RunReport run()
    {
        for (int e = 0; e < recorders.length; e++)
        {
            final java.nio.file.Path dir = spec.traces().get(e);
            if (dir != null)
            {
                recorders[e] = new TraceRecorder(dir);
            }
        }
        try
        {
            return runAndReport();
        }
        finally
        {
            for (final TraceRecorder r : recorders)
            {
                if (r != null)
                {
                    r.close();
                }
            }
        }
    }

    private RunReport runAndReport()
    {
        mainThread = Thread.currentThread();
        final long start = System.nanoTime();
        for (final Worker w : workers)
        {
            startWorker(w, 0);
        }
        final List<Thread> selfThreads = new ArrayList<>();
        for (final SelfRunningVTask v : selfRunning)
        {
            final Thread t = new Thread(v, "livestack-vtask-" + v.task.name());
            t.setDaemon(true);
            v.thread = t;
            selfThreads.add(t);
        }
        selfThreads.forEach(Thread::start);

        final long tick = Math.max(50_000, Math.min(1_000_000, watchdogNanos / 4));
        final ProgressLine progress = new ProgressLine(spec.progress(), spec.progressInterval().toNanos(), horizon, start);
        final Sampler sampler = spec.timeline() ? new Sampler() : null;
        long endMin = VirtualTime.INFINITY;
        while (!stopping)
        {
            final long now = System.nanoTime();
            if (sampler != null)
            {
                sampler.maybeSample(now - start);
            }
            watchdog(now);
            final long min = globalMin();
            if (min >= horizon)
            {
                endMin = min;
                stop();
                break;
            }
            if (progress.due(now))
            {
                long events = 0;
                for (final Worker w : workers)
                {
                    events += w.eventsSoFar();
                }
                progress.print(now, min, events);
            }
            LockSupport.parkNanos(this, tick);
        }
        final long wall = System.nanoTime() - start;
        progress.finish();

        final long joinMillis = Math.max(1000, watchdogNanos / 1_000_000);
        for (final Worker w : workers)
        {
            join(w.thread, joinMillis);
        }
        for (final SelfRunningVTask v : selfRunning)
        {
            // an isolated vtask's thread may still be stuck in user code: it is abandoned (daemon)
            final boolean isolated = v.terminal == VTaskState.FAULTED.ordinal();
            join(v.thread, isolated ? 50 : joinMillis);
            if (v.thread.isAlive() && failure == null && !isolated)
            {
                fail(new SimulationException(v.task.name(), "self-running vtask '" + v.task.name() +
                    "' did not return within " + joinMillis + " ms after the run ended", null));
            }
        }
        if (failure != null)
        {
            throw failure;
        }
        if (sampler != null)
        {
            sampler.sample(wall);
        }
        return report(wall, endMin, sampler == null ? org.livestack.api.Timeline.EMPTY : sampler.timeline());
    }

    private static void join(final Thread t, final long millis)
    {
        if (t == null)
        {
            return;
        }
        try
        {
            t.join(millis);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new SimulationException(null, "interrupted while waiting for the run's threads", e);
        }
    }

    private RunReport report(final long wall, final long endMin, final org.livestack.api.Timeline timeline)
    {
        long inFlight = 0;
        long lost = 0;
        final long[] pending = new long[2]; // in flight, lost
        for (final Worker w : workers)
        {
            w.mailbox.drainRecords((r, payload, at) -> pending[actorById[r.hop()].terminal != 0 ? 1 : 0]++);
        }
        for (final SelfRunningVTask v : selfRunning)
        {
            v.mailbox.drain(m -> pending[v.terminal != 0 ? 1 : 0]++);
        }
        inFlight += pending[0];
        lost += pending[1];
        long maxVtime = 0;
        long sent = 0;
        long delivered = 0;
        final List<RunReport.VTaskStats> stats = new ArrayList<>();
        for (final SimulationSpec.VTaskSpec spec : spec.vtasks())
        {
            final int id = spec.vtask().id();
            final ActorVTask a = actorById[id];
            if (a != null)
            {
                if (a.terminal != 0)
                {
                    lost += a.pending.size();
                }
                else
                {
                    inFlight += a.pending.size();
                }
                maxVtime = Math.max(maxVtime, a.vtime);
                sent += a.sent;
                delivered += a.received;
                stats.add(new RunReport.VTaskStats(a.task.name(), a.task.kind(), a.state(), Math.min(horizon, a.vtime),
                    a.events, a.sent, a.received, a.details()));
            }
            else
            {
                final SelfRunningVTask v = selfById[id];
                if (v.terminal != 0)
                {
                    lost += v.inbox.size();
                }
                else
                {
                    inFlight += v.inbox.size();
                }
                maxVtime = Math.max(maxVtime, v.finalVtime());
                sent += v.sent;
                delivered += v.received;
                stats.add(new RunReport.VTaskStats(v.task.name(), VTask.Kind.SELF_RUNNING, v.state(),
                    Math.min(horizon, v.finalVtime()), v.events, v.sent, v.received, v.details()));
            }
        }
        final List<RunReport.ScopeStats> scopeStats = new ArrayList<>();
        for (final Scope s : scopes)
        {
            long max = 0;
            for (final Worker w : workers)
            {
                max = Math.max(max, w.maxSkew[s.id()]);
            }
            for (final SelfRunningVTask v : selfRunning)
            {
                max = Math.max(max, v.maxSkew[s.id()]);
            }
            scopeStats.add(new RunReport.ScopeStats(s.name(), s.skewNanos(), max));
        }
        final long virtualTime = endMin != VirtualTime.INFINITY && endMin >= horizon ? horizon : Math.min(horizon, maxVtime);
        return new RunReport(virtualTime, wall, workers.length, stats, scopeStats, lateCount.get(), maxLateness.get(),
            sent, delivered, inFlight, dropped.get() + lost, List.copyOf(faults), timeline);
    }
}
