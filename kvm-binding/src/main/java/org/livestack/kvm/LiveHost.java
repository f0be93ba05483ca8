package org.livestack.kvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.livestack.api.Endpoint;
import org.livestack.api.Message;
import org.livestack.api.SelfRunningTask;
import org.livestack.api.VTaskControl;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A one-vCPU live host: a guest program runs at CPL 3 in a KVM VM as a self-running vtask, its
 * vtime advancing by the time measured inside KVM_RUN times a speed factor.
 *
 * <p><b>Run loop.</b> With the native shim ({@link #withRunLoop}) every KVM_RUN is bounded by a
 * quantum ending at the grant (minus a kick margin, capped by a maximum quantum), so the dispatch
 * rule holds for any guest; a kick that lands late lets the guest run past its grant, and that
 * time is reported as later grants allow (the guest is then ahead of its recorded vtime by at most
 * that overshoot, see {@link #maxOvershootNanos()}). What of an entry is not guest time (the
 * entry itself, the exit or the timer kick; about 25-35 us per exit on nested PVM, about 1 us on
 * VMX) is removed from each entry: exactly, between the TSC stamps the guest runtime writes around
 * each exit, else by estimates calibrated at start-up with a stub that stamps the TSC. An exit
 * is charged a modeled cost instead ({@link #exitCost}, default 1 us), so a guest's virtual time
 * does not depend on how slow this host's exits are. Time the host preempts the vCPU thread inside
 * KVM_RUN (the shim measures wall minus thread CPU time; beyond the calibrated norm of an entry) is
 * not guest work and is not charged either ({@link #preemptions()}); where ring 3 ignores the TSC
 * offset, as on nested PVM, the guest's own clock still sees a preemption that happened while it
 * ran, until its next entry. Without the shim, KVM_RUN runs until the guest's next exit
 * (cooperative guests only; no compensation).
 *
 * <p><b>Guest ABI</b> (native/guest/guest.h): console and exit ports, and a doorbell port whose
 * arguments sit in the hypercall page: sleep until a virtual time (the vtask is BLOCKED and holds no
 * one back, woken early by a frame), NIC send and receive. The guest clock page is rewritten before
 * every entry. Boot arguments ({@link #args}) are in the boot page.
 *
 * <p><b>NIC.</b> {@link #nic} binds an endpoint: frames visible to the host queue in a receive ring
 * ({@link #rxRing} frames; overflow is dropped and counted) until the guest takes them; sends go to
 * an address-book index. {@link #nicRate} paces the guest's sends at a line rate.
 *
 * <p><b>Faults.</b> A guest exception (with no guest IDT it becomes a KVM shutdown), an unknown port,
 * an IN instruction or a bad hypercall argument ends the vtask with a {@link GuestFaultException}
 * that names the image, the vtime, the instruction pointer and, where known, the cause; the
 * simulation's fault policy decides whether the run fails or goes on without the host. A guest that
 * never exits is preempted at every quantum and stopped at the horizon.
 */
public final class LiveHost implements SelfRunningTask
{
    /** Console output port. */
    public static final int PORT_CONSOLE = 0x10;
    /** Exit port: the byte written is the exit status. */
    public static final int PORT_EXIT = 0x11;
    /** Doorbell port: the byte is a hypercall operation, its arguments in the hypercall page. */
    public static final int PORT_DOORBELL = 0x12;
    /** Hypercall: sleep until {@code arg0} (ns) or a frame. */
    public static final int HC_SLEEP = 1;
    /** Hypercall: send {@code arg3} bytes at {@code arg2} with type {@code arg1} to address {@code arg0}. */
    public static final int HC_SEND = 2;
    /** Hypercall: receive into {@code arg0}, capacity {@code arg1}. */
    public static final int HC_RECV = 3;
    /** Hypercall: write {@code arg1} bytes at {@code arg0} to the console (one exit for a whole string). */
    public static final int HC_WRITE = 4;
    /** Hypercall error: buffer outside guest memory. */
    public static final long E_INVAL = -1;
    /** Hypercall error: too long (send), or does not fit (receive). */
    public static final long E_2BIG = -2;
    /** Hypercall error: no such address in the address book. */
    public static final long E_NOADDR = -3;
    /** Hypercall error: no NIC bound. */
    public static final long E_NONIC = -4;
    /** Hypercall error: no frame waiting. */
    public static final long E_AGAIN = -5;
    /** Address of the linked peer, and of a source not in the address book. */
    public static final long NIC_PEER = -1;
    /** Where flat code is loaded. */
    public static final long CODE_ADDRESS = GuestImage.LOAD_START;
    /**
     * Guest physical address of the virtual clock page (native/guest/clock.h): seq, base vtime,
     * TSC at entry, ns-per-tick multiplier (<< 32), rewritten before every entry with the run loop.
     */
    public static final long CLOCK_PAGE = 0x5000;
    /**
     * Guest physical address of the hypercall page (64-bit fields): arg[6], result, out[4], then the
     * guest runtime's exit TSC stamp, resume TSC stamp and the clock seq it resumed in.
     */
    public static final long HYPERCALL_PAGE = 0x6000;
    /** Guest physical address of the boot page: argc then the arguments (64-bit each). */
    public static final long BOOT_PAGE = 0x7000;
    /** At most this many boot arguments. */
    public static final int MAX_ARGS = 63;

    private static final long CALIBRATION_STUB = TscStampStub.ADDRESS;
    private static final byte[] STUB = TscStampStub.CODE;
    private static final int CALIBRATION_EXITS = 200;
    private static final long MEMORY = 4 << 20;
    private static final long STACK_TOP = 0x3ff000;
    /** A quantum ends this much before the grant: the timer signal's kick lands late (45-100 us here). */
    private static final long KICK_MARGIN_NANOS = 150_000;
    private static final long MIN_QUANTUM_NANOS = 10_000;
    /** Descheduled time inside one KVM_RUN beyond the calibrated norm counts as a preemption above this. */
    private static final long PREEMPTION_THRESHOLD_NANOS = 20_000;
    private static final Map<VcpuRunLoop, long[]> CALIBRATIONS = new java.util.IdentityHashMap<>();
    private static final String KVM_DESCRIPTION = KvmCapabilities.probe().describe();

    private final GuestImage image;
    private final double speedFactor;
    private VcpuRunLoop runLoop;
    private long maxQuantumNanos = 10_000_000;
    private long exitCostNanos = 1_000;
    private long[] args = new long[0];
    private Endpoint nic;
    private Endpoint[] addressBook = new Endpoint[0];
    private final Map<Integer, Integer> addressOf = new HashMap<>();
    private int rxRing = 256;
    private long nicBitsPerSecond;
    private long stallNanos;

    private final StringBuilder console = new StringBuilder();
    private final ArrayDeque<Message> rx = new ArrayDeque<>();
    private volatile boolean started;
    private volatile int exitStatus = -1;
    private volatile long guestNanos;
    private volatile long exits;
    private volatile long quantumEnds;
    private volatile long overruns;
    private volatile long stalls;
    private volatile long hostExitOverheadNanos;
    private volatile long hostKickOverheadNanos;
    private volatile long calibrationNanos;
    private volatile long framesSent;
    private volatile long framesReceived;
    private volatile long rxDropped;
    private volatile long framesFiltered;
    private volatile long maxOvershootNanos;
    private volatile long lateFrames;
    private volatile long preemptions;
    private volatile long preemptedNanos;
    private volatile long maxPreemptedNanos;
    private volatile long maxFrameLatenessNanos;
    private volatile long sleeps;
    private volatile String fault;

    /**
     * @param image       the guest program.
     * @param speedFactor virtual nanoseconds per nanosecond of guest execution, {@code > 0}
     *                    (0.5 models a target CPU twice as fast as this host).
     */
    public LiveHost(final GuestImage image, final double speedFactor)
    {
        if (!(speedFactor > 0) || Double.isInfinite(speedFactor))
        {
            throw new IllegalArgumentException("speed factor " + speedFactor + " must be > 0 and finite");
        }
        this.image = java.util.Objects.requireNonNull(image, "image");
        this.speedFactor = speedFactor;
    }

    /**
     * @param code        flat machine code, loaded and entered at {@link #CODE_ADDRESS}.
     * @param speedFactor as in {@link #LiveHost(GuestImage, double)}.
     */
    public LiveHost(final byte[] code, final double speedFactor)
    {
        this(GuestImage.flat(code), speedFactor);
    }

    private void configurable()
    {
        if (started)
        {
            throw new IllegalStateException("live host running " + image.name() + " has started: configure it before the run");
        }
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
        configurable();
        if (maxQuantumNanos < 1000)
        {
            throw new IllegalArgumentException("max quantum " + maxQuantumNanos + " ns must be >= 1000");
        }
        this.runLoop = java.util.Objects.requireNonNull(loop, "loop");
        this.maxQuantumNanos = maxQuantumNanos;
        return this;
    }

    /**
     * @param nanos virtual cost of one guest exit (port I/O, hypercall), replacing this host's
     *              measured exit overhead; {@code >= 0}. Only with the run loop.
     * @return this.
     */
    public LiveHost exitCost(final long nanos)
    {
        configurable();
        if (nanos < 0)
        {
            throw new IllegalArgumentException("exit cost " + nanos + " ns must be >= 0");
        }
        this.exitCostNanos = nanos;
        return this;
    }

    /**
     * @param values boot arguments the guest reads with {@code ls_arg(i, fallback)}, at most {@link #MAX_ARGS}.
     * @return this.
     */
    public LiveHost args(final long... values)
    {
        configurable();
        if (values.length > MAX_ARGS)
        {
            throw new IllegalArgumentException(values.length + " boot arguments: at most " + MAX_ARGS);
        }
        this.args = values.clone();
        return this;
    }

    /**
     * Binds the virtual NIC.
     *
     * @param endpoint    an endpoint of this host's vtask, linked or attached to a hub.
     * @param addressBook the endpoints the guest can address, by index ({@code ls_nic_send(i, ...)});
     *                    a received frame's source is reported as its index here.
     * @return this.
     */
    public LiveHost nic(final Endpoint endpoint, final Endpoint... addressBook)
    {
        configurable();
        this.nic = java.util.Objects.requireNonNull(endpoint, "endpoint");
        this.addressBook = addressBook.clone();
        addressOf.clear();
        for (int i = 0; i < this.addressBook.length; i++)
        {
            java.util.Objects.requireNonNull(this.addressBook[i], "address book entry " + i);
            addressOf.putIfAbsent(this.addressBook[i].id(), i);
        }
        return this;
    }

    /**
     * @param frames receive ring size, {@code >= 1}; frames arriving while it is full are dropped and counted.
     * @return this.
     */
    public LiveHost rxRing(final int frames)
    {
        configurable();
        if (frames < 1)
        {
            throw new IllegalArgumentException("receive ring of " + frames + " frames must hold at least 1");
        }
        this.rxRing = frames;
        return this;
    }

    /**
     * @param bitsPerSecond NIC line rate pacing the guest's sends (a send returns once the frame is on
     *                      the wire), {@code >= 0}; 0 = unpaced (the default). Model serialization on
     *                      the link or here, not both.
     * @return this.
     */
    public LiveHost nicRate(final long bitsPerSecond)
    {
        configurable();
        if (bitsPerSecond < 0)
        {
            throw new IllegalArgumentException("NIC rate " + bitsPerSecond + " b/s must be >= 0");
        }
        this.nicBitsPerSecond = bitsPerSecond;
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

    @Override
    public void run(final VTaskControl control)
    {
        configurable();
        started = true;
        if (nic != null && nic.vtask() != control.vtask())
        {
            throw new IllegalArgumentException("NIC endpoint " + nic + " belongs to another vtask than '" +
                control.vtask().name() + "'");
        }
        try (Arena arena = Arena.ofShared(); Kvm kvm = Kvm.open(); KvmVm vm = kvm.createVm())
        {
            final MemorySegment memory = arena.allocate(MEMORY, 2 << 20);
            Ring3Setup.writePageTables(memory);
            image.loadInto(memory);
            memory.set(JAVA_LONG, BOOT_PAGE, args.length);
            for (int i = 0; i < args.length; i++)
            {
                memory.set(JAVA_LONG, BOOT_PAGE + 8 + 8L * i, args[i]);
            }
            vm.setUserMemoryRegion(0, 0, memory);
            try (KvmVm.Vcpu vcpu = vm.createVcpu(0))
            {
                if (runLoop != null)
                {
                    runLoop.attach(vcpu);
                }
                try
                {
                    final long calibrationStart = System.nanoTime();
                    // the shim writes here how long it found the thread descheduled inside each KVM_RUN
                    final MemorySegment shimDescheduled = arena.allocate(JAVA_LONG);
                    final long[] overhead = runLoop == null ? new long[5] : calibration(vcpu, memory, shimDescheduled);
                    calibrationNanos = System.nanoTime() - calibrationStart;
                    Ring3Setup.enterRing3(vcpu, image.entry(), STACK_TOP);
                    new Session(control, vcpu, memory, shimDescheduled, overhead).loop();
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

    /**
     * The host's entry and exit costs, measured once per run loop (that is, per process) by the first
     * live host that starts and reused by the others: they are properties of the host, and measuring
     * them costs 10 - 30 ms of wall time here. Hosts starting together wait for the one measuring.
     */
    private long[] calibration(final KvmVm.Vcpu vcpu, final MemorySegment memory, final MemorySegment descheduled)
    {
        synchronized (CALIBRATIONS)
        {
            return CALIBRATIONS.computeIfAbsent(runLoop, l -> calibrate(vcpu, memory, descheduled)).clone();
        }
    }

    /**
     * Measures, with a stub that stamps the TSC, what of an entry is not guest time: the entry (host
     * TSC before the run to the stub's first stamp), the tail of a port-I/O exit (stamp to host TSC
     * after) and the tail of a timer kick (last stamp of a spinning stub to host TSC after), in TSC
     * ticks; and the time the shim finds the thread descheduled in an ordinary exit and kick (here
     * 30-50 us of each kick: the host does not count the kick path as the thread's CPU time), in
     * nanoseconds. Means of the lowest 90 % of {@link #CALIBRATION_EXITS} entries.
     */
    private long[] calibrate(final KvmVm.Vcpu vcpu, final MemorySegment memory, final MemorySegment descheduled)
    {
        MemorySegment.copy(MemorySegment.ofArray(STUB), 0, memory, CALIBRATION_STUB, STUB.length);
        final long[] head = new long[CALIBRATION_EXITS];
        final long[] ioTail = new long[CALIBRATION_EXITS];
        final long[] ioDescheduled = new long[CALIBRATION_EXITS];
        Ring3Setup.enterRing3(vcpu, CALIBRATION_STUB, STACK_TOP);
        int n = 0;
        for (int i = 0; i < CALIBRATION_EXITS * 2 && n < CALIBRATION_EXITS; i++)
        {
            final long before = runLoop.rdtsc();
            final int exit = runLoop.run(vcpu, 10_000_000, descheduled);
            final long after = runLoop.rdtsc();
            final long stamp = memory.get(JAVA_LONG, TscStampStub.STAMP);
            if (exit == KvmLayouts.EXIT_IO && stamp > before && stamp < after)
            {
                head[n] = stamp - before;
                ioTail[n] = after - stamp;
                ioDescheduled[n] = descheduled.get(JAVA_LONG, 0);
                n++;
            }
        }
        final long headTicks = trimmedMean(head, n);
        final long ioTailTicks = trimmedMean(ioTail, n);
        final int kicks = CALIBRATION_EXITS / 4;
        final long[] kickTail = new long[kicks];
        final long[] kickDescheduled = new long[kicks];
        final long quantum = Math.max(MIN_QUANTUM_NANOS, 4 * Math.round((headTicks + ioTailTicks) / runLoop.ticksPerNano()));
        Ring3Setup.enterRing3(vcpu, TscStampStub.SPIN, STACK_TOP);
        int k = 0;
        for (int i = 0; i < kicks * 2 && k < kicks; i++)
        {
            final long before = runLoop.rdtsc();
            final int exit = runLoop.run(vcpu, quantum, descheduled);
            final long after = runLoop.rdtsc();
            final long stamp = memory.get(JAVA_LONG, TscStampStub.SPIN_STAMP);
            if (exit == VcpuRunLoop.QUANTUM_END && stamp > before && stamp < after)
            {
                kickTail[k] = after - stamp;
                kickDescheduled[k++] = descheduled.get(JAVA_LONG, 0);
            }
        }
        memory.asSlice(CALIBRATION_STUB, TscStampStub.FOOTPRINT).fill((byte)0);
        return new long[] {headTicks, ioTailTicks, k == 0 ? ioTailTicks : trimmedMean(kickTail, k),
            trimmedMean(ioDescheduled, n), k == 0 ? trimmedMean(ioDescheduled, n) : trimmedMean(kickDescheduled, k)};
    }

    /** Mean of the lowest 90 %: the typical cost including its skew, without the rare preemption. */
    private static long trimmedMean(final long[] values, final int n)
    {
        if (n == 0)
        {
            return 0;
        }
        final long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        final int keep = Math.max(1, n - n / 10);
        long sum = 0;
        for (int i = 0; i < keep; i++)
        {
            sum += sorted[i];
        }
        return sum / keep;
    }

    /** One run of the guest: the vCPU loop and its device model, on the vtask's thread. */
    private final class Session
    {
        private final VTaskControl control;
        private final KvmVm.Vcpu vcpu;
        private final MemorySegment memory;
        private final MemorySegment run;
        private final MemorySegment descheduledOut;
        private final long mult;
        private final long headTicks;
        private final long ioTailTicks;
        private final long kickTailTicks;
        /** What the shim reports as descheduled in an ordinary exit and kick (part of the calibrated cost). */
        private final long ioDescheduledNanos;
        private final long kickDescheduledNanos;
        /** Where the guest's own time is: ahead of vtime while an overrun is being reported. */
        private long guestPosition;
        private final long minQuantumNanos;

        Session(final VTaskControl control, final KvmVm.Vcpu vcpu, final MemorySegment memory, final MemorySegment shimDescheduled,
            final long[] overhead)
        {
            this.headTicks = overhead[0];
            this.ioTailTicks = overhead[1];
            this.kickTailTicks = overhead[2];
            this.ioDescheduledNanos = overhead[3];
            this.kickDescheduledNanos = overhead[4];
            this.control = control;
            this.vcpu = vcpu;
            this.memory = memory;
            this.run = vcpu.run();
            this.descheduledOut = shimDescheduled;
            this.mult = runLoop == null ? 0 : Math.round(speedFactor / runLoop.ticksPerNano() * 4294967296.0);
            final double tpn = runLoop == null ? 1 : runLoop.ticksPerNano();
            hostExitOverheadNanos = Math.round((headTicks + ioTailTicks) / tpn);
            hostKickOverheadNanos = Math.round((headTicks + kickTailTicks) / tpn);
            // a quantum shorter than the entry itself ends before the guest runs an instruction
            this.minQuantumNanos = Math.max(MIN_QUANTUM_NANOS, 2 * hostKickOverheadNanos);
        }

        /**
         * How much of this entry's charged span the host spent not running the thread (preemption,
         * which is not guest work and so not charged): the shim measures the descheduled time inside
         * KVM_RUN (wall minus thread CPU time); beyond what an ordinary entry shows (calibrated) and
         * beyond what the host paths outside the charged span absorbed, it fell inside the span.
         */
        private long descheduledInside(final long before, final long after, final long charged, final int exit)
        {
            final boolean kick = exit == VcpuRunLoop.QUANTUM_END;
            final long excess = descheduledOut.get(JAVA_LONG, 0) - (kick ? kickDescheduledNanos : ioDescheduledNanos);
            if (excess <= PREEMPTION_THRESHOLD_NANOS)
            {
                return 0;
            }
            final long outside = Math.round((after - before) / runLoop.ticksPerNano()) - charged;
            final long inside = Math.min(charged,
                Math.max(0, excess - Math.max(0, outside - (kick ? hostKickOverheadNanos : hostExitOverheadNanos))));
            if (inside > 0)
            {
                preemptions++;
                preemptedNanos += inside;
                maxPreemptedNanos = Math.max(maxPreemptedNanos, inside);
            }
            return inside;
        }

        void loop()
        {
            while (true)
            {
                final long grant = grantBeyondNow();
                final int exit;
                final long spent;
                if (runLoop != null)
                {
                    final long quantum = Math.max(minQuantumNanos, Math.min(maxQuantumNanos,
                        (long)((grant - control.vtime()) / speedFactor) - KICK_MARGIN_NANOS));
                    final long seq = memory.get(JAVA_LONG, CLOCK_PAGE);
                    memory.set(JAVA_LONG, CLOCK_PAGE, seq + 1);
                    memory.set(JAVA_LONG, CLOCK_PAGE + 8, control.vtime());
                    memory.set(JAVA_LONG, CLOCK_PAGE + 24, mult);
                    final long before = runLoop.rdtsc();
                    // the entry is not guest time: the guest's clock starts after it
                    memory.set(JAVA_LONG, CLOCK_PAGE + 16, before + headTicks);
                    memory.set(JAVA_LONG, CLOCK_PAGE, seq + 2);
                    exit = runLoop.run(vcpu, quantum, descheduledOut);
                    final long after = runLoop.rdtsc();
                    // the guest runtime stamps its exits and resumes: where present, charge exactly
                    // the time between them, else the calibrated estimates
                    final long resume = memory.get(JAVA_LONG, HYPERCALL_PAGE + 96);
                    final long start = memory.get(JAVA_LONG, HYPERCALL_PAGE + 104) == seq + 2 && resume > before &&
                        resume < after ? resume : before + headTicks;
                    final long exitStamp = memory.get(JAVA_LONG, HYPERCALL_PAGE + 88);
                    final long end = exit == KvmLayouts.EXIT_IO && exitStamp >= start && exitStamp < after ? exitStamp :
                        after - (exit == VcpuRunLoop.QUANTUM_END ? kickTailTicks : ioTailTicks);
                    final long charged = Math.round((end - start) / runLoop.ticksPerNano());
                    spent = Math.max(0, charged - descheduledInside(before, after, charged, exit));
                    if (stallNanos > 0)
                    {
                        LockSupport.parkNanos(stallNanos);
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
                long advance = Math.round(spent * speedFactor);
                if (exit != VcpuRunLoop.QUANTUM_END && runLoop != null)
                {
                    advance += exitCostNanos;
                }
                final long target = control.vtime() + Math.max(runLoop == null ? 1 : 0, advance);
                if (target > grant)
                {
                    // the guest ran past its grant (a kick lands late): its time is kept, reported as
                    // the grant allows; frames visible before target reach it late, and are counted
                    overruns++;
                    maxOvershootNanos = Math.max(maxOvershootNanos, target - grant);
                }
                advanceTo(target);
                if (exit == VcpuRunLoop.QUANTUM_END)
                {
                    quantumEnds++;
                    continue;
                }
                exits++;
                if (exit != KvmLayouts.EXIT_IO)
                {
                    throw fault("KVM exit " + exitName(exit) + describeFault());
                }
                final int port = run.get(JAVA_SHORT, KvmLayouts.RUN_IO_PORT) & 0xffff;
                if (run.get(JAVA_BYTE, KvmLayouts.RUN_IO_DIRECTION) != 1)
                {
                    throw fault("IN from port 0x" + Integer.toHexString(port) + " (the guest ABI has no input ports)");
                }
                final byte value = run.get(JAVA_BYTE, run.get(JAVA_LONG, KvmLayouts.RUN_IO_DATA_OFFSET));
                switch (port)
                {
                    case PORT_CONSOLE -> {
                        synchronized (console)
                        {
                            console.append((char)(value & 0xff));
                        }
                    }
                    case PORT_EXIT -> {
                        exitStatus = value & 0xff;
                        return;
                    }
                    case PORT_DOORBELL -> hypercall(value & 0xff);
                    default -> throw fault("OUT to unknown port 0x" + Integer.toHexString(port));
                }
            }
        }

        private void hypercall(final int op)
        {
            final long result = switch (op)
            {
                case HC_SLEEP -> sleep(arg(0));
                case HC_SEND -> send(arg(0), arg(1), arg(2), arg(3));
                case HC_RECV -> receive(arg(0), arg(1));
                case HC_WRITE -> write(arg(0), arg(1));
                default -> throw fault("unknown hypercall " + op + " on the doorbell port");
            };
            memory.set(JAVA_LONG, HYPERCALL_PAGE + 48, result);
        }

        private long arg(final int i)
        {
            return memory.get(JAVA_LONG, HYPERCALL_PAGE + 8L * i);
        }

        private long sleep(final long wake)
        {
            sleeps++;
            drainRx();
            if (rx.isEmpty() && Long.compareUnsigned(wake, control.vtime()) > 0)
            {
                if (wake < 0 || wake == Long.MAX_VALUE) // LS_FOREVER, or beyond any vtime
                {
                    control.block();
                }
                else
                {
                    control.blockUntil(wake);
                }
                drainRx();
            }
            return rx.isEmpty() ? 0 : 1;
        }

        private long send(final long address, final long type, final long buffer, final long length)
        {
            if (nic == null)
            {
                return E_NONIC;
            }
            if (length < 0 || length > Message.MAX_PAYLOAD_LENGTH)
            {
                return E_2BIG;
            }
            if (!inMemory(buffer, length))
            {
                return E_INVAL;
            }
            final Endpoint to;
            if (address == NIC_PEER)
            {
                to = null;
            }
            else if (address >= 0 && address < addressBook.length)
            {
                to = addressBook[(int)address];
            }
            else
            {
                return E_NOADDR;
            }
            final byte[] payload = new byte[(int)length];
            MemorySegment.copy(memory, JAVA_BYTE, buffer, payload, 0, payload.length);
            if (nicBitsPerSecond > 0)
            {
                advanceTo(control.vtime() + Math.max(1, (long)Math.ceil(length * 8 * 1e9 / nicBitsPerSecond)));
            }
            if (to == null)
            {
                control.send(nic, (int)type, payload);
            }
            else
            {
                control.send(nic, to, (int)type, payload);
            }
            framesSent++;
            return 0;
        }

        private long write(final long buffer, final long length)
        {
            if (length < 0 || length > 1 << 20 || !inMemory(buffer, length))
            {
                return E_INVAL;
            }
            final byte[] bytes = new byte[(int)length];
            MemorySegment.copy(memory, JAVA_BYTE, buffer, bytes, 0, bytes.length);
            synchronized (console)
            {
                console.append(new String(bytes, StandardCharsets.ISO_8859_1));
            }
            return length;
        }

        private long receive(final long buffer, final long capacity)
        {
            if (nic == null)
            {
                return E_NONIC;
            }
            drainRx();
            final Message m = rx.peekFirst();
            if (m == null)
            {
                return E_AGAIN;
            }
            final Integer source = addressOf.get(m.source().id());
            memory.set(JAVA_LONG, HYPERCALL_PAGE + 56, m.type());
            memory.set(JAVA_LONG, HYPERCALL_PAGE + 64, source == null ? NIC_PEER : source);
            memory.set(JAVA_LONG, HYPERCALL_PAGE + 72, m.visibleTime());
            memory.set(JAVA_LONG, HYPERCALL_PAGE + 80, m.length());
            if (capacity < m.length())
            {
                return E_2BIG;
            }
            if (!inMemory(buffer, m.length()))
            {
                return E_INVAL;
            }
            final ByteBuffer payload = m.payload();
            MemorySegment.copy(MemorySegment.ofBuffer(payload), 0, memory, buffer, m.length());
            rx.pollFirst();
            return m.length();
        }

        /** Advances vtime to {@code target} through as many grants as it takes, taking frames on the way. */
        private void advanceTo(final long target)
        {
            guestPosition = target;
            while (control.vtime() < target)
            {
                control.advanceTo(Math.min(grantBeyondNow(), target));
            }
        }

        /** @return a grant beyond vtime, taking into the receive ring the frames that capped the grants on the way. */
        private long grantBeyondNow()
        {
            while (true)
            {
                final long grant = control.awaitGrant();
                if (grant > control.vtime())
                {
                    return grant;
                }
                drainRx();
            }
        }

        private boolean inMemory(final long address, final long length)
        {
            return address >= 0 && length >= 0 && address <= MEMORY - length;
        }

        private void drainRx()
        {
            Message m;
            while ((m = control.poll()) != null)
            {
                if (nic == null || m.destination().id() != nic.id())
                {
                    framesFiltered++; // a switch's flooded copy for another host: the NIC ignores it
                }
                else if (rx.size() >= rxRing)
                {
                    rxDropped++;
                }
                else
                {
                    rx.addLast(m.copy());
                    framesReceived++;
                    if (m.visibleTime() < guestPosition)
                    {
                        lateFrames++;
                        maxFrameLatenessNanos = Math.max(maxFrameLatenessNanos, guestPosition - m.visibleTime());
                    }
                }
            }
        }

        private GuestFaultException fault(final String what)
        {
            final String text = String.format(Locale.ROOT, "guest %s faulted at vtime %,d ns: %s", image.name(),
                control.vtime(), what);
            fault = text;
            return new GuestFaultException(text);
        }

        /** The instruction pointer, the bytes there and CR2, for a guest that died on an exception. */
        private String describeFault()
        {
            try (Arena a = Arena.ofConfined())
            {
                final MemorySegment regs = a.allocate(KvmLayouts.REGS_LENGTH, 8);
                final MemorySegment sregs = a.allocate(KvmLayouts.SREGS_LENGTH, 8);
                vcpu.getRegs(regs);
                vcpu.getSregs(sregs);
                final long rip = regs.get(JAVA_LONG, KvmLayouts.REGS_RIP);
                final long cr2 = sregs.get(JAVA_LONG, KvmLayouts.SREGS_CR2);
                final StringBuilder sb = new StringBuilder(" (a ring-3 exception with no guest IDT shuts the VM down) at rip 0x")
                    .append(Long.toHexString(rip));
                if (rip >= 0 && rip <= MEMORY - 2)
                {
                    final int b0 = memory.get(JAVA_BYTE, rip) & 0xff;
                    final int b1 = memory.get(JAVA_BYTE, rip + 1) & 0xff;
                    sb.append(String.format(Locale.ROOT, ", bytes %02x %02x", b0, b1));
                    if (b0 == 0x0f && b1 == 0x0b)
                    {
                        sb.append(": ud2, an illegal instruction");
                    }
                }
                if (cr2 != 0)
                {
                    sb.append(", last page fault at 0x").append(Long.toHexString(cr2));
                    if (cr2 >= MEMORY || cr2 < 0)
                    {
                        sb.append(" (outside the guest's ").append(MEMORY >> 20).append(" MiB: a bad memory access)");
                    }
                }
                return sb.toString();
            }
            catch (final RuntimeException e)
            {
                return " (registers unreadable: " + e.getMessage() + ")";
            }
        }
    }

    private static String exitName(final int exit)
    {
        return switch (exit)
        {
            case KvmLayouts.EXIT_SHUTDOWN -> "SHUTDOWN";
            case KvmLayouts.EXIT_HLT -> "HLT";
            case KvmLayouts.EXIT_FAIL_ENTRY -> "FAIL_ENTRY";
            case KvmLayouts.EXIT_INTERNAL_ERROR -> "INTERNAL_ERROR";
            default -> "reason " + exit;
        };
    }

    /**
     * Reads numbers a guest printed: from every console line that starts with {@code prefix}, the
     * space-separated field at {@code field} (0 is the first word), e.g. {@code consoleNumbers("rtt ", 2)}
     * for lines {@code rtt <i> <ns>}.
     *
     * @param prefix the lines' start.
     * @param field  the field's index in each line.
     * @return the values, in console order.
     * @throws NumberFormatException if such a field is not a number.
     */
    public java.util.List<Long> consoleNumbers(final String prefix, final int field)
    {
        final java.util.List<Long> values = new java.util.ArrayList<>();
        for (final String line : console().split("\n"))
        {
            if (line.startsWith(prefix))
            {
                values.add(Long.parseLong(line.split(" ")[field]));
            }
        }
        return values;
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

    /** @return wall nanoseconds of guest execution (inside KVM_RUN, less the host's exit overhead). */
    public long guestNanos()
    {
        return guestNanos;
    }

    /** @return VM exits handled (port I/O and faults; quantum ends are counted apart). */
    public long exits()
    {
        return exits;
    }

    /** @return quanta that ended before the guest exited (preemptions). */
    public long quantumEnds()
    {
        return quantumEnds;
    }

    /**
     * @return entries whose measured time ran past the grant (a late kick, or a cooperative guest's
     *         long run): the time is kept and reported as later grants allow, so the recorded vtime
     *         stays within the skew bound and the guest's own clock is at most one overshoot ahead.
     */
    public long overruns()
    {
        return overruns;
    }

    /**
     * @return the host's calibrated cost of a port-I/O exit round trip (entry plus exit), removed from
     *         guest time; 0 without the run loop.
     */
    public long hostExitOverheadNanos()
    {
        return hostExitOverheadNanos;
    }

    /**
     * @return entries in which the host preempted the vCPU thread inside the charged span (beyond the
     *         calibrated norm); that time was not charged as guest time.
     */
    public long preemptions()
    {
        return preemptions;
    }

    /** @return host preemption excluded from guest time, in nanoseconds. */
    public long preemptedNanos()
    {
        return preemptedNanos;
    }

    /**
     * @return the longest single preemption excluded. The guest's own clock may have seen up to this
     *         much more time than its vtime where ring 3 ignores the TSC offset (until its next entry).
     */
    public long maxPreemptedNanos()
    {
        return maxPreemptedNanos;
    }

    /**
     * @return wall time this host's start-up calibration took (part of the run's wall time, not of
     *         the guest's); next to nothing when an earlier host of the process measured the costs.
     */
    public long calibrationNanos()
    {
        return calibrationNanos;
    }

    /** @return the host's calibrated cost of a quantum end (entry plus timer kick), removed from guest time. */
    public long hostKickOverheadNanos()
    {
        return hostKickOverheadNanos;
    }

    /** @return frames the guest sent. */
    public long framesSent()
    {
        return framesSent;
    }

    /** @return frames put in the receive ring. */
    public long framesReceived()
    {
        return framesReceived;
    }

    /** @return frames dropped because the receive ring was full. */
    public long rxDropped()
    {
        return rxDropped;
    }

    /** @return the largest amount by which one entry ran past its grant (0 if none did). */
    public long maxOvershootNanos()
    {
        return maxOvershootNanos;
    }

    /** @return frames that reached the guest after its clock had passed their visible time (after overruns). */
    public long lateFrames()
    {
        return lateFrames;
    }

    /** @return the fault that ended the guest, or {@code null}. */
    public String fault()
    {
        return fault;
    }

    @Override
    public Map<String, String> details()
    {
        final Map<String, String> d = new LinkedHashMap<>();
        d.put("image", image.name());
        d.put("exit", fault != null ? "faulted" : exitStatus >= 0 ? "status " + exitStatus :
            started ? "still running at the end of the run (never exited)" : "never started");
        if (fault != null)
        {
            d.put("fault", fault);
        }
        d.put("vcpu", String.format(Locale.ROOT,
            "guest %,d ns, %,d exits, %,d quantum ends, %,d overruns (max %,d ns past the grant), %,d sleeps, " +
                "%,d host preemptions excluded (%,d ns, max %,d ns)%s",
            guestNanos, exits, quantumEnds, overruns, maxOvershootNanos, sleeps, preemptions, preemptedNanos, maxPreemptedNanos,
            runLoop == null ? ", cooperative (no run loop)" :
                String.format(Locale.ROOT, ", host overhead removed: %,d ns per exit (replaced by %,d ns), %,d ns per kick",
                    hostExitOverheadNanos, exitCostNanos, hostKickOverheadNanos)));
        if (nic != null)
        {
            d.put("nic", String.format(Locale.ROOT,
                "%s: sent %,d, received %,d (%,d late to the guest, max %,d ns), rx dropped %,d (ring %d), filtered %,d", nic,
                framesSent, framesReceived, lateFrames, maxFrameLatenessNanos, rxDropped, rxRing, framesFiltered));
        }
        d.put("kvm", KVM_DESCRIPTION);
        final String text = console();
        if (!text.isEmpty())
        {
            d.put("console", text.length() > 4000 ? text.substring(0, 4000) + "... (" + text.length() + " chars)" : text);
        }
        return d;
    }

    @Override
    public String toString()
    {
        return "LiveHost[" + image.name() + ", speed " + speedFactor + ", args " + Arrays.toString(args) + "]";
    }
}
