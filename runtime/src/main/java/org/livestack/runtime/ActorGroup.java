package org.livestack.runtime;

/**
 * The actors of one worker that belong to exactly the same set of scopes. They share one grant,
 * so the eligible actor with the smallest key is the heap's minimum: choosing work costs
 * O(groups), not O(actors).
 */
final class ActorGroup
{
    final int[] scopeIds;
    final ActorHeap heap = new ActorHeap();
    /** Cached grant: min over scopes of (scope vtime + S); stale values are safe lower bounds. */
    long grant = Long.MIN_VALUE;
    /**
     * True if the grant ignored a scope that had no member able to act: a member waking up in this
     * group then makes that scope binding again, so the grant must be recomputed before use.
     */
    boolean unbounded;
    boolean dirty;

    ActorGroup(final int[] scopeIds)
    {
        this.scopeIds = scopeIds;
    }
}
