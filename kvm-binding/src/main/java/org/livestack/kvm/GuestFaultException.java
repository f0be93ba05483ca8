package org.livestack.kvm;

/**
 * A live host's guest did something the VMM cannot continue from: an exception (bad memory access,
 * illegal instruction), an unknown port or hypercall. The message names the image, the vtime and,
 * where known, the instruction pointer and the cause. Thrown from {@link LiveHost#run}, so the
 * simulation's fault policy decides what happens to the run.
 */
public final class GuestFaultException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message what the guest did. */
    public GuestFaultException(final String message)
    {
        super(message);
    }
}
