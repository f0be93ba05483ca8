package org.livestack.kvm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A C program built with the guest runtime (native/guest, by make from Maven) runs as a live host
 * and computes exactly what the same kernels compute as a native Linux program.
 */
class GuestKernelTest
{
    private static final Path GUEST = Path.of("..", "native", "target", "guest", "kernels.elf");
    private static final Path NATIVE = Path.of("..", "native", "target", "bin", "kernels-native");

    @Test
    void theGuestKernelsComputeTheSameChecksumAsTheNativeProgram() throws Exception
    {
        assumeTrue(Files.exists(Path.of(Kvm.DEVICE)), "no /dev/kvm on this machine: KVM tests skipped");
        assertThat(GUEST).as("built by make from Maven").exists();
        final Process p = new ProcessBuilder(NATIVE.toString(), "200").start();
        final String[] nativeOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\n");
        assertThat(p.waitFor()).isZero();

        final LiveHost host = new LiveHost(GuestImage.load(GUEST), 1.0);
        final Simulation.Builder b = Simulation.builder();
        b.scope("host", 10_000_000_000L, b.selfRunning("guest", host)); // S above the run: no grant caps it
        final RunReport r = b.horizon(600_000_000_000L).workers(1).build().run();

        assertThat(host.exitStatus()).isZero();
        assertThat(host.console().trim()).isEqualTo(nativeOut[0]);
        assertThat(r.vtask("guest").vtime()).isPositive();
        assertThat(host.overruns()).isZero();
        System.out.printf("kernels: native %.1f ms, guest virtual %.1f ms (%d exits)%n", Long.parseLong(nativeOut[1]) / 1e6,
            r.vtask("guest").vtime() / 1e6, host.exits());
    }
}
