package org.livestack.kvm;

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
 * @param maxVcpus       KVM_CAP_MAX_VCPUS.
 * @param vcpuMmapSize   size of a vCPU's kvm_run area.
 */
public record KvmCapabilities(boolean available, String reason, int apiVersion, String virtualization,
    boolean immediateExit, boolean tscControl, boolean vcpuAttributes, boolean irqchip, int maxVcpus, int vcpuMmapSize)
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
                kvm.checkExtension(Kvm.CAP_MAX_VCPUS),
                kvm.vcpuMmapSize());
        }
        catch (final RuntimeException e)
        {
            return unavailable(Kvm.DEVICE + " is present but unusable: " + e.getMessage());
        }
    }

    private static KvmCapabilities unavailable(final String reason)
    {
        return new KvmCapabilities(false, reason, 0, detectVirtualization(), false, false, false, false, 0, 0);
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
            "KVM API %d, %s, immediate_exit %s, TSC control %s, vCPU attributes %s, in-kernel irqchip %s, max vCPUs %d, " +
                "kvm_run %d bytes", apiVersion, virtualization, yes(immediateExit), yes(tscControl), yes(vcpuAttributes),
            yes(irqchip), maxVcpus, vcpuMmapSize);
    }

    private static String yes(final boolean b)
    {
        return b ? "yes" : "no";
    }
}
