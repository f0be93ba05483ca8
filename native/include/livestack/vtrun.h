/*
 * libvtrun: the vCPU run loop shim. Enters KVM_RUN for at most one quantum: a per-thread POSIX
 * timer (SIGEV_THREAD_ID) sends a real-time signal whose no-op handler makes KVM_RUN return EINTR.
 * The signal is blocked in the thread and unblocked only inside KVM_RUN (KVM_SET_SIGNAL_MASK), so it
 * never interrupts the JVM's own code. The caller times the guest itself (TSC stamps); the shim
 * reports how long the thread was descheduled inside KVM_RUN (wall time minus thread CPU time).
 */
#ifndef LIVESTACK_VTRUN_H
#define LIVESTACK_VTRUN_H

#include <stdint.h>

/** Result of vtrun_run when the quantum ended before the guest exited. */
#define VTRUN_QUANTUM_END (-1000)

/**
 * Prepares the calling thread to run vCPU vcpu_fd: installs the handler, blocks the signal, sets
 * the vCPU's signal mask and creates the thread's timer. Returns 0, or -errno.
 */
int vtrun_attach(int vcpu_fd);

/**
 * Runs the vCPU for at most quantum_ns of wall time.
 * Returns the KVM exit reason (>= 0), VTRUN_QUANTUM_END if the quantum ended first, or -errno.
 * *descheduled_ns receives the wall time inside KVM_RUN during which the thread did not run
 * (CLOCK_MONOTONIC minus CLOCK_THREAD_CPUTIME_ID; guest execution counts as the thread's CPU time).
 */
int vtrun_run(int vcpu_fd, void *kvm_run, int64_t quantum_ns, int64_t *descheduled_ns);

/** Reads the host TSC (the guest's `rdtsc` sees the same counter on this host). */
uint64_t vtrun_rdtsc(void);

/** Deletes the calling thread's timer. */
void vtrun_detach(void);

#endif
