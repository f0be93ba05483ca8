package org.livestack.kvm;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.SimulationException;
import org.livestack.api.VTask;
import org.livestack.api.VTaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Live hosts: real guest code at CPL 3 as self-running vtasks under virtual time. */
class LiveHostTest
{
    @BeforeEach
    void requireKvm()
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
    }

    /** Prints {@code text}, then {@code chunks} times: spin {@code iterations}, print '.'; exits 7. */
    static byte[] guest(final String text, final int chunks, final int iterations)
    {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (final char c : text.toCharArray())
        {
            b.write(0xB0);
            b.write(c);                    // mov al, c
            b.write(0xE6);
            b.write(LiveHost.PORT_CONSOLE); // out 0x10, al
        }
        b.write(0xBB);                     // mov ebx, chunks
        writeInt(b, chunks);
        final int outer = b.size();
        b.write(0xB9);                     // mov ecx, iterations
        writeInt(b, iterations);
        b.write(0xFF);
        b.write(0xC9);                     // dec ecx
        b.write(0x75);
        b.write(0xFC);                     // jnz -4
        b.write(0xB0);
        b.write('.');
        b.write(0xE6);
        b.write(LiveHost.PORT_CONSOLE);    // out 0x10, '.'
        b.write(0xFF);
        b.write(0xCB);                     // dec ebx
        final int jnzAt = b.size();
        b.write(0x75);
        b.write(outer - (jnzAt + 2));      // jnz outer
        b.write(0xB0);
        b.write(7);
        b.write(0xE6);
        b.write(LiveHost.PORT_EXIT);       // out 0x11, 7
        b.write(0xEB);
        b.write(0xFE);                     // jmp $
        return b.toByteArray();
    }

    private static void writeInt(final ByteArrayOutputStream b, final int v)
    {
        b.write(v);
        b.write(v >>> 8);
        b.write(v >>> 16);
        b.write(v >>> 24);
    }

    @Test
    void aGuestRunsAsAVTaskItsVtimeIsItsMeasuredExecutionTime()
    {
        final LiveHost host = new LiveHost(guest("hi", 20, 1_000_000), 1.0);
        final Simulation.Builder b = Simulation.builder();
        final VTask cpu = b.selfRunning("vcpu0", host);
        b.scope("host", 1_000_000_000L, cpu);
        final RunReport r = b.horizon(60_000_000_000L).workers(1).build().run();

        assertThat(host.console()).isEqualTo("hi" + ".".repeat(20));
        assertThat(host.exitStatus()).isEqualTo(7);
        assertThat(r.vtask("vcpu0").state()).isEqualTo(VTaskState.DONE);
        assertThat(host.overruns()).isZero();
        assertThat(r.vtask("vcpu0").vtime()).as("vtime = guest time at speed factor 1")
            .isBetween(host.guestNanos() - host.exits(), host.guestNanos() + host.exits());
    }

    @Test
    void twoLiveHostsInAScopeStayWithinTheSkewBound()
    {
        final LiveHost fast = new LiveHost(guest("", 400, 200_000), 1.0);
        final LiveHost slow = new LiveHost(guest("", 400, 200_000), 2.0);
        final Simulation.Builder b = Simulation.builder();
        final VTask f = b.selfRunning("fast", fast);
        final VTask s = b.selfRunning("slow", slow);
        final long skew = 1_000_000;
        b.scope("rack", skew, f, s);
        final RunReport r = b.horizon(60_000_000_000L).workers(1).build().run();

        assertThat(fast.exitStatus()).isEqualTo(7);
        assertThat(slow.exitStatus()).isEqualTo(7);
        assertThat(r.scope("rack").maxSkewNanos()).isLessThanOrEqualTo(skew);
        assertThat(r.vtask("slow").vtime()).as("the slow CPU's vtime counts double")
            .isGreaterThan(r.vtask("fast").vtime());
    }

    @Test
    void aFaultingGuestFailsItsVTaskWithAClearReport()
    {
        // ud2: illegal instruction in ring 3, no guest IDT -> shutdown
        final LiveHost host = new LiveHost(new byte[] {0x0F, 0x0B}, 1.0);
        final Simulation.Builder b = Simulation.builder();
        b.scope("host", 1_000_000, b.selfRunning("bad-guest", host));
        assertThatThrownBy(() -> b.horizon(1_000_000_000L).build().run())
            .isInstanceOf(SimulationException.class).hasMessageContaining("bad-guest")
            .rootCause().isInstanceOf(GuestFaultException.class).hasMessageContaining("ud2, an illegal instruction");
    }
}
