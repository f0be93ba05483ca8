package org.livestack.examples.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.LinkModel;
import org.livestack.api.Message;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.runtime.junit.LiveStackExtension;
import org.livestack.runtime.junit.SimulationHarness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livestack.runtime.junit.LiveStackAssertions.assertThatVirtualTime;

/**
 * An experiment as a JUnit test: sweep a link's bandwidth; a burst of 100 full-size Ethernet frames
 * sent at once arrives one serialization time apart, the last after the latency plus 100 of them.
 */
@ExtendWith(LiveStackExtension.class)
class BandwidthSweepTest
{
    private static final int FRAMES = 100;
    private static final int FRAME = 1_500;
    private static final long LATENCY = 2_000;

    @ParameterizedTest(name = "{0} Gb/s")
    @ValueSource(longs = {1, 10, 100})
    void aBurstArrivesAtTheLinkRate(final long gigabits, final SimulationHarness h)
    {
        final List<Long> arrivals = new ArrayList<>();
        final Simulation.Builder b = h.builder();
        final Endpoint[] out = new Endpoint[1];
        final VTask sender = b.component("sender", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                for (int i = 0; i < FRAMES; i++)
                {
                    ctx.send(out[0], 1, new byte[FRAME]);
                }
            }
        });
        final VTask receiver = b.component("receiver", new Component()
        {
            @Override
            public void onMessage(final ComponentContext ctx, final Message m)
            {
                arrivals.add(ctx.now());
            }
        });
        out[0] = b.endpoint(sender, "eth");
        b.link(out[0], b.endpoint(receiver, "eth"), LinkModel.latency(LATENCY).bandwidth(gigabits * 1_000_000_000L));
        b.scope("lan", LATENCY, sender, receiver);
        h.run(b.horizon(10_000_000).workers(2));

        final double serialization = FRAME * 8.0 / gigabits; // ns per frame
        assertThat(arrivals).hasSize(FRAMES);
        assertThatVirtualTime(arrivals.get(FRAMES - 1))
            .isWithin(1, TimeUnit.NANOSECONDS, LATENCY + Math.round(FRAMES * serialization));
        for (int i = 1; i < FRAMES; i++)
        {
            assertThat((double)(arrivals.get(i) - arrivals.get(i - 1))).isCloseTo(serialization, org.assertj.core.api.Assertions.within(1.0));
        }
    }
}
