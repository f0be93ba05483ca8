package org.livestack.models;

import java.util.Objects;

/**
 * An offload accelerator as a queueing station: {@code engines} engines taking requests in arrival
 * order; each request costs a setup latency (from a distribution: descriptor write, DMA setup,
 * launch) plus its {@link Jobs#size} at {@code bytesPerSecond}.
 */
public final class Accelerator
{
    private Accelerator()
    {
    }

    /**
     * @param engines        {@code >= 1}.
     * @param setup          setup latency in ns per request.
     * @param bytesPerSecond processing throughput of one engine, {@code > 0}.
     * @return the station.
     */
    public static Station create(final int engines, final Distribution setup, final double bytesPerSecond)
    {
        Objects.requireNonNull(setup, "setup latency");
        if (!(bytesPerSecond > 0) || !Double.isFinite(bytesPerSecond))
        {
            throw new IllegalArgumentException("accelerator throughput " + bytesPerSecond + " B/s must be finite and > 0");
        }
        final double nanosPerByte = 1e9 / bytesPerSecond;
        return new Station(engines, Station.Discipline.FIFO,
            (request, random) -> setup.sample(random) + Jobs.size(request) * nanosPerByte, 1.0);
    }
}
