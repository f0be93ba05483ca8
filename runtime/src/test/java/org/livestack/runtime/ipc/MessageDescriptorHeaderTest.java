package org.livestack.runtime.ipc;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One source of truth per layout: the C header defines every constant of the Java descriptor, equally. */
class MessageDescriptorHeaderTest
{
    @Test
    void cHeaderMatchesTheJavaDescriptor() throws IOException, IllegalAccessException
    {
        final Path header = Path.of("..", "native", "include", "livestack", "message.h");
        final Map<String, Long> defines = new HashMap<>();
        final Matcher m = Pattern.compile("#define\\s+LS_MSG_(\\w+)\\s+(-?\\d+)").matcher(Files.readString(header));
        while (m.find())
        {
            defines.put(m.group(1), Long.parseLong(m.group(2)));
        }
        int compared = 0;
        for (final Field f : MessageDescriptor.class.getFields())
        {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class)
            {
                if (f.getName().equals("KNOWN_FLAGS"))
                {
                    continue;
                }
                final String name = f.getName().startsWith("MSG_") ? f.getName().substring(4) : f.getName();
                assertThat(defines).as("message.h defines LS_MSG_%s", name).containsKey(name);
                assertThat(defines.get(name)).as("LS_MSG_%s", name).isEqualTo((long)f.getInt(null));
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(14);
    }
}
