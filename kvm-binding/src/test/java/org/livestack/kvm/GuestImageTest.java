package org.livestack.kvm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ELF guest images: the ones make builds load; malformed ones are rejected naming the defect. */
class GuestImageTest
{
    private static final Path KERNELS = LiveNetworkTest.GUESTS.resolve("kernels.elf");

    private static byte[] kernels() throws Exception
    {
        return Files.readAllBytes(KERNELS);
    }

    private static byte[] patch(final byte[] elf, final int at, final long value, final int width)
    {
        final byte[] copy = elf.clone();
        final ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        switch (width)
        {
            case 1 -> b.put(at, (byte)value);
            case 2 -> b.putShort(at, (short)value);
            case 4 -> b.putInt(at, (int)value);
            default -> b.putLong(at, value);
        }
        return copy;
    }

    private static int firstLoad(final byte[] elf)
    {
        return (int)ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).getLong(32);
    }

    @Test
    void theBuiltGuestsLoad() throws Exception
    {
        final GuestImage image = GuestImage.load(KERNELS);
        assertThat(image.entry()).isEqualTo(GuestImage.LOAD_START);
        assertThat(image.size()).isPositive();
        assertThat(image.name()).endsWith("kernels.elf");
    }

    @Test
    void malformedImagesAreRejectedNamingTheDefect() throws Exception
    {
        final byte[] elf = kernels();
        final int ph = firstLoad(elf);
        expect(new byte[10], "not an ELF file");
        expect("#!/bin/sh\necho not a guest\n".repeat(4).getBytes(), "no \\x7fELF magic");
        expect(patch(elf, 4, 1, 1), "not a 64-bit ELF");
        expect(patch(elf, 5, 2, 1), "not little-endian");
        expect(patch(elf, 16, 3, 2), "not an executable");
        expect(patch(elf, 18, 183, 2), "not x86-64");
        expect(patch(elf, 32, elf.length - 8, 8), "run past the end of the file");
        expect(patch(elf, 54, 32, 2), "program header size 32");
        expect(Arrays.copyOf(elf, ph + 56 + 100), "file bytes at");
        expect(patch(elf, ph + 16, 0x1000, 8), "outside the loadable guest range");
        expect(patch(elf, ph + 16, GuestImage.LOAD_END - 16, 8), "outside the loadable guest range");
        expect(patch(elf, ph + 32, Long.MAX_VALUE, 8), "exceeds memory size");
        expect(patch(elf, 24, 0x300000, 8), "entry point 0x300000 is not inside an executable segment");
        expect(patch(elf, ph + 4, 6, 4), "is not inside an executable segment"); // segment made RW, not X
        expect(patch(elf, ph, 4, 4), "no loadable (PT_LOAD) segment");
    }

    @Test
    void aMissingFileSaysHowToBuildIt()
    {
        assertThatThrownBy(() -> GuestImage.load(Path.of("no-such-guest.elf"))).isInstanceOf(GuestImageException.class)
            .hasMessageContaining("no-such-guest.elf").hasMessageContaining("make -C native");
    }

    @Test
    void flatCodeIsBounded()
    {
        assertThatThrownBy(() -> GuestImage.flat(new byte[0])).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> new LiveHost(new byte[] {(byte)0xf4}, 0)).hasMessageContaining("speed factor");
        assertThatThrownBy(() -> new LiveHost(new byte[] {(byte)0xf4}, 1).args(new long[64])).hasMessageContaining("at most 63");
        assertThatThrownBy(() -> new LiveHost(new byte[] {(byte)0xf4}, 1).rxRing(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new LiveHost(new byte[] {(byte)0xf4}, 1).nicRate(-1)).hasMessageContaining("must be >= 0");
        assertThatThrownBy(() -> new LiveHost(new byte[] {(byte)0xf4}, 1).exitCost(-1)).hasMessageContaining("must be >= 0");
    }

    private static void expect(final byte[] bytes, final String defect)
    {
        assertThatThrownBy(() -> GuestImage.elf("test.elf", bytes)).isInstanceOf(GuestImageException.class)
            .hasMessageStartingWith("test.elf: ").hasMessageContaining(defect);
    }
}
