package org.livestack.kvm;

/** A guest image that cannot be loaded: the message names the file and the defect. */
public final class GuestImageException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /** @param message the image's name and what is wrong with it. */
    public GuestImageException(final String message)
    {
        super(message);
    }
}
