/* libvtrun: see include/livestack/vtrun.h. */
#include "livestack/vtrun.h"

#include <errno.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define VTRUN_SIGNAL (SIGRTMIN + 5)

static __thread timer_t thread_timer;
static __thread int thread_timer_ok;

static void on_signal(int sig)
{
    (void)sig;
}

static int64_t now_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int vtrun_attach(int vcpu_fd)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    if (sigaction(VTRUN_SIGNAL, &sa, NULL) != 0)
    {
        return -errno;
    }
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, VTRUN_SIGNAL);
    if (pthread_sigmask(SIG_BLOCK, &block, NULL) != 0)
    {
        return -EINVAL;
    }
    /* the mask KVM applies while in KVM_RUN: the thread's current mask without our signal */
    sigset_t during;
    pthread_sigmask(SIG_BLOCK, NULL, &during);
    sigdelset(&during, VTRUN_SIGNAL);
    struct kvm_signal_mask *mask = malloc(sizeof(struct kvm_signal_mask) + 8);
    mask->len = 8;
    memcpy(mask->sigset, &during, 8);
    const int r = ioctl(vcpu_fd, KVM_SET_SIGNAL_MASK, mask);
    free(mask);
    if (r != 0)
    {
        return -errno;
    }
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = VTRUN_SIGNAL;
    sev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    if (timer_create(CLOCK_MONOTONIC, &sev, &thread_timer) != 0)
    {
        return -errno;
    }
    thread_timer_ok = 1;
    return 0;
}

static void consume_pending(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, VTRUN_SIGNAL);
    const struct timespec zero = {0, 0};
    while (sigtimedwait(&set, NULL, &zero) > 0)
    {
    }
}

int vtrun_run(int vcpu_fd, void *kvm_run, int64_t quantum_ns, int64_t *descheduled_ns)
{
    struct kvm_run *run = kvm_run;
    struct itimerspec arm;
    memset(&arm, 0, sizeof arm);
    if (quantum_ns < 1000)
    {
        quantum_ns = 1000;
    }
    arm.it_value.tv_sec = quantum_ns / 1000000000LL;
    arm.it_value.tv_nsec = quantum_ns % 1000000000LL;
    run->immediate_exit = 0;
    if (timer_settime(thread_timer, 0, &arm, NULL) != 0)
    {
        return -errno;
    }
    const int64_t wall = now_ns(CLOCK_MONOTONIC);
    const int64_t cpu = now_ns(CLOCK_THREAD_CPUTIME_ID);
    const int r = ioctl(vcpu_fd, KVM_RUN, 0);
    const int err = errno;
    const int64_t ran = now_ns(CLOCK_THREAD_CPUTIME_ID) - cpu;
    const int64_t gap = now_ns(CLOCK_MONOTONIC) - wall - ran;
    *descheduled_ns = gap > 0 ? gap : 0;
    const struct itimerspec disarm = {{0, 0}, {0, 0}};
    timer_settime(thread_timer, 0, &disarm, NULL);
    consume_pending();
    if (r != 0)
    {
        return err == EINTR ? VTRUN_QUANTUM_END : -err;
    }
    if (run->exit_reason == KVM_EXIT_INTR)
    {
        return VTRUN_QUANTUM_END;
    }
    return (int)run->exit_reason;
}

uint64_t vtrun_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

void vtrun_detach(void)
{
    if (thread_timer_ok)
    {
        timer_delete(thread_timer);
        thread_timer_ok = 0;
    }
}
