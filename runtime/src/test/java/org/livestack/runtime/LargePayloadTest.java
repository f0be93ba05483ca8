package org.livestack.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Payloads above the inline limit cross threads through the payload region, intact; too large ones are rejected. */
class LargePayloadTest
{
    private static byte[] pattern(final int length, final int seed)
    {
        final byte[] b = new byte[length];
        for (int i = 0; i < length; i++)
        {
            b[i] = (byte)(i * 31 + seed);
        }
        return b;
    }

    @Test
    void largePayloadsCrossWorkersByReferenceIntact()
    {
        final int[] sizes = {0, 100, Mailbox.INLINE_MAX, Mailbox.INLINE_MAX + 1, 100_000, Message.MAX_PAYLOAD_LENGTH};
        final List<Boolean> intact = new ArrayList<>();
        final Simulation.Builder b = Simulation.builder();
        final Endpoint[] out = new Endpoint[1];
        final VTask sender = b.component("sender", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                for (int round = 0; round < 20; round++) // more than the region's slots: slots are reused
                {
                    for (int i = 0; i < sizes.length; i++)
                    {
                        ctx.send(out[0], i, pattern(sizes[i], round));
                    }
                    ctx.advance(1_000);
                }
            }
        });
        final VTask receiver = b.component("receiver", new Component()
        {
            @Override
            public void onMessage(final ComponentContext ctx, final Message m)
            {
                final byte[] got = new byte[m.length()];
                m.payload().get(got);
                final int round = (int)((m.sendTime()) / 1_000);
                intact.add(got.length == sizes[m.type()] && Arrays.equals(got, pattern(sizes[m.type()], round)));
            }
        });
        out[0] = b.endpoint(sender, "out");
        b.link(out[0], b.endpoint(receiver, "in"), 10);
        b.scope("s", 10, sender, receiver);
        final RunReport r = b.horizon(1_000_000).workers(2).build().run();
        assertThat(intact).hasSize(20 * sizes.length).containsOnly(true);
        assertThat(r.delivered()).isEqualTo(20L * sizes.length);
    }

    @Test
    void aPayloadOverTheMaximumIsRejectedNamingItsSize()
    {
        final Simulation.Builder b = Simulation.builder();
        final Endpoint[] out = new Endpoint[1];
        final VTask sender = b.component("sender", new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                ctx.send(out[0], 1, new byte[Message.MAX_PAYLOAD_LENGTH + 1]);
            }
        });
        final VTask receiver = b.component("receiver", new Component() {});
        out[0] = b.endpoint(sender, "out");
        b.link(out[0], b.endpoint(receiver, "in"), 10);
        b.scope("s", 10, sender, receiver);
        assertThatThrownBy(() -> b.horizon(1_000).workers(2).build().run())
            .rootCause().hasMessageContaining("payload of 1048577 bytes sent from sender.out exceeds the 1048576-byte maximum");
    }
}
