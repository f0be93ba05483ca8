/**
 * Live hosts on KVM through the Panama FFM API (DESIGN.md section 5): VM and vCPU creation, the
 * vCPU run loop in the native shim, guest loading and virtual devices. Each vCPU will be a
 * self-running vtask ({@link org.livestack.api.SelfRunningTask}) of the virtual-time core. This
 * module is filled by the live-host issue; until then it holds no code.
 */
package org.livestack.kvm;
