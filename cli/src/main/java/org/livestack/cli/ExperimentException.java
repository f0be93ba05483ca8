package org.livestack.cli;

/**
 * An experiment file that cannot be run: the message names the file and the path of the bad field
 * ({@code components[2].service.exponential}), and says what was expected.
 */
public final class ExperimentException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The path of the bad field, {@code ""} for the whole file. */
    private final String path;

    /**
     * @param file    the file (or how the experiment was given).
     * @param path    the path of the bad field.
     * @param problem what is wrong and what was expected.
     */
    public ExperimentException(final String file, final String path, final String problem)
    {
        super(file + (path.isEmpty() ? "" : ": " + path) + ": " + problem);
        this.path = path;
    }

    /**
     * @param file    the file.
     * @param path    the path of the bad field.
     * @param problem what is wrong.
     * @param cause   the underlying failure.
     */
    public ExperimentException(final String file, final String path, final String problem, final Throwable cause)
    {
        super(file + (path.isEmpty() ? "" : ": " + path) + ": " + problem, cause);
        this.path = path;
    }

    /** @return the path of the bad field, {@code ""} for the whole file. */
    public String path()
    {
        return path;
    }
}
