package org.livestack.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Scope;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.VTaskControl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md 3, dispatch rule: at every dispatch and every reported advance, {@code vtime <= scope.vtime + S}
 * for every scope of the vtask, over randomized runs with overlapping scopes, several skew bounds,
 * actors and self-running vtasks.
 */
class SkewInvariantTest
{
    private static final int SEEDS = Integer.getInteger("livestack.seeds", 120);
    private static final long FIRST_SEED = Long.getLong("livestack.firstSeed", 1);
    private static final long[] SKEWS = {0, 5, 50, 400};

    @Test
    void everyDispatchRespectsEveryScopeBoundWithASoundScopeVtime()
    {
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++)
        {
            final SplittableRandom r = new SplittableRandom(seed * 31);
            final Simulation.Builder b = Simulation.builder();
            final int actors = 3 + r.nextInt(20);
            final int selfRunning = r.nextInt(3);
            final int scopeCount = 2 + r.nextInt(3);
            final List<VTask> tasks = new ArrayList<>();
            final List<RandomModel> models = new ArrayList<>();
            final List<List<Endpoint>> selfLinks = new ArrayList<>();
            for (int i = 0; i < actors; i++)
            {
                final RandomModel m = new RandomModel(r.nextLong(), 100 + r.nextInt(200), true);
                models.add(m);
                tasks.add(b.component("a" + i, m));
            }
            for (int i = 0; i < selfRunning; i++)
            {
                final List<Endpoint> links = new ArrayList<>();
                selfLinks.add(links);
                final long bodySeed = r.nextLong();
                tasks.add(b.selfRunning("cpu" + i, control -> burn(control, links, bodySeed)));
            }
            // scopes: a home scope per vtask plus, sometimes, a second one (overlap)
            final List<List<VTask>> members = new ArrayList<>();
            final long[] skews = new long[scopeCount];
            for (int s = 0; s < scopeCount; s++)
            {
                members.add(new ArrayList<>());
                skews[s] = SKEWS[r.nextInt(SKEWS.length)];
            }
            final boolean[][] in = new boolean[tasks.size()][scopeCount];
            for (int i = 0; i < tasks.size(); i++)
            {
                final int home = i % scopeCount;
                in[i][home] = true;
                if (r.nextInt(10) < 4)
                {
                    in[i][r.nextInt(scopeCount)] = true;
                }
            }
            for (int s = 0; s < scopeCount; s++)
            {
                for (int i = 0; i < tasks.size(); i++)
                {
                    if (in[i][s])
                    {
                        members.get(s).add(tasks.get(i));
                    }
                }
                final boolean hasSelfRunning = members.get(s).stream().anyMatch(t -> t.kind() == VTask.Kind.SELF_RUNNING);
                if (hasSelfRunning && skews[s] == 0)
                {
                    skews[s] = 50;
                }
            }
            final List<Scope> scopes = new ArrayList<>();
            for (int s = 0; s < scopeCount; s++)
            {
                if (!members.get(s).isEmpty())
                {
                    scopes.add(b.scope("s" + s, skews[s], members.get(s)));
                }
            }
            // links only between vtasks that share a scope
            final int links = tasks.size() * 2;
            int made = 0;
            for (int attempt = 0; attempt < links * 20 && made < links; attempt++)
            {
                final int i = r.nextInt(tasks.size());
                final int j = r.nextInt(tasks.size());
                boolean share = false;
                for (int s = 0; s < scopeCount; s++)
                {
                    share |= in[i][s] && in[j][s];
                }
                if (i == j || !share)
                {
                    continue;
                }
                final Endpoint ei = b.endpoint(tasks.get(i), "l" + made);
                final Endpoint ej = b.endpoint(tasks.get(j), "l" + made);
                b.link(ei, ej, r.nextLong(1, 100));
                attach(ei, i, actors, models, selfLinks);
                attach(ej, j, actors, models, selfLinks);
                made++;
            }
            final InvariantChecker checker = new InvariantChecker();
            final Simulation sim = b.horizon(5_000 + r.nextInt(20_000)).workers(1 + r.nextInt(3)).observer(checker).build();
            final RunReport report = sim.run();

            assertThat(checker.dispatchCount()).as("seed %d: dispatches observed", seed).isPositive();
            if (!checker.violations(sim.spec().scopes()).isEmpty() && Boolean.getBoolean("debug.skew"))
            {
                for (final Scope sc : sim.spec().scopes()) System.out.println(sc + " " + sc.members());
                for (int i = 0; i < models.size(); i++) System.out.println("a" + i + " " + models.get(i).trace);
                checker.dump();
            }
            assertThat(checker.violations(sim.spec().scopes())).as("seed %d: invariant violations", seed).isEmpty();
            assertThat(report.sent()).as("seed %d: message accounting", seed)
                .isEqualTo(report.delivered() + report.inFlight() + report.dropped());
            for (final RunReport.ScopeStats s : report.scopes())
            {
                assertThat(s.maxSkewNanos()).as("seed %d: observed skew of %s", seed, s.name()).isLessThanOrEqualTo(s.skewNanos());
            }
        }
    }

    private static void attach(final Endpoint e, final int index, final int actors, final List<RandomModel> models,
        final List<List<Endpoint>> selfLinks)
    {
        if (index < actors)
        {
            models.get(index).links.add(e);
        }
        else
        {
            selfLinks.get(index - actors).add(e);
        }
    }

    /** A CPU-like self-running vtask: burns real CPU, reports measured time, talks and sleeps now and then. */
    static void burn(final VTaskControl control, final List<Endpoint> links, final long seed)
    {
        final SplittableRandom r = new SplittableRandom(seed);
        long sink = 0;
        while (true)
        {
            final long grant = control.awaitGrant();
            Message m;
            while ((m = control.poll()) != null)
            {
                sink += m.length();
            }
            final long start = System.nanoTime();
            for (int i = 0; i < 200 + r.nextInt(2_000); i++)
            {
                sink += i * 31L ^ sink;
            }
            final long spent = Math.max(1, (System.nanoTime() - start) / 10);
            control.advanceTo(Math.min(grant, control.vtime() + spent));
            if (!links.isEmpty() && r.nextInt(10) == 0)
            {
                control.send(links.get(r.nextInt(links.size())), 1, new byte[] {(byte)sink});
            }
            if (r.nextInt(40) == 0)
            {
                control.blockUntil(control.vtime() + r.nextInt(200));
            }
        }
    }
}
