package org.livestack.runtime.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.livestack.runtime.RunPageDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/** external.h and the Java descriptors define the same file layout. */
class ExternalDescriptorHeaderTest
{
    @Test
    void cHeaderMatchesTheJavaDescriptors() throws IOException
    {
        final Map<String, Long> d = new HashMap<>();
        final Matcher m = Pattern.compile("#define\\s+(LS_\\w+)\\s+(0x[0-9A-Fa-f]+|-?\\d+)")
            .matcher(Files.readString(Path.of("..", "native", "include", "livestack", "external.h")));
        while (m.find())
        {
            d.put(m.group(1), Long.decode(m.group(2)));
        }
        assertThat(d.get("LS_EXT_MAGIC")).isEqualTo(ExternalComponentDescriptor.MAGIC);
        assertThat(d.get("LS_EXT_VERSION")).isEqualTo(ExternalComponentDescriptor.VERSION);
        assertThat(d.get("LS_EXT_MAGIC_OFFSET")).isEqualTo(ExternalComponentDescriptor.MAGIC_OFFSET);
        assertThat(d.get("LS_EXT_VERSION_OFFSET")).isEqualTo(ExternalComponentDescriptor.VERSION_OFFSET);
        assertThat(d.get("LS_EXT_INBOUND_CAPACITY_OFFSET")).isEqualTo(ExternalComponentDescriptor.INBOUND_CAPACITY_OFFSET);
        assertThat(d.get("LS_EXT_OUTBOUND_CAPACITY_OFFSET")).isEqualTo(ExternalComponentDescriptor.OUTBOUND_CAPACITY_OFFSET);
        assertThat(d.get("LS_EXT_STOP_OFFSET")).isEqualTo(ExternalComponentDescriptor.STOP_OFFSET);
        assertThat(d.get("LS_EXT_INBOUND_WRITTEN_OFFSET")).isEqualTo(ExternalComponentDescriptor.INBOUND_WRITTEN_OFFSET);
        assertThat(d.get("LS_EXT_INBOUND_CONSUMED_OFFSET")).isEqualTo(ExternalComponentDescriptor.INBOUND_CONSUMED_OFFSET);
        assertThat(d.get("LS_EXT_RUN_PAGE_OFFSET")).isEqualTo(ExternalComponentDescriptor.RUN_PAGE_OFFSET);
        assertThat(d.get("LS_EXT_INBOUND_RING_OFFSET")).isEqualTo(ExternalComponentDescriptor.INBOUND_RING_OFFSET);
        assertThat(d.get("LS_EXT_RING_TRAILER_LENGTH")).isEqualTo(ExternalComponentDescriptor.RING_TRAILER_LENGTH);
        assertThat(d.get("LS_EXT_RING_TAIL_OFFSET")).isEqualTo(ExternalComponentDescriptor.RING_TAIL_OFFSET);
        assertThat(d.get("LS_EXT_RING_HEAD_CACHE_OFFSET")).isEqualTo(ExternalComponentDescriptor.RING_HEAD_CACHE_OFFSET);
        assertThat(d.get("LS_EXT_RING_HEAD_OFFSET")).isEqualTo(ExternalComponentDescriptor.RING_HEAD_OFFSET);
        assertThat(d.get("LS_EXT_STATE_RUNNING")).isEqualTo(ExternalComponentDescriptor.STATE_RUNNING);
        assertThat(d.get("LS_EXT_STATE_BLOCKED")).isEqualTo(ExternalComponentDescriptor.STATE_BLOCKED);
        assertThat(d.get("LS_EXT_STATE_DONE")).isEqualTo(ExternalComponentDescriptor.STATE_DONE);
        assertThat(d.get("LS_PAGE_VTIME_OFFSET")).isEqualTo(RunPageDescriptor.VTIME_OFFSET);
        assertThat(d.get("LS_PAGE_GRANT_OFFSET")).isEqualTo(RunPageDescriptor.GRANT_OFFSET);
        assertThat(d.get("LS_PAGE_STATE_OFFSET")).isEqualTo(RunPageDescriptor.STATE_OFFSET);
        assertThat(d.get("LS_PAGE_HEARTBEAT_OFFSET")).isEqualTo(RunPageDescriptor.HEARTBEAT_OFFSET);
    }
}
