package org.livestack.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkModelTest
{
    @Test
    void serializationTimeIsBitsOverBandwidthRoundedUp()
    {
        final LinkModel tenGig = LinkModel.latency(500).bandwidth(10_000_000_000L);
        assertThat(tenGig.serializationNanos(1500)).isEqualTo(1_200);
        assertThat(tenGig.serializationNanos(1)).isEqualTo(1);          // 0.8 ns rounds up
        assertThat(tenGig.serializationNanos(0)).isZero();
        assertThat(LinkModel.latency(5).serializationNanos(1500)).isZero();
        assertThat(LinkModel.latency(5).bandwidth(1).serializationNanos(1 << 30)).isEqualTo((1L << 30) * 8 * 1_000_000_000L);
    }

    @Test
    void invalidModelsAreRejectedNamingTheValue()
    {
        assertThatThrownBy(() -> LinkModel.latency(-1)).hasMessageContaining("latency -1 ns");
        assertThatThrownBy(() -> LinkModel.latency(1).bandwidth(0)).hasMessageContaining("bandwidth 0 bit/s");
        assertThatThrownBy(() -> LinkModel.latency(1).bandwidth(10).queueLimit(0)).hasMessageContaining("queue limit 0");
        assertThatThrownBy(() -> LinkModel.latency(1).queueLimit(4)).hasMessageContaining("needs a bandwidth");
    }
}
