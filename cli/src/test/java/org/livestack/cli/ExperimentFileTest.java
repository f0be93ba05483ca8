package org.livestack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.livestack.api.RunReport;

class ExperimentFileTest
{
    private static final Path RESOURCES = Path.of("src", "test", "resources");

    static Stream<Path> badFiles() throws IOException
    {
        final List<Path> files;
        try (Stream<Path> s = Files.list(RESOURCES.resolve("bad")))
        {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        return files.stream();
    }

    /** Each bad file's first line says which field is wrong; the error must name exactly that path. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void malformedFilesAreRejectedNamingTheField(final Path file) throws IOException
    {
        final String first = Files.readAllLines(file).get(0);
        assertThat(first).startsWith("# expect: ");
        final String expected = first.substring("# expect: ".length()).trim();
        assertThatThrownBy(() -> Experiment.load(file))
            .isInstanceOf(ExperimentException.class)
            .satisfies(e ->
            {
                final ExperimentException x = (ExperimentException)e;
                assertThat(x.path()).as(x.getMessage()).isEqualTo(expected);
                assertThat(x.getMessage()).startsWith(file.toString()).contains(expected);
            });
    }

    @Test
    void messagesSayWhatWasExpected()
    {
        assertThatThrownBy(() -> Experiment.load(RESOURCES.resolve("bad/negative-latency.yaml")))
            .hasMessageContaining("hubs[0].ports.latency: must not be negative");
        assertThatThrownBy(() -> Experiment.load(RESOURCES.resolve("bad/unknown-target.yaml")))
            .hasMessageContaining("no component named 'sever'");
        assertThatThrownBy(() -> Experiment.load(RESOURCES.resolve("bad/corrupt-image.yaml")))
            .hasMessageContaining("not-an-image.elf").hasMessageContaining("ELF");
        assertThatThrownBy(() -> Experiment.load(RESOURCES.resolve("bad/not-yaml.yaml")))
            .hasMessageContaining("not valid YAML at line");
        assertThatThrownBy(() -> Experiment.load(RESOURCES.resolve("bad/unknown-top-field.yaml")))
            .hasMessageContaining("unknown field (expected one of");
        assertThatThrownBy(() -> Experiment.load(RESOURCES.resolve("missing.yaml"))).hasMessageContaining("no such file");
    }

    @Test
    void aSweepIsTheProductOfItsAxesLastAxisFastest(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, Files.readString(RESOURCES.resolve("good.yaml")) +
            "sweep:\n  scopes.all.skew: [0ns, 1us]\n  components.client.mean-gap: [5us, 10us, 20us]\n");
        final Experiment e = Experiment.load(file);
        final List<Experiment.Point> points = e.points();
        assertThat(points).hasSize(6);
        // --set on a swept field fixes it: the other axis remains
        final Experiment fixed = e.with(Map.of("scopes.all.skew", "500ns"));
        assertThat(fixed.axes()).containsOnlyKeys("components.client.mean-gap");
        assertThat(fixed.points()).hasSize(3);
        assertThat(fixed.points().get(0).build().simulation().run().scope("all").skewNanos()).isEqualTo(500);
        assertThat(points.get(0).label()).isEqualTo("t-0");
        assertThat(points.get(0).values()).isEqualTo(Map.of("scopes.all.skew", "0ns", "components.client.mean-gap", "5us"));
        assertThat(points.get(1).values()).containsEntry("components.client.mean-gap", "10us");
        assertThat(points.get(5).values()).containsEntry("scopes.all.skew", "1us").containsEntry("components.client.mean-gap", "20us");
        // the value really reaches the model: a slower source sends fewer requests in the same horizon
        final RunReport fast = points.get(0).build().simulation().run();
        final RunReport slow = points.get(2).build().simulation().run();
        assertThat(slow.vtask("client").sent()).isLessThan(fast.vtask("client").sent() * 2 / 3);
        assertThat(fast.scope("all").skewNanos()).isZero();
        assertThat(points.get(3).build().simulation().run().scope("all").skewNanos()).isEqualTo(1_000);
    }

    @Test
    void aRunReachesTheHorizonWithModelStatisticsAndATimeline()
    {
        final Experiment e = Experiment.load(RESOURCES.resolve("good.yaml"));
        final RunReport r = e.points().get(0).build().simulation().run();
        assertThat(r.virtualTimeNanos()).isEqualTo(1_000_000);
        assertThat(r.lateDeliveries()).isZero();
        // 1 ms at one request per 5 us: about 200 requests, each answered through the switch
        assertThat(r.vtask("client").sent()).isBetween(150L, 250L);
        assertThat(r.vtask("server").details()).containsKeys("served", "mean response ns");
        assertThat(Long.parseLong(r.vtask("server").details().get("served"))).isBetween(r.vtask("client").sent() - 2,
            r.vtask("client").sent());
        assertThat(r.timeline().samples()).isNotEmpty();
        assertThat(r.timeline().links()).extracting(l -> l.from() + ">" + l.to())
            .contains("client.eth>server.eth", "server.eth>client.eth");
        // client -> switch -> server: two 1 us ports
        assertThat(r.timeline().links().stream().filter(l -> l.from().equals("client.eth")).findFirst().orElseThrow()
            .minNanos()).isEqualTo(2_000);
    }

    @Test
    void jsonFilesAndOverridesWork(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("t.json");
        Files.writeString(file, """
            {"name": "j", "horizon": "100us",
             "components": [{"name": "a", "model": "station", "service": {"constant": "1us"}},
                            {"name": "c", "model": "poisson", "mean-gap": "10us", "targets": ["a"]}],
             "links": [{"between": ["c", "a"], "latency": "1us"}],
             "scopes": [{"name": "s", "skew": 0, "members": ["a", "c"]}]}
            """);
        final Experiment e = Experiment.load(file).with(Map.of("horizon", "300us"));
        assertThat(e.points().get(0).build().simulation().run().virtualTimeNanos()).isEqualTo(300_000);
        assertThatThrownBy(() -> Experiment.load(file).with(Map.of("scopes.s.skew", "-1ns")))
            .isInstanceOf(ExperimentException.class).hasMessageContaining("scopes[0].skew");
    }

    @Test
    void theCommandLineWritesReportsAndASweepTable(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("cli.yaml");
        Files.writeString(file, Files.readString(RESOURCES.resolve("good.yaml")) +
            "sweep:\n  scopes.all.skew: [0ns, 1us]\nsummary: [server.served]\n");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = Main.run(new String[] {"--quiet", "--out", dir.resolve("out").toString(), file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        for (final String f : List.of("t-0.json", "t-0.html", "t-0-vtasks.csv", "t-0-scopes.csv", "t-1.json", "t-sweep.csv"))
        {
            assertThat(dir.resolve("out").resolve(f)).isRegularFile();
        }
        final List<String> table = Files.readAllLines(dir.resolve("out/t-sweep.csv"));
        assertThat(table).hasSize(3);
        assertThat(table.get(0)).startsWith("run,scopes.all.skew,virtual_time_ns").endsWith("server.served");
        assertThat(table.get(1)).startsWith("t-0,0ns,1000000,");
        assertThat(table.get(2)).startsWith("t-1,1us,1000000,");
        final String served = table.get(1).substring(table.get(1).lastIndexOf(',') + 1);
        assertThat(Long.parseLong(served)).isPositive();
    }

    @Test
    void theCommandLineRejectsBadInputWithStatus2()
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        final PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {RESOURCES.resolve("bad/zero-count.yaml").toString()}, o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("components[0].count: must be in [1, 100000], found 0");
        assertThat(Main.run(new String[] {}, o, e)).isEqualTo(2);
        assertThat(Main.run(new String[] {"--bogus", "x.yaml"}, o, e)).isEqualTo(2);
        assertThat(Main.run(new String[] {"--check", RESOURCES.resolve("good.yaml").toString()}, o, e)).isZero();
    }

    /** Live hosts from a file, several instances of one: each instance gets its own NIC and peers. */
    @Test
    void liveHostInstancesAreWiredEachToItsOwnEndpoint()
    {
        final org.livestack.kvm.KvmCapabilities kvm = org.livestack.kvm.KvmCapabilities.probe();
        org.junit.jupiter.api.Assumptions.assumeTrue(kvm.available(), "live hosts need /dev/kvm: " + kvm.reason());
        final Experiment e = Experiment.parse("live2.yaml", RESOURCES, """
            name: live2
            horizon: 1s
            hubs: [{name: sw, ports: {latency: 20us}}]
            components:
              - {name: client, count: 2, attach: sw, live: {image: rpc_client, args: [0, 3, 64, 10us], peers: [server]}}
              - {name: server, attach: sw, live: {image: rpc_server, args: [6, 10], peers: [client]}}
            scopes: [{name: all, skew: 20us, members: [client, server, sw]}]
            """, false);
        final RunReport r = e.points().get(0).build().simulation().run();
        for (final String client : List.of("client-0", "client-1"))
        {
            assertThat(r.vtask(client).details().get("console")).as(client).contains("rtt 2 ");
            assertThat(r.vtask(client).details().get("exit")).as(client).isEqualTo("status 0");
        }
        assertThat(r.vtask("server").details().get("exit")).isEqualTo("status 0");
        assertThat(r.lateDeliveries()).isZero();
    }
}
