package org.livestack.kvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import org.livestack.api.SelfRunningTask;
import org.livestack.api.VTaskControl;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A one-vCPU live host: raw x86-64 guest code runs at CPL 3 in a KVM VM as a self-running vtask,
 * its vtime advancing by the wall time measured inside KVM_RUN times a speed factor.
 *
 * <p>First cut, without the native run-loop shim: KVM_RUN is entered from Java and runs until the
 * guest's next exit, so a guest is preempted only at its own port I/O. Progress past the grant
 * cannot be reported (the dispatch rule), so a run overshooting its grant is counted in
 * {@link #overruns()} and its vtime capped at the grant: cooperative guests that exit often stay
 * exact, the timer-signal quantum of the shim will make it exact for all.
 *
 * <p>Guest ABI (port I/O, one byte): {@code out 0x10, al} writes a console byte; {@code out 0x11,
 * al} exits with status {@code al}. Any other exit is a guest fault and fails the vtask.
 */
public final class LiveHost implements SelfRunningTask
{
    /** Console output port. */
    public static final int PORT_CONSOLE = 0x10;
    /** Exit port: the byte written is the exit status. */
    public static final int PORT_EXIT = 0x11;
    /** Guest physical address the code is loaded at. */
    public static final long CODE_ADDRESS = 0x10000;
    /**
     * Guest physical address of the virtual clock page (native/guest/clock.h): seq, base vtime,
     * TSC at entry, ns-per-tick multiplier (<< 32), rewritten before every entry with the run loop.
     */
    public static final long CLOCK_PAGE = 0x5000;

    private static final long MEMORY = 4 << 20;
    private static final long STACK_TOP = 0x3ff000;

    private final byte[] code;
    private final double speedFactor;
    private VcpuRunLoop runLoop;
    private long maxQuantumNanos = 10_000_000;
    /** A quantum ends this much before the grant: the timer signal's kick lands late (45-100 us here). */
    private static final long KICK_MARGIN_NANOS = 150_000;
    private volatile long quantumEnds;
    private long stallNanos;
    private Arena memoryArena;
    private volatile long stalls;
    private final StringBuilder console = new StringBuilder();
    private volatile int exitStatus = -1;
    private volatile long guestNanos;
    private volatile long exits;
    private volatile long overruns;

    /**
     * @param code        machine code, loaded at {@link #CODE_ADDRESS}, at most 1 MiB.
     * @param speedFactor virtual nanoseconds per nanosecond of guest execution, {@code > 0}
     *                    (0.5 models a target CPU twice as fast as this host).
     */
    public LiveHost(final byte[] code, final double speedFactor)
    {
        if (code.length == 0 || code.length > (1 << 20))
        {
            throw new IllegalArgumentException("guest code of " + code.length + " bytes: must be 1 byte to 1 MiB");
        }
        if (!(speedFactor > 0))
        {
            throw new IllegalArgumentException("speed factor " + speedFactor + " must be > 0");
        }
        this.code = code.clone();
        this.speedFactor = speedFactor;
    }

    /**
     * Runs the vCPU through the native run loop: each KVM_RUN is bounded by a quantum that ends at
     * the grant (or after {@code maxQuantumNanos}), so the guest is preempted where the dispatch rule
     * says, not only at its own exits.
     *
     * @param loop            the loaded run loop.
     * @param maxQuantumNanos the longest quantum in wall nanoseconds, {@code >= 1000}.
     * @return this.
     */
    public LiveHost withRunLoop(final VcpuRunLoop loop, final long maxQuantumNanos)
    {
        if (maxQuantumNanos < 1000)
        {
            throw new IllegalArgumentException("max quantum " + maxQuantumNanos + " ns must be >= 1000");
        }
        this.runLoop = loop;
        this.maxQuantumNanos = maxQuantumNanos;
        return this;
    }

    /** Test hook: sleep this long after every quantum, as a descheduled vCPU thread would. */
    LiveHost stallBetweenQuanta(final long nanos)
    {
        this.stallNanos = nanos;
        return this;
    }

    /** @return stalls done by the test hook. */
    long stalls()
    {
        return stalls;
    }

    /** @return quanta that ended before the guest exited (preemptions). */
    public long quantumEnds()
    {
        return quantumEnds;
    }

    @Override
    public void run(final VTaskControl control)
    {
        try (Arena arena = Arena.ofShared(); Kvm kvm = Kvm.open(); KvmVm vm = kvm.createVm())
        {
            memoryArena = arena;
            final MemorySegment memory = arena.allocate(MEMORY, 2 << 20);
            Ring3Setup.writePageTables(memory);
            MemorySegment.copy(MemorySegment.ofArray(code), 0, memory, CODE_ADDRESS, code.length);
            vm.setUserMemoryRegion(0, 0, memory);
            try (KvmVm.Vcpu vcpu = vm.createVcpu(0))
            {
                Ring3Setup.enterRing3(vcpu, CODE_ADDRESS, STACK_TOP);
                if (runLoop != null)
                {
                    runLoop.attach(vcpu);
                }
                try
                {
                    loop(control, vcpu, memory);
                }
                finally
                {
                    if (runLoop != null)
                    {
                        runLoop.detach();
                    }
                }
            }
        }
    }

    private void loop(final VTaskControl control, final KvmVm.Vcpu vcpu, final MemorySegment memory)
    {
        final MemorySegment run = vcpu.run();
        final MemorySegment spentOut = memoryArena.allocate(JAVA_LONG);
        final long mult = runLoop == null ? 0 : Math.round(speedFactor / runLoop.ticksPerNano() * 4294967296.0);
        while (true)
        {
            final long grant = control.awaitGrant();
            final int exit;
            final long spent;
            if (runLoop != null)
            {
                final long quantum = Math.max(10_000, Math.min(maxQuantumNanos,
                    (long)((grant - control.vtime()) / speedFactor) - KICK_MARGIN_NANOS));
                final long seq = memory.get(JAVA_LONG, CLOCK_PAGE);
                memory.set(JAVA_LONG, CLOCK_PAGE, seq + 1);
                memory.set(JAVA_LONG, CLOCK_PAGE + 8, control.vtime());
                memory.set(JAVA_LONG, CLOCK_PAGE + 24, mult);
                memory.set(JAVA_LONG, CLOCK_PAGE + 16, runLoop.rdtsc());
                memory.set(JAVA_LONG, CLOCK_PAGE, seq + 2);
                exit = runLoop.run(vcpu, quantum, spentOut);
                spent = spentOut.get(JAVA_LONG, 0);
                if (stallNanos > 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(stallNanos);
                    stalls++;
                }
            }
            else
            {
                final long start = System.nanoTime();
                exit = vcpu.runOnce();
                spent = System.nanoTime() - start;
            }
            guestNanos += spent;
            final long target = control.vtime() + Math.max(1, Math.round(spent * speedFactor));
            if (target > grant)
            {
                overruns++;
            }
            control.advanceTo(Math.min(grant, target));
            if (exit == VcpuRunLoop.QUANTUM_END)
            {
                quantumEnds++;
                continue;
            }
            exits++;
            if (exit != KvmLayouts.EXIT_IO || run.get(JAVA_BYTE, KvmLayouts.RUN_IO_DIRECTION) != 1)
            {
                throw new IllegalStateException("guest fault: KVM exit reason " + exit + " at vtime " + control.vtime() +
                    (exit == KvmLayouts.EXIT_SHUTDOWN ? " (shutdown: a fault in ring 3 with no guest IDT)" : ""));
            }
            final int port = run.get(JAVA_SHORT, KvmLayouts.RUN_IO_PORT) & 0xffff;
            final byte value = run.get(JAVA_BYTE, run.get(JAVA_LONG, KvmLayouts.RUN_IO_DATA_OFFSET));
            if (port == PORT_CONSOLE)
            {
                synchronized (console)
                {
                    console.append(new String(new byte[] {value}, StandardCharsets.ISO_8859_1));
                }
            }
            else if (port == PORT_EXIT)
            {
                exitStatus = value & 0xff;
                return;
            }
            else
            {
                throw new IllegalStateException("guest wrote to unknown port 0x" + Integer.toHexString(port));
            }
        }
    }

    /** @return what the guest wrote to its console so far. */
    public String console()
    {
        synchronized (console)
        {
            return console.toString();
        }
    }

    /** @return the guest's exit status, or -1 if it has not exited. */
    public int exitStatus()
    {
        return exitStatus;
    }

    /** @return wall nanoseconds spent inside KVM_RUN. */
    public long guestNanos()
    {
        return guestNanos;
    }

    /** @return VM exits handled. */
    public long exits()
    {
        return exits;
    }

    /** @return entries whose measured time ran past the grant (vtime capped there). */
    public long overruns()
    {
        return overruns;
    }
}
