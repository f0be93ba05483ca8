package org.livestack.cli;

import java.util.List;

import org.livestack.api.Endpoint;

/**
 * Implemented by a component of your own named in an experiment file ({@code model: class}) that
 * needs to know its endpoint and where to send: called once, before the run.
 *
 * <pre>{@code
 * public final class Pinger implements Component, Connectable {
 *     public Pinger(Map<String, String> params) { ... }      // the file's params, as written
 *     public void connect(Endpoint self, List<Endpoint> targets) { ... }
 * }
 * }</pre>
 */
public interface Connectable
{
    /**
     * @param self    this component's endpoint ({@code eth}).
     * @param targets the endpoints of the file's {@code targets}, in order (instances of a
     *                multi-instance target in instance order); empty if none are given.
     */
    void connect(Endpoint self, List<Endpoint> targets);
}
