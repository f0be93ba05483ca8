package org.livestack.kvm;

/** A KVM (or libc) call failed; the message names the call and the errno. */
public final class KvmException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /**
     * @param call  the call that failed, e.g. {@code "KVM_CREATE_VCPU"}.
     * @param errno the errno it set.
     */
    public KvmException(final String call, final int errno)
    {
        super(call + " failed: " + LibC.strerror(errno) + " (errno " + errno + ")");
        this.call = call;
        this.errno = errno;
    }

    /** @return the call that failed. */
    public String call()
    {
        return call;
    }

    /** @return the errno it set. */
    public int errno()
    {
        return errno;
    }
}
