package org.livestack.runtime.junit;

import java.util.concurrent.TimeUnit;

import org.assertj.core.api.AbstractAssert;
import org.livestack.api.RunReport;

/**
 * AssertJ-style assertions for experiments: {@code assertThat(report).hasNoLateDeliveries()
 * .skewStayedWithinBound("rack")}, {@code assertThatVirtualTime(rtt).isAtMost(50, MICROSECONDS)}.
 */
public final class LiveStackAssertions
{
    private LiveStackAssertions()
    {
    }

    /** @return assertions on a run report. */
    public static RunReportAssert assertThat(final RunReport report)
    {
        return new RunReportAssert(report);
    }

    /** @return assertions on a virtual duration or time, in nanoseconds. */
    public static VirtualTimeAssert assertThatVirtualTime(final long nanos)
    {
        return new VirtualTimeAssert(nanos);
    }

    /** Assertions on a {@link RunReport}. */
    public static final class RunReportAssert extends AbstractAssert<RunReportAssert, RunReport>
    {
        RunReportAssert(final RunReport actual)
        {
            super(actual, RunReportAssert.class);
        }

        /** No message reached its receiver after the receiver had passed its visible time. */
        public RunReportAssert hasNoLateDeliveries()
        {
            isNotNull();
            if (actual.lateDeliveries() != 0)
            {
                failWithMessage("expected no late deliveries but %d were late (max %d ns)", actual.lateDeliveries(),
                    actual.maxLatenessNanos());
            }
            return this;
        }

        /** Late deliveries happened but none was later than {@code nanos}. */
        public RunReportAssert latenessAtMost(final long nanos)
        {
            isNotNull();
            if (actual.maxLatenessNanos() > nanos)
            {
                failWithMessage("expected lateness at most %d ns but a delivery was %d ns late", nanos, actual.maxLatenessNanos());
            }
            return this;
        }

        /** Every member of {@code scope} stayed within its skew bound at every dispatch. */
        public RunReportAssert skewStayedWithinBound(final String scope)
        {
            isNotNull();
            final RunReport.ScopeStats s = actual.scope(scope);
            if (s.maxSkewNanos() > s.skewNanos())
            {
                failWithMessage("expected scope '%s' within its skew bound of %d ns but observed %d ns", scope, s.skewNanos(),
                    s.maxSkewNanos());
            }
            return this;
        }

        /** The run got to {@code nanos} of virtual time. */
        public RunReportAssert reachedVirtualTime(final long nanos)
        {
            isNotNull();
            if (actual.virtualTimeNanos() < nanos)
            {
                failWithMessage("expected the run to reach %d ns of virtual time but it stopped at %d ns", nanos,
                    actual.virtualTimeNanos());
            }
            return this;
        }

        /** {@code sent == delivered + inFlight + dropped}, and nothing was dropped. */
        public RunReportAssert lostNoMessage()
        {
            isNotNull();
            if (actual.sent() != actual.delivered() + actual.inFlight() + actual.dropped() || actual.dropped() != 0)
            {
                failWithMessage("expected every message delivered or in flight but sent %d = delivered %d + in flight %d + " +
                    "dropped %d", actual.sent(), actual.delivered(), actual.inFlight(), actual.dropped());
            }
            return this;
        }
    }

    /** Assertions on a virtual time in nanoseconds. */
    public static final class VirtualTimeAssert extends AbstractAssert<VirtualTimeAssert, Long>
    {
        VirtualTimeAssert(final long nanos)
        {
            super(nanos, VirtualTimeAssert.class);
        }

        /** At most {@code amount} {@code unit}s of virtual time. */
        public VirtualTimeAssert isAtMost(final long amount, final TimeUnit unit)
        {
            if (actual > unit.toNanos(amount))
            {
                failWithMessage("expected at most %d %s of virtual time but was %d ns", amount, unit, actual);
            }
            return this;
        }

        /** At least {@code amount} {@code unit}s of virtual time. */
        public VirtualTimeAssert isAtLeast(final long amount, final TimeUnit unit)
        {
            if (actual < unit.toNanos(amount))
            {
                failWithMessage("expected at least %d %s of virtual time but was %d ns", amount, unit, actual);
            }
            return this;
        }

        /** Within {@code tolerance} {@code unit}s of {@code expectedNanos}. */
        public VirtualTimeAssert isWithin(final long tolerance, final TimeUnit unit, final long expectedNanos)
        {
            if (Math.abs(actual - expectedNanos) > unit.toNanos(tolerance))
            {
                failWithMessage("expected %d ns within %d %s but was %d ns (off by %d ns)", expectedNanos, tolerance, unit, actual,
                    actual - expectedNanos);
            }
            return this;
        }
    }
}
