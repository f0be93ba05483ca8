package org.livestack.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.api.stats.Tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each model against what its parameters promise, and bad parameters rejected by name. */
class ModelsTest
{
    private static final long LINK = 100;

    /** Sends scripted requests (time, size, work) and records each reply's response time. */
    private static final class Client implements Component
    {
        final long[][] script;
        final Tally response = new Tally("response");
        final List<Long> replies = new ArrayList<>();
        Endpoint port;
        Endpoint server;

        Client(final long[]... script)
        {
            this.script = script;
        }

        @Override
        public void onStart(final ComponentContext ctx)
        {
            for (int i = 0; i < script.length; i++)
            {
                ctx.schedule(script[i][0], i);
            }
        }

        @Override
        public void onEvent(final ComponentContext ctx, final long id, final Object payload)
        {
            final long[] s = script[(Integer)payload];
            ctx.send(port, server, Jobs.REQUEST, Jobs.request(ctx.now(), s[1], s[2]));
        }

        @Override
        public void onMessage(final ComponentContext ctx, final Message m)
        {
            if (m.type() == Jobs.REPLY)
            {
                response.add(ctx.now() - Jobs.issuedAt(m));
                replies.add(ctx.now() - Jobs.issuedAt(m) - 2 * LINK);
            }
        }
    }

    private static void run(final Client client, final Component server, final long horizon)
    {
        runPair(client, server, (c, s) ->
        {
            client.port = c;
            client.server = s;
        }, horizon, 5);
    }

    /** Links {@code source} to {@code server}, tells the source both endpoints, and runs on one worker. */
    private static void runPair(final Component source, final Component server, final BiConsumer<Endpoint, Endpoint> connect,
        final long horizon, final long seed)
    {
        final Simulation.Builder b = Simulation.builder();
        final VTask c = b.component("source", source);
        final VTask s = b.component("server", server);
        final Endpoint cp = b.endpoint(c, "p");
        final Endpoint sp = b.endpoint(s, "p");
        b.link(cp, sp, LINK);
        connect.accept(cp, sp);
        b.scope("s", LINK, c, s);
        b.horizon(horizon).seed(seed).workers(1).build().run();
    }

    @Test
    void diskChargesAccessThenTransfersOverOneChannelWithinItsQueueDepth()
    {
        // 4 reads of 1 MB at t = 0 on a disk with 100 us access, depth 2, 1 GB/s (1 ms per MB):
        // slots: r0, r1 start at 0; transfers 100 us .. 1.1 ms and 1.1 .. 2.1 ms; r2 starts at 1.1 ms,
        // its transfer waits for the channel until 2.1 ms, ends 3.1 ms; r3 starts at 2.1 ms, ends 4.1 ms
        final Client c = new Client(new long[] {0, 1_000_000, 0}, new long[] {0, 1_000_000, 0}, new long[] {0, 1_000_000, 0},
            new long[] {0, 1_000_000, 0});
        final Disk disk = new Disk(Distribution.constant(100_000), 2, 1e9);
        run(c, disk, 100_000_000);
        assertThat(c.replies).containsExactly(1_100_000L, 2_100_000L, 3_100_000L, 4_100_000L);
        assertThat(disk.bytes()).isEqualTo(4_000_000);
        assertThatThrownBy(() -> new Disk(Distribution.constant(1), 0, 1e9)).hasMessageContaining("queue depth 0");
        assertThatThrownBy(() -> new Disk(Distribution.constant(1), 1, -5)).hasMessageContaining("bandwidth -5.0");
    }

    @Test
    void memoryTierAddsLatencyAndCapsBandwidth()
    {
        // 64 B accesses at 1 GB/s (64 ns on the link) plus 300 ns: back to back, the k-th waits k x 64 ns
        final long[][] script = new long[10][];
        for (int i = 0; i < script.length; i++)
        {
            script[i] = new long[] {0, 64, 0};
        }
        final Client c = new Client(script);
        run(c, new MemoryTier(300, 1e9), 1_000_000);
        for (int k = 0; k < 10; k++)
        {
            assertThat(c.replies.get(k)).isEqualTo((k + 1) * 64L + 300);
        }
        assertThatThrownBy(() -> new MemoryTier(-1, 1e9)).hasMessageContaining("latency -1");
    }

    @Test
    void cpuSharesItsCoresAndScalesWorkBySpeed()
    {
        // two requests of 1 ms work on one core at speed 2 arriving together: shared, each at half
        // speed, both finish at 1 ms (not 0.5 and 1 ms as FIFO would)
        final Client c = new Client(new long[] {0, 0, 1_000_000}, new long[] {0, 0, 1_000_000});
        run(c, CpuModel.create(1, 2.0), 10_000_000);
        assertThat(c.replies).containsExactly(1_000_000L, 1_000_000L);
        // two cores: no sharing, 0.5 ms each
        final Client d = new Client(new long[] {0, 0, 1_000_000}, new long[] {0, 0, 1_000_000});
        run(d, CpuModel.create(2, 2.0), 10_000_000);
        assertThat(d.replies).containsExactly(500_000L, 500_000L);
        assertThatThrownBy(() -> CpuModel.create(0, 1)).hasMessageContaining("at least one server, got 0");
        assertThatThrownBy(() -> CpuModel.create(1, 0)).hasMessageContaining("speed factor 0.0");
    }

