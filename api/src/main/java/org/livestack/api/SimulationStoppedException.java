package org.livestack.api;

/**
 * Thrown to a {@link SelfRunningTask} from its {@link VTaskControl} when the run has ended
 * (horizon reached, fault elsewhere, all other work done) or when the vtask itself was isolated.
 * Letting it propagate out of {@link SelfRunningTask#run} is the normal way to finish.
 */
public class SimulationStoppedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message why the run or the vtask stopped. */
    public SimulationStoppedException(final String message)
    {
        super(message);
    }
}
