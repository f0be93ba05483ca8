package org.livestack.kvm;

import java.lang.foreign.MemorySegment;

/** A VM file descriptor. Close it (and its vCPUs) when done. */
public final class KvmVm implements AutoCloseable
{
    private final Kvm kvm;
    private final int fd;
    private boolean closed;

    KvmVm(final Kvm kvm, final int fd)
    {
        this.kvm = kvm;
        this.fd = fd;
    }

    /**
     * @param id vCPU id, unique in this VM.
     * @return the vCPU with its {@code kvm_run} area mapped.
     * @throws KvmException naming KVM_CREATE_VCPU if the id is taken or out of range.
     */
    public Vcpu createVcpu(final int id)
    {
        final int vcpuFd = LibC.ioctl(fd, Kvm.KVM_CREATE_VCPU, id, "KVM_CREATE_VCPU(" + id + ")");
        return new Vcpu(id, vcpuFd, kvm.mapRun(vcpuFd));
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            LibC.close(fd);
        }
    }

    /** A vCPU: its fd and the shared {@code kvm_run} area. */
    public static final class Vcpu implements AutoCloseable
    {
        private final int id;
        private final int fd;
        private final MemorySegment run;
        private boolean closed;

        Vcpu(final int id, final int fd, final MemorySegment run)
        {
            this.id = id;
            this.fd = fd;
            this.run = run;
        }

        /** @return the vCPU id. */
        public int id()
        {
            return id;
        }

        /** @return the mapped {@code struct kvm_run}. */
        public MemorySegment run()
        {
            return run;
        }

        @Override
        public void close()
        {
            if (!closed)
            {
                closed = true;
                LibC.munmap(run);
                LibC.close(fd);
            }
        }
    }
}
