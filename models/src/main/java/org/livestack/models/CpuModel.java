package org.livestack.models;

/**
 * A CPU as a queueing station: {@code cores} cores shared by the requests in it (processor
 * sharing, as a time-sharing OS does), each request's {@link Jobs#work} (ns on a reference core)
 * divided by the speed factor. A request without work takes no time.
 */
public final class CpuModel
{
    private CpuModel()
    {
    }

    /**
     * @param cores {@code >= 1}.
     * @param speed speed relative to the reference core, {@code > 0} (2.0 = twice as fast).
     * @return the station.
     */
    public static Station create(final int cores, final double speed)
    {
        return new Station(cores, Station.Discipline.PROCESSOR_SHARING, (request, random) -> Jobs.work(request), speed);
    }
}
