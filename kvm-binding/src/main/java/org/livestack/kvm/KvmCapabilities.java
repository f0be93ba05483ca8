package org.livestack.kvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What this host's KVM offers, probed without side effects. {@link #probe()} never throws: a host
 * without usable KVM gets {@code available() == false} and a reason.
 *
 * @param available      whether /dev/kvm could be opened and answered.
 * @param reason         why not, when not available; else {@code null}.
 * @param apiVersion     KVM_GET_API_VERSION.
 * @param virtualization "VMX", "SVM", or "PVM (nested, no VMX/SVM in the CPU flags)" or "unknown".
 * @param immediateExit  KVM_CAP_IMMEDIATE_EXIT (needed to end KVM_RUN for a quantum).
 * @param tscControl     KVM_CAP_TSC_CONTROL.
 * @param vcpuAttributes KVM_CAP_VCPU_ATTRIBUTES (KVM_VCPU_TSC_OFFSET lives there; whether ring 3
 *                       honours it must be measured, see DESIGN.md section 5).
 * @param irqchip        KVM_CAP_IRQCHIP: an in-kernel interrupt controller (not used by ring-3 guests).
 * @param tscOffsetEffect what setting KVM_VCPU_TSC_OFFSET does to a ring-3 guest's {@code rdtsc},
 *                       measured by {@link #probeTscOffset}: "honoured", "ignored by ring-3 rdtsc"
 *                       or why it could not be measured.
 * @param maxVcpus       KVM_CAP_MAX_VCPUS.
 * @param vcpuMmapSize   size of a vCPU's kvm_run area.
 */
public record KvmCapabilities(boolean available, String reason, int apiVersion, String virtualization,
    boolean immediateExit, boolean tscControl, boolean vcpuAttributes, boolean irqchip, String tscOffsetEffect, int maxVcpus, int vcpuMmapSize)
{
    /** @return the capabilities of this host. */
    public static KvmCapabilities probe()
    {
        if (!Files.exists(Path.of(Kvm.DEVICE)))
        {
            return unavailable("no " + Kvm.DEVICE + " on this host (KVM module not loaded, or not exposed to this container)");
        }
        try (Kvm kvm = Kvm.open())
        {
            return new KvmCapabilities(true, null, kvm.apiVersion(), detectVirtualization(),
                kvm.checkExtension(Kvm.CAP_IMMEDIATE_EXIT) > 0, kvm.checkExtension(Kvm.CAP_TSC_CONTROL) > 0,
                kvm.checkExtension(Kvm.CAP_VCPU_ATTRIBUTES) > 0, kvm.checkExtension(Kvm.CAP_IRQCHIP) > 0,
                probeTscOffset(kvm), kvm.checkExtension(Kvm.CAP_MAX_VCPUS),
                kvm.vcpuMmapSize());
        }
        catch (final RuntimeException e)
        {
            return unavailable(Kvm.DEVICE + " is present but unusable: " + e.getMessage());
        }
    }

    private static KvmCapabilities unavailable(final String reason)
    {
        return new KvmCapabilities(false, reason, 0, detectVirtualization(), false, false, false, false, "not measured", 0, 0);
    }

    /** The offset the probe adds: 2^50 ticks, days at any TSC rate, far beyond the probe's own duration. */
    private static final long PROBE_OFFSET = 1L << 50;

    /**
     * Measures whether KVM_VCPU_TSC_OFFSET reaches a ring-3 guest: a stub reads the TSC, the probe
     * adds {@link #PROBE_OFFSET} to the vCPU's offset, the stub reads it again. On VMX/SVM the second
     * reading jumps by the offset; under nested PVM ring-3 {@code rdtsc} runs natively and reads the
     * host TSC (DESIGN.md section 5), so the live host's clock page absorbs descheduled gaps instead.
     *
     * @return "honoured", "ignored by ring-3 rdtsc" (with whether the attribute even reads back), or
     *         why it could not be measured.
     */
    static String probeTscOffset(final Kvm kvm)
    {
        if (kvm.checkExtension(Kvm.CAP_VCPU_ATTRIBUTES) <= 0)
        {
            return "not measured (no KVM_CAP_VCPU_ATTRIBUTES)";
        }
        try (Arena arena = Arena.ofConfined(); KvmVm vm = kvm.createVm())
        {
            final MemorySegment memory = arena.allocate(2 << 20, 2 << 20);
            Ring3Setup.writePageTables(memory);
            MemorySegment.copy(MemorySegment.ofArray(TscStampStub.CODE), 0, memory, TscStampStub.ADDRESS,
                TscStampStub.CODE.length);
            vm.setUserMemoryRegion(0, 0, memory);
            try (KvmVm.Vcpu vcpu = vm.createVcpu(0))
            {
                final long before = stamp(vcpu, memory);
                final long offset = vcpu.tscOffset() + PROBE_OFFSET;
                vcpu.setTscOffset(offset);
                final boolean kept = vcpu.tscOffset() == offset;
                final long after = stamp(vcpu, memory);
                if (after - before > PROBE_OFFSET / 2)
                {
                    return "honoured";
                }
                return "ignored by ring-3 rdtsc" + (kept ? "" : " (set is accepted but does not read back)");
            }
        }
        catch (final RuntimeException e)
        {
            return "not measured (" + e.getMessage() + ")";
        }
    }

    private static long stamp(final KvmVm.Vcpu vcpu, final MemorySegment memory)
    {
        Ring3Setup.enterRing3(vcpu, TscStampStub.ADDRESS, 0x1ff000);
        final int exit = vcpu.runOnce();
        if (exit != KvmLayouts.EXIT_IO)
        {
            throw new IllegalStateException("TSC stub exited with reason " + exit + " instead of port I/O");
        }
        return memory.get(ValueLayout.JAVA_LONG, TscStampStub.STAMP);
    }

    private static String detectVirtualization()
    {
        try
        {
            final String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            final boolean vmx = cpuinfo.matches("(?s).*\\bflags\\s*:.*\\bvmx\\b.*");
            final boolean svm = cpuinfo.matches("(?s).*\\bflags\\s*:.*\\bsvm\\b.*");
            if (vmx)
            {
                return "VMX";
            }
            if (svm)
            {
                return "SVM";
            }
            return Files.exists(Path.of("/sys/module/kvm_pvm")) ? "PVM (nested, no VMX/SVM in the CPU flags)" : "unknown";
        }
        catch (final java.io.IOException e)
        {
            return "unknown";
        }
    }

    /** @return one line for reports. */
    public String describe()
    {
        if (!available)
        {
            return "KVM unavailable: " + reason;
        }
        return String.format(Locale.ROOT,
            "KVM API %d, %s, immediate_exit %s, TSC control %s, vCPU attributes %s, TSC offset %s, " +
                "in-kernel irqchip %s, max vCPUs %d, kvm_run %d bytes", apiVersion, virtualization, yes(immediateExit),
            yes(tscControl), yes(vcpuAttributes), tscOffsetEffect, yes(irqchip), maxVcpus, vcpuMmapSize);
    }

    private static String yes(final boolean b)
    {
        return b ? "yes" : "no";
    }
}
