package org.livestack.kvm;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The FFM binding talks to /dev/kvm where it exists; elsewhere the tests say why they skip. */
class KvmProbeTest
{
    private static void requireKvm()
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
    }

    @Test
    void probeReportsTheHostsKvm()
    {
        requireKvm();
        final KvmCapabilities caps = KvmCapabilities.probe();
        assertThat(caps.available()).as(caps.describe()).isTrue();
        assertThat(caps.apiVersion()).isEqualTo(12);
        assertThat(caps.vcpuMmapSize()).isGreaterThanOrEqualTo(4096);
        assertThat(caps.maxVcpus()).isPositive();
        assertThat(caps.describe()).startsWith("KVM API 12, ");
        System.out.println(caps.describe());
    }

    @Test
    void createsAVmAndAVcpuWithItsRunAreaMapped()
    {
        requireKvm();
        try (Kvm kvm = Kvm.open(); KvmVm vm = kvm.createVm(); KvmVm.Vcpu vcpu = vm.createVcpu(0))
        {
            assertThat(vcpu.run().byteSize()).isEqualTo(kvm.vcpuMmapSize());
            // the first field of struct kvm_run is request_interrupt_window (u8), zero on a fresh vCPU
            assertThat(vcpu.run().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isZero();
        }
    }

    @Test
    void theTscOffsetAttributeRoundTripsAndItsEffectOnRing3IsMeasured()
    {
        requireKvm();
        final KvmCapabilities caps = KvmCapabilities.probe();
        final long readBack;
        final long offset;
        try (Kvm kvm = Kvm.open(); KvmVm vm = kvm.createVm(); KvmVm.Vcpu vcpu = vm.createVcpu(0))
        {
            offset = vcpu.tscOffset() + 123_456_789L;
            vcpu.setTscOffset(offset);
            readBack = vcpu.tscOffset();
        }
        // DESIGN.md section 5: under nested PVM a ring-3 rdtsc reads the host TSC; VMX/SVM apply the offset
        if (caps.virtualization().startsWith("PVM"))
        {
            assertThat(caps.tscOffsetEffect()).startsWith("ignored by ring-3 rdtsc");
        }
        else if (caps.virtualization().equals("VMX") || caps.virtualization().equals("SVM"))
        {
            assertThat(readBack).isEqualTo(offset);
            assertThat(caps.tscOffsetEffect()).isEqualTo("honoured");
        }
        // the probe says whether the attribute reads back, and it agrees with this direct check
        assertThat(caps.tscOffsetEffect().contains("does not read back")).isEqualTo(readBack != offset);
        assertThat(caps.describe()).contains("TSC offset " + caps.tscOffsetEffect());
    }

    @Test
    void aFailingIoctlIsReportedByNameWithItsErrno()
    {
        requireKvm();
        try (Kvm kvm = Kvm.open(); KvmVm vm = kvm.createVm(); KvmVm.Vcpu vcpu = vm.createVcpu(0))
        {
            assertThat(vcpu.id()).isZero();
            assertThatThrownBy(() -> vm.createVcpu(0))
                .isInstanceOf(KvmException.class)
                .hasMessageContaining("KVM_CREATE_VCPU(0) failed")
                .hasMessageContaining("errno");
        }
    }

    @Test
    void withoutKvmTheProbeSaysWhatIsMissing()
    {
        final KvmCapabilities caps = KvmCapabilities.probe();
        if (!caps.available())
        {
            assertThat(caps.reason()).isNotBlank();
            assertThat(caps.describe()).startsWith("KVM unavailable: ");
        }
        else
        {
            assertThat(caps.reason()).isNull();
        }
    }
}
