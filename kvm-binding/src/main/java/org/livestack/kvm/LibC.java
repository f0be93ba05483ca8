package org.livestack.kvm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** The few libc calls the KVM binding needs, through the FFM API, with errno captured. */
final class LibC
{
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.find("open").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LIBC.find("close").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LIBC.find("ioctl").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2), ERRNO_OPTION);
    private static final MethodHandle MMAP = LINKER.downcallHandle(LIBC.find("mmap").orElseThrow(),
        FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), ERRNO_OPTION);
    private static final MethodHandle MUNMAP = LINKER.downcallHandle(LIBC.find("munmap").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
        FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private LibC()
    {
    }

    /** @return the file descriptor. */
    static int open(final String path, final int flags)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment errno = arena.allocate(CAPTURE);
            final int fd = (int)OPEN.invokeExact(errno, arena.allocateFrom(path), flags);
            if (fd < 0)
            {
                throw new KvmException("open(" + path + ")", errnoOf(errno));
            }
            return fd;
        }
        catch (final KvmException e)
        {
            throw e;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("open(" + path + ") via FFM failed", t);
        }
    }

    static void close(final int fd)
    {
        try
        {
            final int r = (int)CLOSE.invokeExact(fd);
            if (r != 0)
            {
                throw new IllegalStateException("close(" + fd + ") failed");
            }
        }
        catch (final RuntimeException e)
        {
            throw e;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("close via FFM failed", t);
        }
    }

    /**
     * @param name the ioctl's name, for the error message.
     * @return the ioctl's non-negative result.
     * @throws KvmException naming the ioctl and errno if it fails.
     */
    static int ioctl(final int fd, final long request, final long argument, final String name)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment errno = arena.allocate(CAPTURE);
            final int r = (int)IOCTL.invokeExact(errno, fd, request, argument);
            if (r < 0)
            {
                throw new KvmException(name, errnoOf(errno));
            }
            return r;
        }
        catch (final KvmException e)
        {
            throw e;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException(name + " via FFM failed", t);
        }
    }

    /** @return a shared read-write mapping of {@code length} bytes of {@code fd}. */
    static MemorySegment mmapShared(final int fd, final long length, final String what)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment errno = arena.allocate(CAPTURE);
            final MemorySegment p = (MemorySegment)MMAP.invokeExact(errno, MemorySegment.NULL, length,
                PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0L);
            if (p.address() == -1L)
            {
                throw new KvmException("mmap(" + what + ")", errnoOf(errno));
            }
            return p.reinterpret(length);
        }
        catch (final KvmException e)
        {
            throw e;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("mmap via FFM failed", t);
        }
    }

    static void munmap(final MemorySegment segment)
    {
        try
        {
            final int r = (int)MUNMAP.invokeExact(segment, segment.byteSize());
            if (r != 0)
            {
                throw new IllegalStateException("munmap failed");
            }
        }
        catch (final RuntimeException e)
        {
            throw e;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("munmap via FFM failed", t);
        }
    }

    /** @return the text of an errno value. */
    static String strerror(final int errno)
    {
        try
        {
            final MemorySegment s = (MemorySegment)STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        }
        catch (final Throwable t)
        {
            return "errno " + errno;
        }
    }

    private static int errnoOf(final MemorySegment capture)
    {
        return (int)ERRNO.get(capture, 0L);
    }
}
