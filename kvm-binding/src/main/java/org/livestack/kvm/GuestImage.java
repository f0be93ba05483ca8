package org.livestack.kvm;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest program ready to load into a live host's memory: an ELF64 x86-64 executable (what the
 * guest runtime in native/guest builds) or flat machine code. Every check happens here, before a VM
 * exists, and a rejected image names the file and what is wrong with it.
 *
 * <p>Loadable range: program segments must lie in guest memory {@code [LOAD_START, LOAD_END)}; below
 * it are the page tables and the clock, hypercall and boot pages, above it the stack.
 */
public final class GuestImage
{
    /** Lowest guest address a segment may occupy. */
    public static final long LOAD_START = 0x10000;
    /** End of the loadable range (the stack lives above). */
    public static final long LOAD_END = 0x380000;

    private static final int PT_LOAD = 1;
    private static final int PF_X = 1;

    /** One loadable segment: bytes copied to {@code address}, then zeros up to {@code memorySize}. */
    record Segment(long address, byte[] bytes, long memorySize)
    {
    }

    private final String name;
    private final long entry;
    private final List<Segment> segments;

    private GuestImage(final String name, final long entry, final List<Segment> segments)
    {
        this.name = name;
        this.entry = entry;
        this.segments = List.copyOf(segments);
    }

    /**
     * Flat machine code loaded at {@link #LOAD_START} and entered at its first byte.
     *
     * @param code 1 byte to {@code LOAD_END - LOAD_START} bytes.
     * @return the image.
     */
    public static GuestImage flat(final byte[] code)
    {
        if (code.length == 0 || code.length > LOAD_END - LOAD_START)
        {
            throw new IllegalArgumentException("flat guest code of " + code.length + " bytes: must be 1 byte to " +
                (LOAD_END - LOAD_START) + " bytes");
        }
        return new GuestImage("flat code", LOAD_START, List.of(new Segment(LOAD_START, code.clone(), code.length)));
    }

    /**
     * Loads one of the guest programs native/guest builds ({@code target/guest/NAME.elf}), looked
     * for under the directory in the system property {@code livestack.guests}, else under
     * {@code native/target/guest} or {@code ../native/target/guest} (a build tree).
     *
     * @param name the program's name, e.g. {@code "rpc_server"}.
     * @return the image.
     * @throws IOException         if the file cannot be read.
     * @throws GuestImageException saying where it looked if it is not there.
     */
    public static GuestImage builtIn(final String name) throws IOException
    {
        final String configured = System.getProperty("livestack.guests");
        final Path[] dirs = configured != null ? new Path[] {Path.of(configured)} :
            new Path[] {Path.of("native", "target", "guest"), Path.of("..", "native", "target", "guest")};
        for (final Path dir : dirs)
        {
            final Path file = dir.resolve(name + ".elf");
            if (Files.isRegularFile(file))
            {
                return load(file);
            }
        }
        throw new GuestImageException("guest program '" + name + "' not found as " + name + ".elf in " +
            java.util.Arrays.toString(dirs) + " (build it with `make -C native`, which Maven runs, or set -Dlivestack.guests)");
    }