    @Test
    void acceleratorChargesSetupPlusSizeOverThroughputInArrivalOrder()
    {
        // one engine, 5 us setup, 10 GB/s: 100 kB takes 5 + 10 us; the second queues behind the first
        final Client c = new Client(new long[] {0, 100_000, 0}, new long[] {0, 100_000, 0});
        run(c, Accelerator.create(1, Distribution.constant(5_000), 1e10), 10_000_000);
        assertThat(c.replies).containsExactly(15_000L, 30_000L);
        assertThatThrownBy(() -> Accelerator.create(1, Distribution.constant(1), 0)).hasMessageContaining("throughput 0.0");
    }

    @Test
    void nicCoalescesInterruptsByCountOrDelay()
    {
        // host A -> NIC A -> wire (1 us) -> NIC B -> host B. DMA 1 us + 1 ns/B; NIC B interrupts every
        // 4 frames or 20 us after the first held one
        final Simulation.Builder b = Simulation.builder();
        final List<Long> arrivals = new ArrayList<>();
        final Endpoint[] out = new Endpoint[1];
        final Component sender = new Component()
        {
            @Override
            public void onStart(final ComponentContext ctx)
            {
                for (int i = 0; i < 6; i++)
                {
                    ctx.schedule(i * 2_000L, null);
                }
            }

            @Override
            public void onEvent(final ComponentContext ctx, final long id, final Object payload)
            {
                ctx.send(out[0], 9, new byte[1_000]);
            }
        };
        final Component receiver = new Component()
        {
            @Override
            public void onMessage(final ComponentContext ctx, final Message m)
            {
                arrivals.add(ctx.now());
            }
        };
        final VTask ha = b.component("hostA", sender);
        final VTask hb = b.component("hostB", receiver);
        final Nic nicA = new Nic(1_000, 1e9, 1, 0);
        final Nic nicB = new Nic(1_000, 1e9, 4, 20_000);
        final VTask na = b.component("nicA", nicA);
        final VTask nb = b.component("nicB", nicB);
        final Endpoint pa = b.endpoint(ha, "eth");
        out[0] = pa;
        final Endpoint pb = b.endpoint(hb, "eth");
        final Endpoint naHost = b.endpoint(na, "host");
        final Endpoint naWire = b.endpoint(na, "wire");
        final Endpoint nbHost = b.endpoint(nb, "host");
        final Endpoint nbWire = b.endpoint(nb, "wire");
        nicA.connect(naHost, naWire);
        nicB.connect(nbHost, nbWire);
        b.link(pa, naHost, 10).link(naWire, nbWire, 1_000).link(nbHost, pb, 10);
        b.scope("all", 10, ha, hb, na, nb);
        b.horizon(1_000_000).workers(1).build().run();
        // frame i leaves host A at 2i us, NIC A DMA done 2i + 2.01 us, NIC B receives 2i + 3.01 us,
        // its DMA done at 2i + 5.01 us; frames 0..3 raise one interrupt when the 4th is in (11.01 us),
        // frames 4, 5 wait for the 20 us timer started by frame 4 (13.01 + 20 us)
        assertThat(nicB.interrupts()).isEqualTo(2);
        assertThat(arrivals).hasSize(6);
        assertThat(arrivals.subList(0, 4)).containsOnly(11_020L);
        assertThat(arrivals.subList(4, 6)).containsOnly(33_020L);
        // in NIC B from the wire to the host: frame 3 only its DMA (2 us), frame 4 DMA + the 20 us timer
        assertThat(nicB.rxDelay().min()).isEqualTo(2_000);
        assertThat(nicB.rxDelay().max()).isEqualTo(22_000);
        assertThatThrownBy(() -> new Nic(0, 1e9, 0, 0)).hasMessageContaining("coalescing of 0 frames");
    }

    @Test
    void closedLoopThroughputFollowsTheInteractiveResponseLaw()
    {
        // N = 5 clients, think 10 us, a FIFO server of 2 us: X = N / (R + Z)
        final ClosedLoopClients clients = new ClosedLoopClients(5, Distribution.exponential(10_000), Distribution.constant(0),
            Distribution.constant(0));
        final long horizon = 200_000_000;
        runPair(clients, Station.fifo(1, Distribution.exponential(2_000)), clients::connect, horizon, 3);
        final double throughput = clients.response().count() / (double)horizon;
        final double law = 5 / (clients.response().mean() + 10_000);
        assertThat(throughput).isCloseTo(law, within(law * 0.02));
        assertThatThrownBy(() -> new ClosedLoopClients(0, Distribution.constant(1), Distribution.constant(1),
            Distribution.constant(1))).hasMessageContaining("at least one client, got 0");
    }

