package org.livestack.kvm;

/**
 * Offsets and sizes of the KVM structs the binding uses (x86-64, from {@code <linux/kvm.h>}),
 * declared once.
 *
 * <pre>
 *  struct kvm_segment (24): base u64 @0, limit u32 @8, selector u16 @12, type u8 @14, present @15,
 *                           dpl @16, db @17, s @18, l @19, g @20, avl @21
 *  struct kvm_sregs  (312): cs @0, ds @24, es @48, fs @72, gs @96, ss @120, tr @144, ldt @168,
 *                           gdt @192, idt @208, cr0 @224, cr2 @232, cr3 @240, cr4 @248, cr8 @256,
 *                           efer @264, apic_base @272, interrupt_bitmap @280
 *  struct kvm_regs   (144): rax @0, rbx @8, rcx @16, rdx @24, rsi @32, rdi @40, rsp @48, rbp @56,
 *                           r8..r15 @64..@120, rip @128, rflags @136
 *  struct kvm_run         : immediate_exit u8 @1, exit_reason u32 @8, io @32 { direction u8 @32,
 *                           size u8 @33, port u16 @34, count u32 @36, data_offset u64 @40 }
 * </pre>
 */
public final class KvmLayouts
{
    /** sizeof(struct kvm_sregs). */
    public static final int SREGS_LENGTH = 312;
    /** sizeof(struct kvm_regs). */
    public static final int REGS_LENGTH = 144;
    /** sizeof(struct kvm_segment). */
    public static final int SEGMENT_LENGTH = 24;

    /** kvm_sregs.cs. */
    public static final int SREGS_CS = 0;
    /** kvm_sregs.ds. */
    public static final int SREGS_DS = 24;
    /** kvm_sregs.es. */
    public static final int SREGS_ES = 48;
    /** kvm_sregs.fs. */
    public static final int SREGS_FS = 72;
    /** kvm_sregs.gs. */
    public static final int SREGS_GS = 96;
    /** kvm_sregs.ss. */
    public static final int SREGS_SS = 120;
    /** kvm_sregs.cr0. */
    public static final int SREGS_CR0 = 224;
    /** kvm_sregs.cr3. */
    public static final int SREGS_CR3 = 240;
    /** {@code kvm_sregs.cr2}: the faulting address of the last page fault. */
    public static final int SREGS_CR2 = 232;
    /** kvm_sregs.cr4. */
    public static final int SREGS_CR4 = 248;
    /** kvm_sregs.efer. */
    public static final int SREGS_EFER = 264;

    /** kvm_segment.base. */
    public static final int SEG_BASE = 0;
    /** kvm_segment.limit. */
    public static final int SEG_LIMIT = 8;
    /** kvm_segment.selector. */
    public static final int SEG_SELECTOR = 12;
    /** kvm_segment.type. */
    public static final int SEG_TYPE = 14;
    /** kvm_segment.present. */
    public static final int SEG_PRESENT = 15;
    /** kvm_segment.dpl. */
    public static final int SEG_DPL = 16;
    /** kvm_segment.db. */
    public static final int SEG_DB = 17;
    /** kvm_segment.s. */
    public static final int SEG_S = 18;
    /** kvm_segment.l. */
    public static final int SEG_L = 19;
    /** kvm_segment.g. */
    public static final int SEG_G = 20;

    /** kvm_regs.rax. */
    public static final int REGS_RAX = 0;
    /** kvm_regs.rcx. */
    public static final int REGS_RCX = 16;
    /** kvm_regs.rsp. */
    public static final int REGS_RSP = 48;
    /** kvm_regs.rip. */
    public static final int REGS_RIP = 128;
    /** kvm_regs.rflags. */
    public static final int REGS_RFLAGS = 136;

    /** kvm_run.immediate_exit. */
    public static final int RUN_IMMEDIATE_EXIT = 1;
    /** kvm_run.exit_reason. */
    public static final int RUN_EXIT_REASON = 8;
    /** kvm_run.io.direction. */
    public static final int RUN_IO_DIRECTION = 32;
    /** kvm_run.io.size. */
    public static final int RUN_IO_SIZE = 33;
    /** kvm_run.io.port. */
    public static final int RUN_IO_PORT = 34;
    /** kvm_run.io.count. */
    public static final int RUN_IO_COUNT = 36;
    /** kvm_run.io.data_offset. */
    public static final int RUN_IO_DATA_OFFSET = 40;

    /** KVM_EXIT_IO. */
    public static final int EXIT_IO = 2;
    /** KVM_EXIT_HLT. */
    public static final int EXIT_HLT = 5;
    /** KVM_EXIT_SHUTDOWN (a fault in ring 3 with no guest IDT lands here). */
    public static final int EXIT_SHUTDOWN = 8;
    /** KVM_EXIT_FAIL_ENTRY. */
    public static final int EXIT_FAIL_ENTRY = 9;
    /** KVM_EXIT_INTR. */
    public static final int EXIT_INTR = 10;
    /** KVM_EXIT_INTERNAL_ERROR. */
    public static final int EXIT_INTERNAL_ERROR = 17;

    private KvmLayouts()
    {
    }
}
