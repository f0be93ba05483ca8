package org.livestack.kvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

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
     * Maps host memory into the guest's physical address space.
     *
     * @param slot      memory slot number.
     * @param guestPhys guest physical address, page aligned.
     * @param memory    page-aligned host memory that outlives the VM.
     */
    public void setUserMemoryRegion(final int slot, final long guestPhys, final MemorySegment memory)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment region = arena.allocate(32, 8);
            region.set(JAVA_INT, 0, slot);
            region.set(JAVA_INT, 4, 0);
            region.set(JAVA_LONG, 8, guestPhys);
            region.set(JAVA_LONG, 16, memory.byteSize());
            region.set(JAVA_LONG, 24, memory.address());
            LibC.ioctl(fd, Kvm.KVM_SET_USER_MEMORY_REGION, region.address(), "KVM_SET_USER_MEMORY_REGION(slot " + slot + ")");
        }
    }

    /**
     * @param id vCPU id, unique in this VM.
     * @return the vCPU with its {@code kvm_run} area mapped.
     * @throws KvmException naming KVM_CREATE_VCPU if the id is taken or out of range.
     */
    public Vcpu createVcpu(final int id)
    {
        final int vcpuFd = LibC.ioctl(fd, Kvm.KVM_CREATE_VCPU, id, "KVM_CREATE_VCPU(" + id + ")");
        final Vcpu vcpu = new Vcpu(id, vcpuFd, kvm.mapRun(vcpuFd));
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment cpuid = arena.allocate(8 + (long)Kvm.MAX_CPUID_ENTRIES * Kvm.CPUID_ENTRY_LENGTH, 8);
            kvm.supportedCpuid(cpuid);
            LibC.ioctl(vcpuFd, Kvm.KVM_SET_CPUID2, cpuid.address(), "KVM_SET_CPUID2(vCPU " + id + ")");
        }
        return vcpu;
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

        int fd()
        {
            return fd;
        }

        /** @return the mapped {@code struct kvm_run}. */
        public MemorySegment run()
        {
            return run;
        }

        /** @param sregs a {@code struct kvm_sregs} ({@value KvmLayouts#SREGS_LENGTH} bytes) to fill. */
        public void getSregs(final MemorySegment sregs)
        {
            LibC.ioctl(fd, Kvm.KVM_GET_SREGS, sregs.address(), "KVM_GET_SREGS(vCPU " + id + ")");
        }

        /** @param sregs a {@code struct kvm_sregs} to load. */
        public void setSregs(final MemorySegment sregs)
        {
            LibC.ioctl(fd, Kvm.KVM_SET_SREGS, sregs.address(), "KVM_SET_SREGS(vCPU " + id + ")");
        }

        /** @param regs a {@code struct kvm_regs} ({@value KvmLayouts#REGS_LENGTH} bytes) to fill. */
        public void getRegs(final MemorySegment regs)
        {
            LibC.ioctl(fd, Kvm.KVM_GET_REGS, regs.address(), "KVM_GET_REGS(vCPU " + id + ")");
        }

        /** @param regs a {@code struct kvm_regs} to load. */
        public void setRegs(final MemorySegment regs)
        {
            LibC.ioctl(fd, Kvm.KVM_SET_REGS, regs.address(), "KVM_SET_REGS(vCPU " + id + ")");
        }

        /**
         * @return KVM_VCPU_TSC_OFFSET: what KVM adds to the host TSC for this vCPU's {@code rdtsc}.
         * @throws KvmException naming KVM_GET_DEVICE_ATTR where the host lacks vCPU attributes.
         */
        public long tscOffset()
        {
            try (Arena arena = Arena.ofConfined())
            {
                final MemorySegment value = arena.allocate(JAVA_LONG);
                LibC.ioctl(fd, Kvm.KVM_GET_DEVICE_ATTR, tscOffsetAttribute(arena, value).address(),
                    "KVM_GET_DEVICE_ATTR(KVM_VCPU_TSC_OFFSET, vCPU " + id + ")");
                return value.get(JAVA_LONG, 0);
            }
        }

        /**
         * Sets KVM_VCPU_TSC_OFFSET. Whether a ring-3 guest's {@code rdtsc} honours it depends on the
         * host: {@link KvmCapabilities#tscOffsetEffect()} says what it does here.
         */
        public void setTscOffset(final long offset)
        {
            try (Arena arena = Arena.ofConfined())
            {
                final MemorySegment value = arena.allocate(JAVA_LONG);
                value.set(JAVA_LONG, 0, offset);
                LibC.ioctl(fd, Kvm.KVM_SET_DEVICE_ATTR, tscOffsetAttribute(arena, value).address(),
                    "KVM_SET_DEVICE_ATTR(KVM_VCPU_TSC_OFFSET, vCPU " + id + ")");
            }
        }

        private static MemorySegment tscOffsetAttribute(final Arena arena, final MemorySegment value)
        {
            // struct kvm_device_attr { u32 flags; u32 group; u64 attr; u64 addr; }
            final MemorySegment attr = arena.allocate(24, 8);
            attr.set(JAVA_INT, 0, 0);
            attr.set(JAVA_INT, 4, Kvm.VCPU_TSC_CTRL);
            attr.set(JAVA_LONG, 8, Kvm.VCPU_TSC_OFFSET);
            attr.set(JAVA_LONG, 16, value.address());
            return attr;
        }

        /**
         * Enters the guest until its next exit (plain KVM_RUN, no quantum: the vtime-aware run loop
         * lives in the native shim to come).
         *
         * @return the exit reason ({@code kvm_run.exit_reason}).
         */
        public int runOnce()
        {
            LibC.ioctl(fd, Kvm.KVM_RUN, 0, "KVM_RUN(vCPU " + id + ")");
            return run.get(JAVA_INT, KvmLayouts.RUN_EXIT_REASON);
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
