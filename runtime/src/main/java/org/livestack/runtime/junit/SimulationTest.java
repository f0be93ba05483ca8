package org.livestack.runtime.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs a simulation: a {@link SimulationHarness} parameter is injected, seeded with
 * {@link Seed} if present (else 42). For parameterized sweeps use {@code @ParameterizedTest} with
 * {@code @ExtendWith(LiveStackExtension.class)} on the class.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(LiveStackExtension.class)
public @interface SimulationTest
{
}
