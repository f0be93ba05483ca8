package org.livestack.kvm;

import java.lang.foreign.MemorySegment;

/**
 * An open {@code /dev/kvm}: system ioctls and VM creation through the FFM API. Not thread-safe;
 * close it when done.
 */
public final class Kvm implements AutoCloseable
{
    /** Path of the KVM device. */
    public static final String DEVICE = "/dev/kvm";

    static final long KVM_GET_API_VERSION = 0xAE00L;
    static final long KVM_CREATE_VM = 0xAE01L;
    static final long KVM_CHECK_EXTENSION = 0xAE03L;
    static final long KVM_GET_VCPU_MMAP_SIZE = 0xAE04L;
    static final long KVM_CREATE_VCPU = 0xAE41L;
    static final long KVM_SET_USER_MEMORY_REGION = 0x4020AE46L;
    static final long KVM_GET_REGS = 0x8090AE81L;
    static final long KVM_SET_REGS = 0x4090AE82L;
    static final long KVM_GET_SREGS = 0x8138AE83L;
    static final long KVM_SET_SREGS = 0x4138AE84L;
    static final long KVM_RUN = 0xAE80L;
    static final long KVM_GET_SUPPORTED_CPUID = 0xC008AE05L;
    static final long KVM_SET_CPUID2 = 0x4008AE90L;
    static final long KVM_SET_DEVICE_ATTR = 0x4018AEE1L;
    static final long KVM_GET_DEVICE_ATTR = 0x4018AEE2L;
    /** KVM_VCPU_TSC_CTRL, the vCPU attribute group of KVM_VCPU_TSC_OFFSET (attribute 0). */
    static final int VCPU_TSC_CTRL = 0;
    static final int VCPU_TSC_OFFSET = 0;
    static final int CPUID_ENTRY_LENGTH = 40;
    static final int MAX_CPUID_ENTRIES = 256;

    /** KVM_CAP_IRQCHIP (an in-kernel interrupt controller). */
    public static final int CAP_IRQCHIP = 0;
    /** KVM_CAP_USER_MEMORY. */
    public static final int CAP_USER_MEMORY = 3;
    /** KVM_CAP_NR_VCPUS. */
    public static final int CAP_NR_VCPUS = 9;
    /** KVM_CAP_TSC_CONTROL. */
    public static final int CAP_TSC_CONTROL = 60;
    /** KVM_CAP_GET_TSC_KHZ. */
    public static final int CAP_GET_TSC_KHZ = 61;
    /** KVM_CAP_MAX_VCPUS. */
    public static final int CAP_MAX_VCPUS = 66;
    /** KVM_CAP_VCPU_ATTRIBUTES (needed for KVM_VCPU_TSC_OFFSET). */
    public static final int CAP_VCPU_ATTRIBUTES = 127;
    /** KVM_CAP_IMMEDIATE_EXIT. */
    public static final int CAP_IMMEDIATE_EXIT = 136;

    private final int fd;
    private boolean closed;

    private Kvm(final int fd)
    {
        this.fd = fd;
    }

    /**
     * @return the opened device.
     * @throws KvmException naming the path and errno if it cannot be opened.
     */
    public static Kvm open()
    {
        return new Kvm(LibC.open(DEVICE, LibC.O_RDWR | LibC.O_CLOEXEC));
    }

    /** @return KVM_GET_API_VERSION (12 on every supported kernel). */
    public int apiVersion()
    {
        return LibC.ioctl(fd, KVM_GET_API_VERSION, 0, "KVM_GET_API_VERSION");
    }

    /**
     * @param capability a KVM_CAP_* number.
     * @return KVM_CHECK_EXTENSION's answer: 0 if unsupported, else a capability-specific value.
     */
    public int checkExtension(final int capability)
    {
        return LibC.ioctl(fd, KVM_CHECK_EXTENSION, capability, "KVM_CHECK_EXTENSION(" + capability + ")");
    }

    /** @return the size of a vCPU's shared {@code kvm_run} area. */
    public int vcpuMmapSize()
    {
        return LibC.ioctl(fd, KVM_GET_VCPU_MMAP_SIZE, 0, "KVM_GET_VCPU_MMAP_SIZE");
    }

    /**
     * Fills {@code cpuid2} (a {@code struct kvm_cpuid2} with room for {@value #MAX_CPUID_ENTRIES}
     * entries) with the CPUID the host supports for guests.
     */
    void supportedCpuid(final MemorySegment cpuid2)
    {
        cpuid2.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, MAX_CPUID_ENTRIES);
        LibC.ioctl(fd, KVM_GET_SUPPORTED_CPUID, cpuid2.address(), "KVM_GET_SUPPORTED_CPUID");
    }

    /** @return a new, empty VM. */
    public KvmVm createVm()
    {
        return new KvmVm(this, LibC.ioctl(fd, KVM_CREATE_VM, 0, "KVM_CREATE_VM"));
    }

    MemorySegment mapRun(final int vcpuFd)
    {
        return LibC.mmapShared(vcpuFd, vcpuMmapSize(), "kvm_run of vCPU fd " + vcpuFd);
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
}
