package org.livestack.kvm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The native vCPU run loop ({@code libvtrun}, native/vtrun): enters KVM_RUN for at most one
 * quantum, ended by a per-thread timer signal that is unblocked only inside KVM_RUN, and measures how
 * long the thread was descheduled meanwhile. Loaded through FFM. One instance per process; {@link #attach} on each
 * vCPU thread.
 */
public final class VcpuRunLoop
{
    /** Returned by {@link #run} when the quantum ended before the guest exited. */
    public static final int QUANTUM_END = -1000;

    private final MethodHandle attach;
    private final MethodHandle run;
    private final MethodHandle detach;
    private final MethodHandle rdtsc;
    private volatile double ticksPerNano;

    private VcpuRunLoop(final SymbolLookup lib)
    {
        final Linker linker = Linker.nativeLinker();
        attach = linker.downcallHandle(lib.find("vtrun_attach").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        run = linker.downcallHandle(lib.find("vtrun_run").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
        detach = linker.downcallHandle(lib.find("vtrun_detach").orElseThrow(), FunctionDescriptor.ofVoid());
        rdtsc = linker.downcallHandle(lib.find("vtrun_rdtsc").orElseThrow(), FunctionDescriptor.of(JAVA_LONG));
    }

    /**
     * Loads libvtrun from the system property {@code livestack.vtrun}, else from
     * {@code native/target/lib} or {@code ../native/target/lib} (a build tree).
     *
     * @return the run loop.
     * @throws IllegalStateException saying where it looked if the library is not found.
     */
    public static VcpuRunLoop load()
    {
        final String configured = System.getProperty("livestack.vtrun");
        final Path[] candidates = configured != null ? new Path[] {Path.of(configured)} :
            new Path[] {Path.of("native/target/lib/libvtrun.so"), Path.of("../native/target/lib/libvtrun.so")};
        for (final Path p : candidates)
        {
            if (Files.isRegularFile(p))
            {
                return new VcpuRunLoop(SymbolLookup.libraryLookup(p.toAbsolutePath(), Arena.global()));
            }
        }
        throw new IllegalStateException("libvtrun not found (looked at " + java.util.Arrays.toString(candidates) +
            "); build it with `make` in native/ or set -Dlivestack.vtrun=/path/to/libvtrun.so");
    }

    /** Prepares the calling thread to run this vCPU (signal handler, masks, timer). */
    public void attach(final KvmVm.Vcpu vcpu)
    {
        final int r;
        try
        {
            r = (int)attach.invokeExact(vcpu.fd());
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("vtrun_attach via FFM failed", t);
        }
        if (r < 0)
        {
            throw new KvmException("vtrun_attach (KVM_SET_SIGNAL_MASK, timer_create)", -r);
        }
    }

    /**
     * @param vcpu      an attached vCPU of the calling thread.
     * @param quantumNs wall nanoseconds the guest may run at most.
     * @param descheduledNs an 8-byte native segment, reused across calls, that receives the wall
     *                  nanoseconds inside KVM_RUN during which the thread did not run (wall minus
     *                  thread CPU time; no allocation per entry).
     * @return the KVM exit reason, or {@link #QUANTUM_END}.
     */
    public int run(final KvmVm.Vcpu vcpu, final long quantumNs, final MemorySegment descheduledNs)
    {
        final int r;
        try
        {
            r = (int)run.invokeExact(vcpu.fd(), vcpu.run(), quantumNs, descheduledNs);
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("vtrun_run via FFM failed", t);
        }
        if (r < 0 && r != QUANTUM_END)
        {
            throw new KvmException("KVM_RUN (vtrun_run) of vCPU " + vcpu.id(), -r);
        }
        return r;
    }

    /** @return the host TSC (what a ring-3 guest's {@code rdtsc} reads on this host). */
    public long rdtsc()
    {
        try
        {
            return (long)rdtsc.invokeExact();
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("vtrun_rdtsc via FFM failed", t);
        }
    }

    /** @return TSC ticks per nanosecond, calibrated once against System.nanoTime over 20 ms. */
    public double ticksPerNano()
    {
        double t = ticksPerNano;
        if (t == 0)
        {
            final long n0 = System.nanoTime();
            final long c0 = rdtsc();
            while (System.nanoTime() - n0 < 20_000_000)
            {
                Thread.onSpinWait();
            }
            t = (double)(rdtsc() - c0) / (System.nanoTime() - n0);
            ticksPerNano = t;
        }
        return t;
    }

    /** Deletes the calling thread's timer. */
    public void detach()
    {
        try
        {
            detach.invokeExact();
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("vtrun_detach via FFM failed", t);
        }
    }
}
