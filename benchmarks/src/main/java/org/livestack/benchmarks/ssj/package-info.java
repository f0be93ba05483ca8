/**
 * Baselines written against SSJ ({@code ca.umontreal.iro.simul:ssj} 3.3.2), an established
 * sequential Java discrete-event library: the same M/M/1 and PHOLD models as LiveStack's
 * ({@link org.livestack.models.Station}, {@link org.livestack.models.Phold}), so results and speed
 * compare in one run. Each run uses its own {@code Simulator} instance.
 */
package org.livestack.benchmarks.ssj;
