package org.livestack.runtime.ipc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadRegionTest
{
    @Test
    void handsOutEachSlotOnceUntilReleased()
    {
        final PayloadRegion r = new PayloadRegion(1024, 4);
        final Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 4; i++)
        {
            slots.add(r.acquire());
        }
        assertThat(slots).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(r.acquire()).isEqualTo(-1);
        r.release(2);
        assertThat(r.acquire()).isEqualTo(2);
        assertThat(r.offset(3)).isEqualTo(3072);
        assertThat(r.slotOf(3072)).isEqualTo(3);
    }

    @Test
    void concurrentAcquireAndReleaseNeverShareASlot() throws Exception
    {
        final PayloadRegion r = new PayloadRegion(64, 8);
        final Set<Integer> held = ConcurrentHashMap.newKeySet();
        final List<Thread> threads = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final Thread th = new Thread(() ->
            {
                for (int i = 0; i < 200_000; i++)
                {
                    final int s = r.acquire();
                    if (s < 0)
                    {
                        continue;
                    }
                    if (!held.add(s))
                    {
                        synchronized (errors)
                        {
                            errors.add(new AssertionError("slot " + s + " handed out twice"));
                        }
                    }
                    held.remove(s);
                    r.release(s);
                }
            });
            threads.add(th);
            th.start();
        }
        for (final Thread th : threads)
        {
            th.join();
        }
        assertThat(errors).isEmpty();
        final Set<Integer> all = new HashSet<>();
        int s;
        while ((s = r.acquire()) >= 0)
        {
            all.add(s);
        }
        assertThat(all).hasSize(8);
    }

    @Test
    void badGeometryIsRejected()
    {
        assertThatThrownBy(() -> new PayloadRegion(1000, 4)).hasMessageContaining("power of two");
    }
}
