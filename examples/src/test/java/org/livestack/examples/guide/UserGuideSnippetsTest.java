package org.livestack.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every Java and YAML snippet of docs/user-guide.md is, line for line (indentation aside), a piece of
 * a file in examples/ that the build compiles and the tests run: the guide cannot drift from code
 * that works.
 */
class UserGuideSnippetsTest
{
    private static final Pattern BLOCK = Pattern.compile("```(java|yaml)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySnippetIsCutFromAnExample() throws IOException
    {
        final String guide = Files.readString(Path.of("..", "docs", "user-guide.md"));
        final List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src")))
        {
            for (final Path f : files.filter(p -> p.toString().endsWith(".java")).toList())
            {
                sources.add(normalized(Files.readString(f)));
            }
        }
        try (Stream<Path> files = Files.walk(Path.of("experiments")))
        {
            for (final Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList())
            {
                sources.add(normalized(Files.readString(f)));
            }
        }
        final Matcher m = BLOCK.matcher(guide);
        int snippets = 0;
        while (m.find())
        {
            final List<String> snippet = normalized(m.group(2));
            assertThat(sources.stream().anyMatch(s -> contains(s, snippet)))
                .as("snippet %d of the guide is in no example:%n%s", snippets + 1, m.group(2)).isTrue();
            snippets++;
        }
        assertThat(snippets).isGreaterThanOrEqualTo(6);
    }

    private static List<String> normalized(final String text)
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : text.split("\n"))
        {
            if (!line.isBlank())
            {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static boolean contains(final List<String> source, final List<String> snippet)
    {
        return !snippet.isEmpty() && java.util.Collections.indexOfSubList(source, snippet) >= 0;
    }
}
