package org.livestack.runtime.junit;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.livestack.api.RunReport;
import org.livestack.api.RunReports;

/**
 * Injects a {@link SimulationHarness} (one per test invocation, seeded from {@link Seed}); when the
 * test fails, prints the seed and writes the last run's report (JSON and CSV, {@link RunReports})
 * to {@code target/surefire-reports/livestack/} (override with {@code -Dlivestack.reports=DIR}).
 */
public final class LiveStackExtension implements ParameterResolver, TestWatcher
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LiveStackExtension.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return parameter.getParameter().getType() == SimulationHarness.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("harness", k -> new SimulationHarness(seedOf(context)),
            SimulationHarness.class);
    }

    private static long seedOf(final ExtensionContext context)
    {
        final Seed onMethod = context.getTestMethod().map(m -> m.getAnnotation(Seed.class)).orElse(null);
        if (onMethod != null)
        {
            return onMethod.value();
        }
        final Seed onClass = context.getTestClass().map(c -> c.getAnnotation(Seed.class)).orElse(null);
        return onClass != null ? onClass.value() : 42;
    }

    @Override
    public void testFailed(final ExtensionContext context, final Throwable cause)
    {
        final SimulationHarness h = context.getStore(NAMESPACE).get("harness", SimulationHarness.class);
        if (h == null)
        {
            return;
        }
        final StringBuilder msg = new StringBuilder("LiveStack: ").append(context.getDisplayName()).append(" in ")
            .append(context.getRequiredTestClass().getSimpleName()).append(" failed with seed ").append(h.seed());
        final RunReport report = h.lastReport();
        if (report != null)
        {
            final Path dir = Path.of(System.getProperty("livestack.reports", "target/surefire-reports/livestack"));
            final String name = (context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() +
                "-" + context.getUniqueId().hashCode()).replaceAll("[^A-Za-z0-9._-]", "_");
            try
            {
                msg.append("; report of its last run: ").append(RunReports.write(report, dir, name).toAbsolutePath());
            }
            catch (final IOException e)
            {
                msg.append("; could not write its report: ").append(e);
            }
        }
        System.err.println(msg);
    }
}
