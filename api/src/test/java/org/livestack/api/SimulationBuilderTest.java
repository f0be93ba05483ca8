package org.livestack.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input is rejected where it is given, with a message naming the value and what is valid. */
class SimulationBuilderTest
{
    private final Simulation.Builder b = Simulation.builder();
    private final VTask a = b.component("a", new Component() {});
    private final VTask c = b.component("c", new Component() {});

    @Test
    void negativeSkewIsRejected()
    {
        assertThatThrownBy(() -> b.scope("s", -1, a))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("skew bound of scope 's' is -1 ns").hasMessageContaining(">= 0");
    }

    @Test
    void negativeLatencyIsRejected()
    {
        final Endpoint x = b.endpoint(a, "x");
        final Endpoint y = b.endpoint(c, "y");
        assertThatThrownBy(() -> b.link(x, y, -5))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency of link a.x <-> c.y is -5 ns");
        final Hub hub = b.hub("switch");
        assertThatThrownBy(() -> b.attach(x, hub, -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attachment of a.x to Hub['switch']");
    }

    @Test
    void aVTaskInNoScopeIsRejectedAtBuild()
    {
        b.scope("s", 0, a);
        b.horizon(1_000);
        assertThatThrownBy(b::build)
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("vtask 'c' is in no scope");
    }

    @Test
    void anEndpointConnectedTwiceIsRejected()
    {
        final Endpoint x = b.endpoint(a, "x");
        final Endpoint y = b.endpoint(c, "y");
        final Endpoint z = b.endpoint(c, "z");
        b.link(x, y, 10);
        assertThatThrownBy(() -> b.link(x, z, 10))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("endpoint a.x is already connected (linked to c.y)");
        final Hub hub = b.hub("h");
        assertThatThrownBy(() -> b.attach(y, hub, 1))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("endpoint c.y is already connected");
    }

    @Test
    void unknownEndpointsAndVTasksFromAnotherBuilderAreRejected()
    {
        final Simulation.Builder other = Simulation.builder();
        final VTask foreignTask = other.component("f", new Component() {});
        final Endpoint foreign = other.endpoint(foreignTask, "p");
        final Endpoint mine = b.endpoint(a, "x");
        assertThatThrownBy(() -> b.link(mine, foreign, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown endpoint f.p");
        assertThatThrownBy(() -> b.scope("s", 0, a, foreignTask))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown vtask");
    }

    @Test
    void aHorizonInThePastIsRejected()
    {
        assertThatThrownBy(() -> b.horizon(0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon 0 ns is not after the start");
        assertThatThrownBy(() -> b.horizon(-10)).isInstanceOf(IllegalArgumentException.class);
        b.scope("s", 0, a, c);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("no horizon set");
    }

    @Test
    void linkedVTasksMustShareAScope()
    {
        b.link(b.endpoint(a, "x"), b.endpoint(c, "y"), 10);
        b.scope("left", 0, a);
        b.scope("right", 0, c);
        assertThatThrownBy(() -> b.horizon(100).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("share no scope");
    }

    @Test
    void hubMembersMustShareAScope()
    {
        final Hub hub = b.hub("h");
        b.attach(b.endpoint(a, "x"), hub, 1);
        b.attach(b.endpoint(c, "y"), hub, 1);
        b.scope("left", 0, a);
        b.scope("right", 0, c);
        assertThatThrownBy(() -> b.horizon(100).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("attached to one hub");
    }

    @Test
    void zeroSkewWithASelfRunningMemberIsRejected()
    {
        final VTask cpu = b.selfRunning("cpu", control -> { });
        assertThatThrownBy(() -> b.scope("s", 0, a, cpu))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("self-running vtask 'cpu'");
    }

    @Test
    void otherInvalidSettingsAreRejected()
    {
        assertThatThrownBy(() -> b.workers(0)).hasMessageContaining("workers is 0");
        assertThatThrownBy(() -> b.watchdog(Duration.ZERO, FaultPolicy.FAIL)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> b.component("a", new Component() {})).hasMessageContaining("named 'a' already exists");
        assertThatThrownBy(() -> b.scope("s", 0)).hasMessageContaining("has no members");
        assertThatThrownBy(() -> b.scope("s", 0, a, a)).hasMessageContaining("listed twice");
        b.endpoint(a, "x");
        assertThatThrownBy(() -> b.endpoint(a, "x")).hasMessageContaining("already has an endpoint named 'x'");
        assertThatThrownBy(() -> Simulation.builder().horizon(5).build()).hasMessageContaining("no vtask");
    }

    @Test
    void aValidSimulationBuildsAndTheBuilderIsThenClosed()
    {
        b.scope("s", 0, a, c);
        final Simulation sim = b.horizon(100).build();
        assertThat(sim.spec().vtasks()).hasSize(2);
        assertThat(sim.spec().horizonNanos()).isEqualTo(100);
        assertThatThrownBy(() -> b.component("late", new Component() {})).hasMessageContaining("already built");
    }
}
