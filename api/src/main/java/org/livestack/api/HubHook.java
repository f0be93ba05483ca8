package org.livestack.api;

/**
 * A small function a {@link Hub} runs on every frame it receives, before it picks output ports
 * (the in-kernel eBPF of the LiveStack design): it may drop, rewrite, re-route or delay the frame.
 * Hooks of one hub run in registration order on the hub's vtask, one frame at a time, in the
 * deterministic delivery order, so a hook may keep state (a counter, a table) without locking.
 */
@FunctionalInterface
public interface HubHook
{
    /**
     * @param frame the frame and what may be done to it; valid only during the call.
     */
    void onFrame(HubHookContext frame);
}
