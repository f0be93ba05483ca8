package org.livestack.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON and CSV forms of a run report parse back to the report's numbers. */
class RunReportsTest
{
    private static RunReport report()
    {
        final Map<String, String> details = new LinkedHashMap<>();
        details.put("console", "line 1\nsaid \"hi\"\t\\ done\u0001");
        details.put("exit", "status 0");
        final Simulation.Builder b = Simulation.builder();
        final VTask a = b.component("client, the first", new Component()
        {
        });
        return new RunReport(1_000_000, 2_500_000, 2,
            List.of(new RunReport.VTaskStats(a.name(), VTask.Kind.ACTOR, VTaskState.DONE, 999_000, 42, 7, 6),
                new RunReport.VTaskStats("host", VTask.Kind.SELF_RUNNING, VTaskState.BLOCKED, 1_000_000, 3, 1, 2, details)),
            List.of(new RunReport.ScopeStats("rack", 20_000, 19_500)), 1, 17, 8, 7, 1, 0, List.of("x isolated: \"boom\""));
    }

    @Test
    void jsonParsesBackToTheReport() throws Exception
    {
        final RunReport r = report();
        final JsonNode j = new ObjectMapper().readTree(RunReports.json(r));
        assertThat(j.get("schema").asText()).isEqualTo(RunReports.SCHEMA);
        assertThat(j.get("virtualTimeNanos").asLong()).isEqualTo(1_000_000);
        assertThat(j.get("slowdown").asDouble()).isEqualTo(2.5);
        assertThat(j.get("events").asLong()).isEqualTo(r.totalEvents());
        assertThat(j.at("/messages/sent").asLong()).isEqualTo(8);
        assertThat(j.at("/messages/inFlight").asLong()).isEqualTo(1);
        assertThat(j.at("/late/maxLatenessNanos").asLong()).isEqualTo(17);
        assertThat(j.at("/faults/0").asText()).isEqualTo("x isolated: \"boom\"");
        assertThat(j.at("/scopes/0/name").asText()).isEqualTo("rack");
        assertThat(j.at("/scopes/0/maxSkewNanos").asLong()).isEqualTo(19_500);
        assertThat(j.at("/vtasks/0/name").asText()).isEqualTo("client, the first");
        assertThat(j.at("/vtasks/1/kind").asText()).isEqualTo("SELF_RUNNING");
        assertThat(j.at("/vtasks/1/details/console").asText()).isEqualTo("line 1\nsaid \"hi\"\t\\ done\u0001");
        assertThat(j.at("/vtasks/1/details").fieldNames()).toIterable().containsExactly("console", "exit");
    }

    @Test
    void csvTablesQuoteWhereNeededAndWriteNextToTheJson(@TempDir final Path dir) throws Exception
    {
        final RunReport r = report();
        assertThat(RunReports.vtasksCsv(r).split("\r\n")).containsExactly("name,kind,state,vtime_ns,events,sent,received",
            "\"client, the first\",ACTOR,DONE,999000,42,7,6", "host,SELF_RUNNING,BLOCKED,1000000,3,1,2");
        assertThat(RunReports.scopesCsv(r).split("\r\n")).containsExactly("name,skew_bound_ns,max_skew_ns", "rack,20000,19500");
        final Path json = RunReports.write(r, dir.resolve("reports"), "run1");
        assertThat(json).hasFileName("run1.json").exists();
        assertThat(Files.readString(dir.resolve("reports/run1-vtasks.csv"))).isEqualTo(RunReports.vtasksCsv(r));
        assertThat(Files.readString(dir.resolve("reports/run1-scopes.csv"))).isEqualTo(RunReports.scopesCsv(r));
        assertThatThrownBy(() -> RunReports.write(r, dir, "../escape")).hasMessageContaining("plain, non-empty file name");
    }
}