    /**
     * Reads and validates an ELF guest image.
     *
     * @param file an ELF64 little-endian x86-64 executable.
     * @return the image.
     * @throws IOException                if the file cannot be read.
     * @throws GuestImageException naming the file and the defect if it is not a loadable image.
     */
    public static GuestImage load(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file))
        {
            throw new GuestImageException(file + ": no such guest image (build it with `make -C native`, which Maven runs)");
        }
        return elf(file.toString(), Files.readAllBytes(file));
    }

    /**
     * Validates an ELF guest image held in memory.
     *
     * @param name  what to call it in errors.
     * @param bytes the ELF file.
     * @return the image.
     * @throws GuestImageException naming {@code name} and the defect.
     */
    public static GuestImage elf(final String name, final byte[] bytes)
    {
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || b.getInt(0) != 0x464c457f)
        {
            throw new GuestImageException(name + ": not an ELF file (" + bytes.length + " bytes, no \\x7fELF magic)");
        }
        require(name, bytes[4] == 2, "not a 64-bit ELF (EI_CLASS " + bytes[4] + ")");
        require(name, bytes[5] == 1, "not little-endian (EI_DATA " + bytes[5] + ")");
        require(name, b.getShort(16) == 2, "not an executable (e_type " + b.getShort(16) +
            "; link with native/guest/guest.ld, -static -no-pie)");
        require(name, b.getShort(18) == 62, "not x86-64 (e_machine " + b.getShort(18) + ")");
        final long entry = b.getLong(24);
        final long phoff = b.getLong(32);
        final int phentsize = b.getShort(54) & 0xffff;
        final int phnum = b.getShort(56) & 0xffff;
        require(name, phentsize == 56, "program header size " + phentsize + ", expected 56");
        require(name, phnum > 0, "no program headers");
        require(name, phoff > 0 && phoff + (long)phnum * phentsize <= bytes.length,
            "program headers at " + phoff + " (" + phnum + " x " + phentsize + " bytes) run past the end of the file (" +
                bytes.length + " bytes)");
        final List<Segment> segments = new ArrayList<>();
        boolean entryExecutable = false;
        for (int i = 0; i < phnum; i++)
        {
            final int at = (int)(phoff + (long)i * phentsize);
            if (b.getInt(at) != PT_LOAD)
            {
                continue;
            }
            final int flags = b.getInt(at + 4);
            final long offset = b.getLong(at + 8);
            final long vaddr = b.getLong(at + 16);
            final long fileSize = b.getLong(at + 32);
            final long memSize = b.getLong(at + 40);
            final String seg = "segment " + i + " (vaddr 0x" + Long.toHexString(vaddr) + ", " + memSize + " bytes)";
            require(name, fileSize >= 0 && memSize >= fileSize, seg + ": file size " + fileSize + " exceeds memory size");
            require(name, offset >= 0 && offset + fileSize <= bytes.length && offset + fileSize >= offset,
                seg + ": file bytes at " + offset + ".." + (offset + fileSize) + " run past the end of the file (" +
                    bytes.length + " bytes)");
            require(name, vaddr >= LOAD_START && vaddr + memSize <= LOAD_END && vaddr + memSize >= vaddr,
                seg + ": outside the loadable guest range [0x" + Long.toHexString(LOAD_START) + ", 0x" +
                    Long.toHexString(LOAD_END) + ")");
            for (final Segment other : segments)
            {
                require(name, vaddr + memSize <= other.address() || other.address() + other.memorySize() <= vaddr,
                    seg + ": overlaps the segment at 0x" + Long.toHexString(other.address()));
            }
            final byte[] data = new byte[(int)fileSize];
            System.arraycopy(bytes, (int)offset, data, 0, data.length);
            segments.add(new Segment(vaddr, data, memSize));
            if ((flags & PF_X) != 0 && entry >= vaddr && entry < vaddr + memSize)
            {
                entryExecutable = true;
            }
        }
        require(name, !segments.isEmpty(), "no loadable (PT_LOAD) segment");
        require(name, entryExecutable, "entry point 0x" + Long.toHexString(entry) + " is not inside an executable segment");
        return new GuestImage(name, entry, segments);
    }

    private static void require(final String name, final boolean ok, final String defect)
    {
        if (!ok)
        {
            throw new GuestImageException(name + ": " + defect);
        }
    }

    /** @return the name used in errors and reports (file path or "flat code"). */
    public String name()
    {
        return name;
    }

    /** @return the guest address execution starts at. */
    public long entry()
    {
        return entry;
    }

    /** @return bytes of memory the segments occupy. */
    public long size()
    {
        long size = 0;
        for (final Segment s : segments)
        {
            size += s.memorySize();
        }
        return size;
    }

    /** Copies the segments into guest memory and zeroes their bss. */
    void loadInto(final MemorySegment memory)
    {
        for (final Segment s : segments)
        {
            memory.asSlice(s.address(), s.memorySize()).fill((byte)0);
            MemorySegment.copy(MemorySegment.ofArray(s.bytes()), 0, memory, s.address(), s.bytes().length);
        }
    }

    @Override
    public String toString()
    {
        return "GuestImage[" + name + ", entry 0x" + Long.toHexString(entry) + ", " + segments.size() + " segments, " +
            size() + " bytes]";
    }
}
