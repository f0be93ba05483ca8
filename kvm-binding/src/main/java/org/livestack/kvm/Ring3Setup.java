package org.livestack.kvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.livestack.kvm.KvmLayouts.*;

/**
 * Puts a vCPU directly into 64-bit long mode at CPL 3, the recipe DESIGN.md section 5 measured on
 * this host (guest ring 0 is emulated under nested PVM; ring 3 runs natively): identity-mapped
 * 2 MiB pages with the user bit, CR0 = 0x80050033, CR4 = PAE, EFER = LME|LMA, user code and data
 * segments, RFLAGS with IOPL 3 so {@code out} exits to the VMM as KVM_EXIT_IO.
 */
public final class Ring3Setup
{
    /** Guest physical address of the PML4. */
    public static final long PML4 = 0x1000;
    private static final long PDPT = 0x2000;
    private static final long PD = 0x3000;

    private Ring3Setup()
    {
    }

    /**
     * Writes identity-mapping page tables for the first {@code memory.byteSize()} bytes (a multiple
     * of 2 MiB, at most 1 GiB) into guest memory at 0x1000..0x3fff.
     */
    public static void writePageTables(final MemorySegment memory)
    {
        final long size = memory.byteSize();
        if (size % (2 << 20) != 0 || size > (1L << 30))
        {
            throw new IllegalArgumentException("guest memory of " + size + " bytes must be a multiple of 2 MiB, at most 1 GiB");
        }
        memory.set(JAVA_LONG, PML4, PDPT | 0x7);
        memory.set(JAVA_LONG, PDPT, PD | 0x7);
        for (long i = 0; i < size / (2 << 20); i++)
        {
            memory.set(JAVA_LONG, PD + i * 8, (i << 21) | 0x87);
        }
    }

    /** Loads long-mode CPL-3 state into the vCPU: sregs, then rip, rsp and rflags. */
    public static void enterRing3(final KvmVm.Vcpu vcpu, final long rip, final long rsp)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment sregs = arena.allocate(SREGS_LENGTH, 8);
            vcpu.getSregs(sregs);
            sregs.set(JAVA_LONG, SREGS_CR0, 0x80050033L);
            sregs.set(JAVA_LONG, SREGS_CR3, PML4);
            sregs.set(JAVA_LONG, SREGS_CR4, 0x20L);
            sregs.set(JAVA_LONG, SREGS_EFER, 0x500L);
            segment(sregs, SREGS_CS, 0x1b, 11, 0, 1);
            for (final int s : new int[] {SREGS_DS, SREGS_ES, SREGS_FS, SREGS_GS, SREGS_SS})
            {
                segment(sregs, s, 0x23, 3, 1, 0);
            }
            vcpu.setSregs(sregs);
            final MemorySegment regs = arena.allocate(REGS_LENGTH, 8);
            regs.set(JAVA_LONG, REGS_RIP, rip);
            regs.set(JAVA_LONG, REGS_RSP, rsp);
            regs.set(JAVA_LONG, REGS_RFLAGS, 0x3002L);
            vcpu.setRegs(regs);
        }
    }

    private static void segment(final MemorySegment sregs, final int at, final int selector, final int type, final int db,
        final int l)
    {
        sregs.set(JAVA_LONG, at + SEG_BASE, 0);
        sregs.set(JAVA_INT, at + SEG_LIMIT, 0xffffffff);
        sregs.set(JAVA_SHORT, at + SEG_SELECTOR, (short)selector);
        sregs.set(JAVA_BYTE, at + SEG_TYPE, (byte)type);
        sregs.set(JAVA_BYTE, at + SEG_PRESENT, (byte)1);
        sregs.set(JAVA_BYTE, at + SEG_DPL, (byte)3);
        sregs.set(JAVA_BYTE, at + SEG_DB, (byte)db);
        sregs.set(JAVA_BYTE, at + SEG_S, (byte)1);
        sregs.set(JAVA_BYTE, at + SEG_L, (byte)l);
        sregs.set(JAVA_BYTE, at + SEG_G, (byte)1);
    }
}
