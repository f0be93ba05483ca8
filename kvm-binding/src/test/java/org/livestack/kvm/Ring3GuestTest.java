package org.livestack.kvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Guest code runs at CPL 3 in a VM made through the FFM binding and exits to the VMM on {@code out}. */
class Ring3GuestTest
{
    private static final long CODE = 0x10000;
    private static final long STACK_TOP = 0x3ff000;

    /** mov ecx, n; dec ecx; jnz -4; mov al, 0x42; out 0x10, al; mov al, 0x43; out 0x11, al; jmp $ */
    private static byte[] loopThenOut(final int n)
    {
        return new byte[] {
            (byte)0xB9, (byte)n, (byte)(n >>> 8), (byte)(n >>> 16), (byte)(n >>> 24),
            (byte)0xFF, (byte)0xC9,
            (byte)0x75, (byte)0xFC,
            (byte)0xB0, 0x42, (byte)0xE6, 0x10,
            (byte)0xB0, 0x43, (byte)0xE6, 0x11,
            (byte)0xEB, (byte)0xFE};
    }

    @Test
    void aRing3GuestLoopsNativelyAndExitsOnPortIo()
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
        try (Arena arena = Arena.ofShared(); Kvm kvm = Kvm.open(); KvmVm vm = kvm.createVm())
        {
            final MemorySegment memory = arena.allocate(4 << 20, 2 << 20);
            Ring3Setup.writePageTables(memory);
            final int iterations = 100_000_000;
            MemorySegment.copy(MemorySegment.ofArray(loopThenOut(iterations)), 0, memory, CODE, loopThenOut(0).length);
            vm.setUserMemoryRegion(0, 0, memory);
            try (KvmVm.Vcpu vcpu = vm.createVcpu(0))
            {
                Ring3Setup.enterRing3(vcpu, CODE, STACK_TOP);
                final long start = System.nanoTime();
                final int exit = vcpu.runOnce();
                final long guestNanos = System.nanoTime() - start;
                final MemorySegment run = vcpu.run();
                assertThat(exit).as("exit reason").isEqualTo(KvmLayouts.EXIT_IO);
                assertThat(run.get(JAVA_BYTE, KvmLayouts.RUN_IO_DIRECTION)).as("out").isEqualTo((byte)1);
                assertThat(run.get(JAVA_BYTE, KvmLayouts.RUN_IO_SIZE)).isEqualTo((byte)1);
                assertThat(run.get(JAVA_SHORT, KvmLayouts.RUN_IO_PORT)).isEqualTo((short)0x10);
                final long dataOffset = run.get(JAVA_LONG, KvmLayouts.RUN_IO_DATA_OFFSET);
                assertThat(run.get(JAVA_BYTE, dataOffset)).isEqualTo((byte)0x42);

                final MemorySegment regs = arena.allocate(KvmLayouts.REGS_LENGTH, 8);
                vcpu.getRegs(regs);
                assertThat(regs.get(JAVA_LONG, KvmLayouts.REGS_RCX)).as("the loop ran to 0").isZero();

                assertThat(vcpu.runOnce()).isEqualTo(KvmLayouts.EXIT_IO);
                assertThat(run.get(JAVA_SHORT, KvmLayouts.RUN_IO_PORT)).isEqualTo((short)0x11);
                assertThat(run.get(JAVA_BYTE, run.get(JAVA_LONG, KvmLayouts.RUN_IO_DATA_OFFSET))).isEqualTo((byte)0x43);
                // informative only (DESIGN.md: ring 3 runs at native speed here): no wall-clock assert
                System.out.printf("ring-3 guest: %,d loop iterations in %.1f ms of wall time%n", iterations,
                    guestNanos / 1e6);
                assertThat(run.get(JAVA_INT, KvmLayouts.RUN_EXIT_REASON)).isEqualTo(KvmLayouts.EXIT_IO);
            }
        }
    }
}
