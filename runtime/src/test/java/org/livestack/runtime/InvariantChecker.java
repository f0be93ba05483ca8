package org.livestack.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.livestack.api.RunObserver;
import org.livestack.api.Scope;
import org.livestack.api.VTask;

/**
 * Records every scope-vtime computation and every dispatch the scheduler reports, then checks
 * after the run that, for every dispatch of a vtask at vtime v with grant g:
 * <ol>
 *   <li>{@code v <= g};</li>
 *   <li>{@code g <= scope.vtime + S} for each of its scopes, where scope.vtime is the latest value
 *       computed before the dispatch was stamped;</li>
 *   <li>every scope vtime m committed (stamped) before the dispatch was stamped satisfies
 *       {@code m <= v}: a scope vtime is a true lower bound of what its members do afterwards
 *       (soundness).</li>
 * </ol>
 * Together: whenever a vtask executes at v, {@code v <= scope.vtime + S} for a sound scope vtime.
 */
final class InvariantChecker implements RunObserver
{
    private record ScopeRecord(int scope, long vtime, long seq)
    {
    }

    private record DispatchRecord(VTask task, long vtime, long grant, long seq)
    {
    }

    private final ConcurrentLinkedQueue<ScopeRecord> scopeRecords = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<DispatchRecord> dispatches = new ConcurrentLinkedQueue<>();

    @Override
    public void scopeVtime(final Scope scope, final long vtime, final long seq)
    {
        scopeRecords.add(new ScopeRecord(scope.id(), vtime, seq));
    }

    @Override
    public void dispatch(final VTask task, final long vtime, final long grant, final long seq)
    {
        dispatches.add(new DispatchRecord(task, vtime, grant, seq));
    }

    void dump()
    {
        final List<Object> all = new ArrayList<>(scopeRecords);
        all.addAll(dispatches);
        all.sort(Comparator.comparingLong(o -> o instanceof ScopeRecord sr ? sr.seq() : ((DispatchRecord)o).seq()));
        all.forEach(System.out::println);
    }

    int dispatchCount()
    {
        return dispatches.size();
    }

    /**
     * @param scopes the simulation's scopes, indexed by id.
     * @return the violations found (at most 20 described), empty if none.
     */
    List<String> violations(final List<Scope> scopes)
    {
        final int n = scopes.size();
        final List<List<ScopeRecord>> byScope = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            byScope.add(new ArrayList<>());
        }
        for (final ScopeRecord r : scopeRecords)
        {
            byScope.get(r.scope()).add(r);
        }
        final long[][] seqs = new long[n][];
        final long[][] prefixMax = new long[n][];
        for (int s = 0; s < n; s++)
        {
            final List<ScopeRecord> list = byScope.get(s);
            list.sort(Comparator.comparingLong(ScopeRecord::seq));
            seqs[s] = new long[list.size()];
            prefixMax[s] = new long[list.size()];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < list.size(); i++)
            {
                seqs[s][i] = list.get(i).seq();
                max = Math.max(max, list.get(i).vtime());
                prefixMax[s][i] = max;
            }
        }
        final List<List<Integer>> scopesOf = new ArrayList<>();
        for (final Scope s : scopes)
        {
            for (final VTask m : s.members())
            {
                while (scopesOf.size() <= m.id())
                {
                    scopesOf.add(new ArrayList<>());
                }
                scopesOf.get(m.id()).add(s.id());
            }
        }
        final List<String> violations = new ArrayList<>();
        for (final DispatchRecord d : dispatches)
        {
            if (d.vtime() > d.grant())
            {
                violations.add(d + ": vtime beyond grant");
            }
            for (final int s : scopesOf.get(d.task().id()))
            {
                int i = Arrays.binarySearch(seqs[s], d.seq());
                i = i >= 0 ? i - 1 : -i - 2;
                if (i < 0)
                {
                    violations.add(d + ": no vtime of scope " + scopes.get(s).name() + " was computed before it");
                    continue;
                }
                final long m = prefixMax[s][i];
                final long bound = m + scopes.get(s).skewNanos();
                if (d.grant() > bound)
                {
                    violations.add(d + ": grant exceeds vtime " + m + " + S of scope " + scopes.get(s).name());
                }
                if (d.vtime() < m)
                {
                    violations.add(d + ": scope " + scopes.get(s).name() + " had vtime " + m +
                        " before this dispatch (unsound scope vtime)");
                }
            }
            if (violations.size() > 20)
            {
                break;
            }
        }
        return violations;
    }
}
