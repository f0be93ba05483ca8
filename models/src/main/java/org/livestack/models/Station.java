package org.livestack.models;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.livestack.api.Component;
import org.livestack.api.ComponentContext;
import org.livestack.api.Message;
import org.livestack.api.stats.Tally;
import org.livestack.api.stats.TimeWeighted;

/**
 * A queueing station: {@code c} identical servers, a service-time rule and a discipline, FIFO (one
 * queue, the first waiting request takes the next free server) or processor sharing (every request
 * in the station is served at once, each at rate {@code min(1, c / n)}). Requests are
 * {@link Jobs#REQUEST}s; each is answered with a {@link Jobs#REPLY} echoing its payload when its
 * service completes. A speed factor divides every service time (a CPU twice as fast takes half the
 * time).
 *
 * <p>Statistics, in virtual nanoseconds: {@link #waiting()} (arrival to service start, FIFO only),
 * {@link #response()} (arrival to reply), {@link #busy()} (servers busy over time: divide its
 * average by {@code c} for the utilisation) and {@link #inSystem()}. Call {@link #resetStatistics}
 * from a model or test to drop a warm-up period.
 */
public final class Station implements Component
{
    /** How the station shares its servers. */
    public enum Discipline
    {
        /** First come, first served over {@code c} servers. */
        FIFO,
        /** Egalitarian processor sharing over {@code c} servers. */
        PROCESSOR_SHARING
    }

    /** The service time of one request, in nanoseconds at speed 1. */
    @FunctionalInterface
    public interface ServiceTime
    {
        /**
         * @param request the request (valid during the call only).
         * @param random  the station's random stream.
         * @return nanoseconds of service at speed 1, {@code >= 0}.
         */
        double nanos(Message request, RandomGenerator random);

        /** @return service times drawn from {@code d}, whatever the request. */
        static ServiceTime of(final Distribution d)
        {
            Objects.requireNonNull(d, "service distribution");
            return (request, random) -> d.sample(random);
        }
    }

    /** A request in the station: what it needs of service, in ns at rate 1, still. */
    private static final class Job
    {
        final Jobs.Pending request;
        double remaining;

        Job(final Jobs.Pending request, final double work)
        {
            this.request = request;
            this.remaining = work;
        }
    }

    private final int servers;
    private final Discipline discipline;
    private final ServiceTime serviceTime;
    private final double speed;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final List<Job> sharing = new ArrayList<>();
    private final Tally waiting = new Tally("waiting time (ns)");
    private final Tally response = new Tally("response time (ns)");
    private final TimeWeighted busy = new TimeWeighted("busy servers", 0, 0);
    private final TimeWeighted inSystem = new TimeWeighted("requests in the station", 0, 0);
    private long warmUpNanos;
    private boolean warm;
    private int inService;
    private long lastShare;
    private long completionTimer = -1;
    private long served;

    /**
     * @param servers     {@code c >= 1}.
     * @param discipline  FIFO or processor sharing.
     * @param serviceTime service time per request at speed 1.
     * @param speed       speed factor, {@code > 0}.
     * @throws IllegalArgumentException naming the bad parameter.
     */
    public Station(final int servers, final Discipline discipline, final ServiceTime serviceTime, final double speed)
    {
        if (servers < 1)
        {
            throw new IllegalArgumentException("a station needs at least one server, got " + servers);
        }
        if (!(speed > 0) || !Double.isFinite(speed))
        {
            throw new IllegalArgumentException("speed factor " + speed + " must be finite and > 0");
        }
        this.servers = servers;
        this.discipline = Objects.requireNonNull(discipline, "discipline");
        this.serviceTime = Objects.requireNonNull(serviceTime, "service time");
        this.speed = speed;
    }

    /** @return an M/M/c-style FIFO station: {@code servers} servers, service times from {@code service}. */
    public static Station fifo(final int servers, final Distribution service)
    {
        return new Station(servers, Discipline.FIFO, ServiceTime.of(service), 1.0);
    }

    /** @return a processor-sharing station with service times from {@code service}. */
    public static Station processorSharing(final int servers, final Distribution service)
    {
        return new Station(servers, Discipline.PROCESSOR_SHARING, ServiceTime.of(service), 1.0);
    }

    /**
     * Drops the statistics of the first {@code nanos} of virtual time (the initial transient of a
     * station that starts empty): they restart at the first event at or after it.
     *
     * @return this station.
     */
    public Station warmUp(final long nanos)
    {
        if (nanos < 0)
        {
            throw new IllegalArgumentException("warm-up " + nanos + " ns must be >= 0");
        }
        this.warmUpNanos = nanos;
        return this;
    }

