package org.livestack.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The timeline's buckets, its JSON form, and the HTML page built from it. */
class TimelineReportTest
{
    @Test
    void bucketsAreExactBelowEightThenEightPerPowerOfTwo()
    {
        for (long v = 0; v < 8; v++)
        {
            assertThat(Timeline.bucketLow(Timeline.bucket(v))).isEqualTo(v);
        }
        assertThat(Timeline.bucket(8)).isEqualTo(8);
        assertThat(Timeline.bucketLow(Timeline.bucket(500))).isEqualTo(480);
        assertThat(Timeline.bucketLow(Timeline.bucket(512))).isEqualTo(512);
        long previous = -1;
        for (int i = 0; i < 400; i++)
        {
            final long low = Timeline.bucketLow(i);
            assertThat(low).isGreaterThan(previous);
            assertThat(Timeline.bucket(low)).isEqualTo(i);
            if (low > 8)
            {
                assertThat(Timeline.bucket(low - 1)).isEqualTo(i - 1);
            }
            previous = low;
        }
    }

    private static RunReport report()
    {
        final Timeline t = new Timeline(List.of("a<b", "host"), List.of("rack"),
            List.of(new Timeline.Sample(0, new long[] {0, 0}, new long[] {0}),
                new Timeline.Sample(2_000_000, new long[] {900_000, 1_000_000}, new long[] {400})),
            List.of(new Timeline.LinkLatency("a<b.eth", "host.eth", 3, 1_000, 1_300, 1_100, new long[] {960, 1_280},
                new long[] {2, 1})),
            List.of(new Timeline.Delivery("a<b.eth", "host.eth", "a<b", "host", 0, 1_000, 1, 64)));
        return new RunReport(1_000_000, 2_000_000, 1,
            List.of(new RunReport.VTaskStats("a<b", VTask.Kind.ACTOR, VTaskState.RUNNABLE, 900_000, 3, 3, 0),
                new RunReport.VTaskStats("host", VTask.Kind.SELF_RUNNING, VTaskState.DONE, 1_000_000, 5, 0, 3)),
            List.of(new RunReport.ScopeStats("rack", 500, 450)), 0, 0, 3, 3, 0, 0, List.of(), t);
    }

    @Test
    void theTimelineIsInTheJson() throws Exception
    {
        final JsonNode j = new ObjectMapper().readTree(RunReports.json(report()));
        assertThat(j.at("/timeline/vtasks/0").asText()).isEqualTo("a<b");
        assertThat(j.at("/timeline/samples/1/vtimes/1").asLong()).isEqualTo(1_000_000);
        assertThat(j.at("/timeline/samples/1/skews/0").asLong()).isEqualTo(400);
        assertThat(j.at("/timeline/links/0/buckets/1/0").asLong()).isEqualTo(1_280);
        assertThat(j.at("/timeline/links/0/buckets/1/1").asLong()).isEqualTo(1);
        assertThat(j.at("/timeline/sequence/0/visibleTime").asLong()).isEqualTo(1_000);
        final RunReport plain = new RunReport(1, 1, 1, List.of(), List.of(), 0, 0, 0, 0, 0, 0, List.of());
        assertThat(new ObjectMapper().readTree(RunReports.json(plain)).has("timeline")).isFalse();
    }

    @Test
    void theHtmlPageIsSelfContainedEscapedAndPlotsEachPart()
    {
        final String html = RunReports.html(report(), "t & <x>");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>t &amp; &lt;x&gt; - LiveStack run report</title>");
        assertThat(html).doesNotContain("<script", "<link", "src=", "url(http");
        assertThat(html).contains("data-plot=\"vtime-vs-wall\"", "data-plot=\"skew\"", "data-plot=\"latency\"",
            "data-plot=\"sequence\"");
        assertThat(html).contains("data-vtask=\"a&lt;b\"").doesNotContain("data-vtask=\"a<b\"");
        // the live host's series comes first
        assertThat(html.indexOf("data-vtask=\"host\"")).isLessThan(html.indexOf("data-vtask=\"a&lt;b\""));
        assertThat(html).contains("data-scope=\"rack\" data-bound=\"500\" data-max=\"400\"");
        assertThat(html).contains("data-low=\"960\" data-count=\"2\"", "data-low=\"1280\" data-count=\"1\"");
        assertThat(html).contains("data-send=\"0\" data-visible=\"1000\"");
        final String none = RunReports.html(new RunReport(1, 1, 1, List.of(), List.of(), 0, 0, 0, 0, 0, 0, List.of()), "x");
        assertThat(none).contains("No timeline was recorded").doesNotContain("<svg");
    }
}
