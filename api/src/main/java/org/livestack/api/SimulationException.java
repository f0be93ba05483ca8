package org.livestack.api;

/** A run ended with an error: a component fault under {@link FaultPolicy#FAIL}, or a runtime failure. */
public class SimulationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String vtaskName;

    /**
     * @param vtaskName the vtask at fault, or {@code null} when none is.
     * @param message   what happened.
     * @param cause     the underlying exception, or {@code null}.
     */
    public SimulationException(final String vtaskName, final String message, final Throwable cause)
    {
        super(message, cause);
        this.vtaskName = vtaskName;
    }

    /** @return the name of the vtask at fault, or {@code null} when no single vtask is. */
    public String vtaskName()
    {
        return vtaskName;
    }
}