    private void checkWarmUp(final long now)
    {
        if (!warm && now >= warmUpNanos)
        {
            warm = true;
            if (warmUpNanos > 0)
            {
                resetStatistics(now);
            }
        }
    }

    @Override
    public void onMessage(final ComponentContext ctx, final Message message)
    {
        if (!Jobs.isRequestFor(message, ctx.vtask()))
        {
            return;
        }
        checkWarmUp(ctx.now());
        final double work = serviceTime.nanos(message, ctx.random()) / speed;
        if (!(work >= 0) || !Double.isFinite(work))
        {
            throw new IllegalArgumentException("station '" + ctx.vtask().name() + "': service time " + work + " ns is not >= 0");
        }
        final Job job = new Job(Jobs.Pending.of(message, ctx.now()), work);
        inSystem.add(ctx.now(), 1);
        if (discipline == Discipline.FIFO)
        {
            if (inService < servers)
            {
                start(ctx, job);
            }
            else
            {
                queue.add(job);
            }
        }
        else
        {
            share(ctx.now());
            sharing.add(job);
            busy.update(ctx.now(), Math.min(servers, sharing.size()));
            reschedule(ctx);
        }
    }

    @Override
    public void onEvent(final ComponentContext ctx, final long eventId, final Object payload)
    {
        checkWarmUp(ctx.now());
        if (discipline == Discipline.FIFO)
        {
            complete(ctx, (Job)payload);
            inService--;
            busy.update(ctx.now(), inService);
            final Job next = queue.poll();
            if (next != null)
            {
                start(ctx, next);
            }
            return;
        }
        completionTimer = -1;
        share(ctx.now());
        for (int i = sharing.size() - 1; i >= 0; i--)
        {
            if (sharing.get(i).remaining <= 1e-6)
            {
                complete(ctx, sharing.remove(i));
            }
        }
        busy.update(ctx.now(), Math.min(servers, sharing.size()));
        reschedule(ctx);
    }

    private void start(final ComponentContext ctx, final Job job)
    {
        inService++;
        busy.update(ctx.now(), inService);
        waiting.add(ctx.now() - job.request.arrival());
        ctx.schedule(Math.round(job.remaining), job);
    }

    private void complete(final ComponentContext ctx, final Job job)
    {
        response.add(job.request.reply(ctx));
        inSystem.add(ctx.now(), -1);
        served++;
    }

    /** Processor sharing: charge the elapsed time to every request in service. */
    private void share(final long now)
    {
        if (!sharing.isEmpty())
        {
            final double rate = Math.min(1.0, (double)servers / sharing.size());
            final double done = (now - lastShare) * rate;
            for (final Job j : sharing)
            {
                j.remaining -= done;
            }
        }
        lastShare = now;
    }

    private void reschedule(final ComponentContext ctx)
    {
        if (completionTimer >= 0)
        {
            ctx.cancel(completionTimer);
            completionTimer = -1;
        }
        if (sharing.isEmpty())
        {
            return;
        }
        double least = Double.MAX_VALUE;
        for (final Job j : sharing)
        {
            least = Math.min(least, j.remaining);
        }
        final double rate = Math.min(1.0, (double)servers / sharing.size());
        completionTimer = ctx.schedule((long)Math.ceil(Math.max(0, least) / rate), null);
    }

    /**
     * Starts the statistics afresh at {@code now} (drop a warm-up): tallies are cleared, the
     * time-weighted collectors restart from their current values.
     */
    public void resetStatistics(final long now)
    {
        waiting.reset();
        response.reset();
        busy.reset(now);
        inSystem.reset(now);
    }

    /** @return waiting times (FIFO: arrival to service start; empty under processor sharing). */
    public Tally waiting()
    {
        return waiting;
    }

    /** @return response times (arrival to reply). */
    public Tally response()
    {
        return response;
    }

    /** @return busy servers over time; {@code busy().average(t) / servers()} is the utilisation. */
    public TimeWeighted busy()
    {
        return busy;
    }

    /** @return requests in the station (waiting or in service) over time. */
    public TimeWeighted inSystem()
    {
        return inSystem;
    }

    /** @return requests served. */
    public long served()
    {
        return served;
    }

    /** @return the number of servers. */
    public int servers()
    {
        return servers;
    }

    @Override
    public String toString()
    {
        return "Station[" + servers + " x " + discipline + ", speed " + speed + "]";
    }

    @Override
    public java.util.Map<String, String> details()
    {
        return Details.of("servers", servers(), "served", served(), "mean waiting ns", waiting().mean(),
            "mean response ns", response().mean(), "max response ns", response().count() == 0 ? 0 : response().max());
    }
}
