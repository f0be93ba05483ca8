/**
 * JUnit 5 support for experiments (needs {@code junit-jupiter-api} and {@code assertj-core} on the
 * test class path; both are optional dependencies of the runtime): {@link
 * org.livestack.runtime.junit.SimulationTest} or {@code @ExtendWith(LiveStackExtension.class)}
 * injects a {@link org.livestack.runtime.junit.SimulationHarness} per test; on failure the
 * extension prints the seed and writes the last run's report next to the test results;
 * {@link org.livestack.runtime.junit.LiveStackAssertions} asserts on run reports and virtual times.
 */
package org.livestack.runtime.junit;
