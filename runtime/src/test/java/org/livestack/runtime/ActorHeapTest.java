package org.livestack.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.livestack.api.Component;
import org.livestack.api.Simulation;

/** The worker's indexed heap against a sorted set, under random inserts, re-keys and removals. */
class ActorHeapTest
{
    @Test
    void minimumAndIndicesMatchASortedSetUnderRandomUpdates()
    {
        for (long seed = 1; seed <= 20; seed++)
        {
            final SplittableRandom r = new SplittableRandom(seed);
            final int n = 1 + r.nextInt(200);
            final Simulation.Builder b = Simulation.builder();
            final ActorVTask[] actors = new ActorVTask[n];
            for (int i = 0; i < n; i++)
            {
                actors[i] = new ActorVTask(b.component("a" + i, new Component()
                {
                }), null, new int[] {0}, 1);
            }
            final ActorHeap heap = new ActorHeap();
            final TreeSet<long[]> model = new TreeSet<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) :
                Long.compare(x[1], y[1]));
            final long[] keyOf = new long[n];
            java.util.Arrays.fill(keyOf, VirtualTime.INFINITY);
            for (int step = 0; step < 5_000; step++)
            {
                final int i = r.nextInt(n);
                // small key range: many ties, broken by id
                final long key = r.nextInt(10) == 0 ? VirtualTime.INFINITY : r.nextLong(50);
                if (keyOf[i] != VirtualTime.INFINITY)
                {
                    model.remove(new long[] {keyOf[i], actors[i].task.id()});
                }
                if (key != VirtualTime.INFINITY)
                {
                    model.add(new long[] {key, actors[i].task.id()});
                }
                keyOf[i] = key;
                heap.update(actors[i], key);
                assertThat(heap.size()).as("seed %d step %d", seed, step).isEqualTo(model.size());
                if (model.isEmpty())
                {
                    assertThat(heap.minKey()).isEqualTo(VirtualTime.INFINITY);
                    assertThat(heap.peek()).isNull();
                }
                else
                {
                    assertThat(heap.minKey()).as("seed %d step %d", seed, step).isEqualTo(model.first()[0]);
                    assertThat((long)heap.peek().task.id()).as("seed %d step %d", seed, step).isEqualTo(model.first()[1]);
                }
                assertThat(actors[i].heapKey).isEqualTo(key);
                assertThat(actors[i].heapIndex >= 0).isEqualTo(key != VirtualTime.INFINITY);
            }
        }
    }
}
