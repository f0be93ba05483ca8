package org.livestack.runtime;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.Scope;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker itself must be able to fail: feed it histories that break each rule. */
class InvariantCheckerTest
{
    private final Simulation.Builder b = Simulation.builder();
    private final VTask x = b.component("x", new Component() {});
    private final VTask y = b.component("y", new Component() {});
    private final Scope scope = b.scope("s", 10, x, y);
    private final List<Scope> scopes = List.of(scope);

    @Test
    void acceptsAConsistentHistory()
    {
        final InvariantChecker c = new InvariantChecker();
        c.scopeVtime(scope, 100, 1);
        c.dispatch(x, 105, 110, 2);
        c.dispatch(y, 100, 110, 3);
        assertThat(c.violations(scopes)).isEmpty();
    }

    @Test
    void rejectsADispatchBeyondItsGrant()
    {
        final InvariantChecker c = new InvariantChecker();
        c.scopeVtime(scope, 100, 1);
        c.dispatch(x, 111, 110, 2);
        assertThat(c.violations(scopes)).singleElement().asString().contains("beyond grant");
    }

    @Test
    void rejectsAGrantAboveScopeVtimePlusSkew()
    {
        final InvariantChecker c = new InvariantChecker();
        c.scopeVtime(scope, 100, 1);
        c.dispatch(x, 105, 111, 2);
        assertThat(c.violations(scopes)).singleElement().asString().contains("grant exceeds");
    }

    @Test
    void rejectsAnUnsoundScopeVtime()
    {
        final InvariantChecker c = new InvariantChecker();
        c.scopeVtime(scope, 100, 1);
        c.dispatch(y, 99, 110, 2);
        assertThat(c.violations(scopes)).singleElement().asString().contains("unsound");
    }

    @Test
    void rejectsADispatchWithoutAnyScopeVtime()
    {
        final InvariantChecker c = new InvariantChecker();
        c.dispatch(y, 0, 10, 1);
        c.scopeVtime(scope, 0, 2);
        assertThat(c.violations(scopes)).singleElement().asString().contains("no vtime");
    }
}
