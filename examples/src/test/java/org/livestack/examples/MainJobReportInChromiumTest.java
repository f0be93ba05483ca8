package org.livestack.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.livestack.cli.Main;
import org.livestack.kvm.KvmCapabilities;

/**
 * The README's main job (the shipped experiment file) writes HTML reports; each one, opened in
 * headless Chromium, renders its plots, and the numbers in the rendered SVG elements are the JSON
 * report's: histogram bars = the link's buckets, the vtime series end at the last sample's vtimes,
 * each scope's skew series peaks at the samples' maximum and never above the bound, the sequence
 * arrows are the JSON's first messages. A screenshot shows the plots' ink.
 */
class MainJobReportInChromiumTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern SVG = Pattern.compile("<svg class=\"plot\"(.*?)</svg>", Pattern.DOTALL);
    private static final Pattern ATTR = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    @Test
    void theMainJobsHtmlReportsRenderTheirJsonNumbers() throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM + " (.ci/run installs it)");
        final KvmCapabilities caps = KvmCapabilities.probe();
        assumeTrue(caps.available(), "the main job has live hosts, which need /dev/kvm: " + caps.reason());
        final Path out = Path.of("target", "main-job-check");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = Main.run(new String[] {"--quiet", "--out", out.toString(), "experiments/rack.yaml"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        final ObjectMapper json = new ObjectMapper();
        for (final String run : List.of("rack-0", "rack-1", "rack-2"))
        {
            final JsonNode report = json.readTree(out.resolve(run + ".json").toFile());
            final String dom = chromium(out, "--dump-dom", out.resolve(run + ".html"));
            check(run, report, dom);
            final Path png = out.resolve(run + ".png").toAbsolutePath();
            chromium(out, "--screenshot=" + png, out.resolve(run + ".html"));
            final BufferedImage image = ImageIO.read(png.toFile());
            int ink = 0; // the plots' blue (#1f77b4): lines and bars
            for (int y = 0; y < image.getHeight(); y++)
            {
                for (int x = 0; x < image.getWidth(); x++)
                {
                    final int rgb = image.getRGB(x, y);
                    final int r = (rgb >> 16) & 0xff;
                    final int g = (rgb >> 8) & 0xff;
                    final int b = rgb & 0xff;
                    ink += Math.abs(r - 0x1f) < 40 && Math.abs(g - 0x77) < 40 && Math.abs(b - 0xb4) < 40 ? 1 : 0;
                }
            }
            assertThat(ink).as(run + ": pixels of plot ink in the screenshot").isGreaterThan(500);
        }
    }

    private static void check(final String run, final JsonNode report, final String dom)
    {
        final JsonNode t = report.get("timeline");
        assertThat(t).as(run + " has a timeline").isNotNull();
        final Map<String, List<String>> plots = new HashMap<>();
        final Matcher m = SVG.matcher(dom);
        while (m.find())
        {
            final String kind = attrs(m.group(1).substring(0, m.group(1).indexOf('>'))).get("data-plot");
            plots.computeIfAbsent(kind, k -> new ArrayList<>()).add(m.group(1));
        }
        assertThat(plots).as(run + ": rendered plots").containsKeys("vtime-vs-wall", "skew", "latency", "sequence");

        // virtual time against wall time: one series per vtask shown, ending at the last sample
        final JsonNode samples = t.get("samples");
        final JsonNode last = samples.get(samples.size() - 1);
        final List<Map<String, String>> series = elements(plots.get("vtime-vs-wall").get(0), "polyline");
        assertThat(series).hasSize(Math.min(12, t.get("vtasks").size()));
        final List<String> names = new ArrayList<>();
        t.get("vtasks").forEach(v -> names.add(v.asText()));
        assertThat(series.get(0).get("data-vtask")).as("live hosts first").startsWith("web-");
        for (int k = 0; k < series.size(); k++)
        {
            final int i = names.indexOf(series.get(k).get("data-vtask"));
            assertThat(i).as(series.get(k).get("data-vtask")).isNotNegative();
            assertThat(Long.parseLong(series.get(k).get("data-last-vtime"))).isEqualTo(last.get("vtimes").get(i).asLong());
            assertThat(Long.parseLong(series.get(k).get("data-last-wall"))).isEqualTo(last.get("wallNanos").asLong());
            assertThat(series.get(k).get("points").trim().split("\\s+")).hasSize(samples.size());
        }

        // skew per scope: bound from the scope table, maximum from the samples, never above the bound
        final List<String> skews = plots.get("skew");
        assertThat(skews).hasSize(report.get("scopes").size());
        for (int s = 0; s < skews.size(); s++)
        {
            final Map<String, String> a = attrs(skews.get(s).substring(0, skews.get(s).indexOf('>')));
            long max = 0;
            for (final JsonNode x : samples)
            {
                max = Math.max(max, x.get("skews").get(s).asLong());
            }
            final long bound = report.get("scopes").get(s).get("skewBoundNanos").asLong();
            assertThat(a.get("data-scope")).isEqualTo(report.get("scopes").get(s).get("name").asText());
            assertThat(Long.parseLong(a.get("data-bound"))).isEqualTo(bound);
            assertThat(Long.parseLong(a.get("data-max"))).isEqualTo(max).isLessThanOrEqualTo(bound);
        }

        // latency histograms: the links with the most messages, every bar one of the JSON's buckets
        final List<String> latency = plots.get("latency");
        assertThat(latency).hasSize(Math.min(12, t.get("links").size()));
        for (int i = 0; i < latency.size(); i++)
        {
            final JsonNode link = t.get("links").get(i);
            final Map<String, String> a = attrs(latency.get(i).substring(0, latency.get(i).indexOf('>')));
            assertThat(a.get("data-from")).isEqualTo(link.get("from").asText());
            assertThat(a.get("data-to")).isEqualTo(link.get("to").asText());
            assertThat(Long.parseLong(a.get("data-count"))).isEqualTo(link.get("count").asLong());
            final List<Map<String, String>> bars = elements(latency.get(i), "rect").stream()
                .filter(r -> "bar".equals(r.get("class"))).toList();
            assertThat(bars).hasSize(link.get("buckets").size());
            long sum = 0;
            for (int k = 0; k < bars.size(); k++)
            {
                assertThat(Long.parseLong(bars.get(k).get("data-low"))).isEqualTo(link.get("buckets").get(k).get(0).asLong());
                assertThat(Long.parseLong(bars.get(k).get("data-count"))).isEqualTo(link.get("buckets").get(k).get(1).asLong());
                assertThat(Double.parseDouble(bars.get(k).get("height"))).isGreaterThan(0);
                sum += Long.parseLong(bars.get(k).get("data-count"));
            }
            assertThat(sum).isEqualTo(link.get("count").asLong());
        }

        // the message sequence: the JSON's first messages, in order
        final List<Map<String, String>> arrows = elements(plots.get("sequence").get(0), "line").stream()
            .filter(l -> "msg".equals(l.get("class"))).toList();
        final JsonNode seq = t.get("sequence");
        assertThat(arrows).hasSize(seq.size()).isNotEmpty();
        for (int i = 0; i < arrows.size(); i++)
        {
            assertThat(arrows.get(i).get("data-from")).isEqualTo(seq.get(i).get("from").asText());
            assertThat(arrows.get(i).get("data-to")).isEqualTo(seq.get(i).get("to").asText());
            assertThat(Long.parseLong(arrows.get(i).get("data-send"))).isEqualTo(seq.get(i).get("sendTime").asLong());
            assertThat(Long.parseLong(arrows.get(i).get("data-visible"))).isEqualTo(seq.get(i).get("visibleTime").asLong());
        }
    }

    private static List<Map<String, String>> elements(final String svg, final String tag)
    {
        final List<Map<String, String>> out = new ArrayList<>();
        final Matcher m = Pattern.compile("<" + tag + "\\b([^>]*)>").matcher(svg);
        while (m.find())
        {
            out.add(attrs(m.group(1)));
        }
        return out;
    }

    private static Map<String, String> attrs(final String text)
    {
        final Map<String, String> out = new HashMap<>();
        final Matcher m = ATTR.matcher(text);
        while (m.find())
        {
            out.put(m.group(1), m.group(2).replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", "\"")
                .replace("&amp;", "&"));
        }
        return out;
    }

    /** Runs headless Chromium on a file with the flags a machine without network needs; returns stdout. */
    private static String chromium(final Path work, final String action, final Path html) throws IOException, InterruptedException
    {
        final Path profile = Files.createTempDirectory(work.toAbsolutePath(), "chromium-profile");
        final List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--window-size=1280,4000", "--user-data-dir=" + profile, action,
            html.toAbsolutePath().toUri().toString());
        final Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final byte[] stdout = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium exit status for " + action).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
