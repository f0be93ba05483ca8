/**
 * Live hosts on KVM through the Panama FFM API (DESIGN.md section 5). So far: the system and VM
 * ioctls (open, API version, capability checks, VM and vCPU creation with the {@code kvm_run} area
 * mapped) with errno turned into {@link org.livestack.kvm.KvmException}s that name the call, and
 * a side-effect-free capability probe ({@link org.livestack.kvm.KvmCapabilities}). The vCPU run
 * loop, guest loading and devices come next; each vCPU will be a self-running vtask
 * ({@link org.livestack.api.SelfRunningTask}).
 */
package org.livestack.kvm;