    @Test
    void onOffSourceSendsOnlyWhileOn()
    {
        final OnOffSource src = new OnOffSource(Distribution.exponential(100_000), Distribution.exponential(300_000),
            Distribution.exponential(1_000), Distribution.constant(64));
        final long horizon = 400_000_000;
        runPair(src, Station.fifo(64, Distribution.constant(1)), src::connect, horizon, 4);
        // ON a quarter of the time, one request per us while ON
        assertThat((double)src.onNanos() / horizon).isCloseTo(0.25, within(0.03));
        assertThat((double)src.sent() / src.onNanos() * 1_000).isCloseTo(1.0, within(0.03));
        assertThatThrownBy(() -> new OnOffSource(Distribution.constant(1), Distribution.constant(1), Distribution.constant(0),
            Distribution.constant(1))).hasMessageContaining("mean gap 0.0");
    }

    @Test
    void traceReplayIssuesEachRecordAtItsTime(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("trace.txt");
        Files.writeString(file, "# time size server\n1000 64 0\n1000 128 0\n5000 4096 0  # a bigger one\n");
        final TraceReplay replay = TraceReplay.load(file);
        final MemoryTier memory = new MemoryTier(0, 1e9);
        final Endpoint[] ends = new Endpoint[2];
        runPair(replay, memory, (c, s) ->
        {
            ends[0] = c;
            ends[1] = s;
            replay.connect(c, List.of(s));
        }, 1_000_000, 42);
        assertThat(replay.replayed()).isEqualTo(3);
        assertThat(memory.bytes()).isEqualTo(64 + 128 + 4096);
        // responses: 64 ns, 64 + 128 ns (queued behind the first), 4096 ns, each plus two link crossings
        assertThat(replay.response().min()).isEqualTo(64 + 2 * LINK);
        assertThat(replay.response().max()).isEqualTo(4096 + 2 * LINK);

        Files.writeString(file, "1000 64 0\n900 64 0\n");
        assertThatThrownBy(() -> TraceReplay.load(file)).hasMessageContaining(file.toString())
            .hasMessageContaining("times must not decrease");
        Files.writeString(file, "1000 sixty-four 0\n");
        assertThatThrownBy(() -> TraceReplay.load(file)).hasMessageContaining(file + ":1")
            .hasMessageContaining("is not 'time_ns size_bytes server_index'");
        assertThatThrownBy(() -> new TraceReplay(List.of(new TraceReplay.Entry(0, 1, 3))).connect(ends[0], List.of(ends[1])))
            .hasMessageContaining("names server 3 but only 1 are connected");
    }

    @Test
    void distributionsHaveTheirMeansAndRejectBadParameters()
    {
        final java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (final Distribution d : List.of(Distribution.exponential(500), Distribution.uniform(100, 900), Distribution.erlang(4, 500),
            Distribution.logNormal(500, 300), Distribution.empirical(200, 500, 800), Distribution.constant(500)))
        {
            final Tally t = new Tally(d.toString());
            for (int i = 0; i < 200_000; i++)
            {
                t.add(d.sample(r));
            }
            assertThat(t.mean()).as(d.toString()).isCloseTo(500, within(5.0));
            assertThat(t.min()).as(d.toString()).isGreaterThanOrEqualTo(0);
        }
        assertThatThrownBy(() -> Distribution.exponential(-2)).hasMessageContaining("exponential mean -2.0 must be finite and > 0");
        assertThatThrownBy(() -> Distribution.exponential(0)).hasMessageContaining("a rate must be positive");
        assertThatThrownBy(() -> Distribution.uniform(5, 1)).hasMessageContaining("uniform bounds [5.0, 1.0]");
        assertThatThrownBy(() -> Distribution.erlang(0, 1)).hasMessageContaining("Erlang shape k = 0");
        assertThatThrownBy(() -> Distribution.logNormal(1, -1)).hasMessageContaining("standard deviation -1.0");
        assertThatThrownBy(() -> Distribution.empirical()).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> Distribution.empirical(1, -3)).hasMessageContaining("empirical value [1] = -3.0");
        assertThatThrownBy(() -> Distribution.constant(Double.NaN)).hasMessageContaining("constant value NaN");
        assertThatThrownBy(() -> Station.fifo(0, Distribution.constant(1))).hasMessageContaining("at least one server, got 0");
        assertThatThrownBy(() -> new Station(1, Station.Discipline.FIFO, (m, rnd) -> 1, -1)).hasMessageContaining("speed factor -1.0");
    }
}
