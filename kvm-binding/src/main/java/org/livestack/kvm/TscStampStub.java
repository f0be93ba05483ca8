package org.livestack.kvm;

/**
 * A ten-instruction ring-3 stub that stamps the TSC, used to calibrate a live host's entry and exit
 * overheads and to probe whether the TSC offset reaches ring 3. Placed at {@link #ADDRESS}:
 * {@code rdtsc; shl rdx,32; or rax,rdx; mov [ADDRESS+0x100],rax; out 0x13,al; jmp} back to the
 * start; at {@link #SPIN} the same stamping to {@code [ADDRESS+0x108]} in a loop with no exit.
 */
final class TscStampStub
{
    /** Guest physical (identity-mapped) address of the stub. */
    static final long ADDRESS = 0x8000;
    /** Entry of the spinning variant. */
    static final long SPIN = ADDRESS + 0x40;
    /** Where the exiting variant stores its stamp. */
    static final long STAMP = ADDRESS + 0x100;
    /** Where the spinning variant stores its stamps. */
    static final long SPIN_STAMP = ADDRESS + 0x108;
    /** Bytes the stub and its stamps occupy from {@link #ADDRESS}. */
    static final int FOOTPRINT = 0x110;
    /** The machine code. */
    static final byte[] CODE = code();

    private TscStampStub()
    {
    }

    private static byte[] code()
    {
        final byte[] stamp = {0x0f, 0x31, 0x48, (byte)0xc1, (byte)0xe2, 0x20, 0x48, 0x09, (byte)0xd0, 0x48, (byte)0x89, 0x04, 0x25};
        final byte[] code = new byte[0x53];
        System.arraycopy(stamp, 0, code, 0, stamp.length);
        System.arraycopy(new byte[] {0x00, (byte)0x81, 0x00, 0x00, (byte)0xe6, 0x13, (byte)0xeb, (byte)0xeb}, 0, code, 13, 8);
        System.arraycopy(stamp, 0, code, 0x40, stamp.length);
        System.arraycopy(new byte[] {0x08, (byte)0x81, 0x00, 0x00, (byte)0xeb, (byte)0xed}, 0, code, 0x40 + 13, 6);
        return code;
    }
}
