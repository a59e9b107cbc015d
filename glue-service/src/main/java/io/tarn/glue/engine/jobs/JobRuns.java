package io.tarn.glue.engine.jobs;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.crawler.StoredNamespaces;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobMeta;
import io.tarn.glue.model.JobRunRecord;
import io.tarn.glue.model.JobRunRecord.RunSettings;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job runs and their states: STARTING when stored (and while waiting for one of the capped process slots),
 * RUNNING once the launcher's process runs, then SUCCEEDED or FAILED by its exit, TIMEOUT when the job's
 * Timeout (minutes of emulator time) passes first, STOPPING then STOPPED on BatchStopJobRun. A FAILED run
 * of a job with MaxRetries is followed by a new attempt ({@code <first run id>_attempt_<n>}). Every state
 * is stored before it is reported; a run that has not ended is also marked in {@code jobact}, so a restart
 * finds the runs it cut short and reports them FAILED.
 *
 * <p>Job run queuing ({@code JobRunQueuingEnabled} on the job or the run): a run beyond the job's
 * MaxConcurrentRuns is stored WAITING instead of failing with ConcurrentRunsExceededException, as is a
 * queued run that finds every process slot taken; waiting runs start in the order they were started as
 * runs of their job end. Their mark in {@code jobact} carries their place in the queue, so a restart
 * queues them again in that order (they had not begun), while runs it cut short are FAILED.
 */
public final class JobRuns {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);
    static final String INTERRUPTED = "Job run failed because Tarn stopped (restart or crash) while it was running";
    private static final SecureRandom RANDOM = new SecureRandom();

    private record RunKey(Namespace ns, String job, String id) {}

    /** What this process knows of a run that has not ended. */
    private static final class Active {
        JobLauncher.@Nullable Launched process;
        JobLauncher.@Nullable RunExit earlyExit;
        Scheduler.@Nullable Timer timeout;
        boolean slot;
        /** Waiting for a run of its job to end (MaxConcurrentRuns), not yet admitted to {@link #waiting}. */
        boolean queued;
        boolean stopRequested;
        boolean timedOut;
    }

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final Jobs jobs;
    private final JobBookmarks bookmarks;
    private final JobRunHistory history;
    private final JobRunRetention retention;
    private final JobLauncher launcher;
    private final Executor executor;
    private final int maxProcesses;
    private final Object lock = new Object();
    private final Map<RunKey, Active> active = new LinkedHashMap<>();
    /** Runs waiting for a process slot, in the order they started. */
    private final Deque<RunKey> waiting = new ArrayDeque<>();
    /** Queued runs (JobRunQueuingEnabled) waiting for their job's MaxConcurrentRuns, in the order they started. */
    private final Deque<RunKey> queued = new ArrayDeque<>();
    /** The next queued run's place, kept in its {@code jobact} mark so a restart keeps the order. */
    private long queueOrder;
    private final List<JobRunListener> listeners = new CopyOnWriteArrayList<>();
    private int processes;
    /** Set when the server stops: no run's end is written after it, so the next start reports it FAILED. */
    private boolean closed;

    public JobRuns(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, Jobs jobs, JobBookmarks bookmarks,
            JobLauncher launcher, Executor executor, int maxProcesses) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.bookmarks = bookmarks;
        this.history = new JobRunHistory(keyspace, jobs);
        this.retention = new JobRunRetention(keyspace, clock, scheduler, launcher::forget);
        this.launcher = launcher;
        this.executor = executor;
        this.maxProcesses = maxProcesses;
    }

    public void addListener(JobRunListener listener) {
        listeners.add(listener);
    }

    // ---- starting

    /** StartJobRun (and a trigger's action): the run is stored STARTING and its work queued for a process slot. */
    public JobRunRecord start(Namespace ns, @Nullable String jobName, RunOptions options) {
        JobRunRecord run;
        synchronized (lock) {
            JobMeta job = jobs.get(ns, jobName);
            JobDefinition d = job.definition();
            if (options.previousRunId() != null && find(ns, job.name(), options.previousRunId()) == null) {
                throw JobRunHistory.notFound(options.previousRunId());
            }
            RunSettings settings = settings(d, options);
            boolean queuing = Boolean.TRUE.equals(settings.jobRunQueuingEnabled());
            boolean jobFull = admitted(ns, job.name()) >= d.maxConcurrentRuns();
            if (jobFull && !queuing) {
                throw GlueErrors.CONCURRENT_RUNS_EXCEEDED.exception("Concurrent runs exceeded for %s", job.name());
            }
            Map<String, String> arguments = JobArguments.merge(d.defaultArguments(), options.arguments(), d.nonOverridableArguments());
            Instant now = clock.instant();
            boolean waits = queuing && (jobFull || processes >= maxProcesses || !waiting.isEmpty());
            run = new JobRunRecord(newRunId(), job.name(), 0, options.previousRunId(), options.triggerName(),
                    waits ? JobRunRecord.WAITING : JobRunRecord.STARTING, now, now, null, null, arguments, null, settings,
                    options.callerAccessKey(), null, options.predecessors());
            if (jobFull) {
                enqueue(ns, run);
            } else {
                begin(ns, run, waits ? nextPlace() : new byte[0]);
            }
        }
        changed(ns, run);
        launchWaiting();
        return run;
    }

    /** The run's settings: the job's, each replaced by the start's own when given, checked as the job's are. */
    private static RunSettings settings(JobDefinition d, RunOptions o) {
        boolean ownCapacity = o.workerType() != null || o.numberOfWorkers() != null || o.maxCapacity() != null
                || o.allocatedCapacity() != null;
        JobRules.Capacity capacity = ownCapacity
                ? JobRules.capacity(d.commandName(), d.glueVersion(), o.workerType(), o.numberOfWorkers(), o.maxCapacity(),
                        o.allocatedCapacity())
                : new JobRules.Capacity(d.workerType(), d.numberOfWorkers(), d.maxCapacity(), d.allocatedCapacity());
        int timeout = o.timeout() != null ? JobRules.timeout(o.timeout(), d.glueVersion()) : d.timeout();
        String executionClass = o.executionClass() != null ? JobRules.executionClass(o.executionClass(), d.commandName(), d.glueVersion())
                : d.executionClass();
        return new RunSettings(d.command(), timeout, capacity.max(), capacity.allocated(), capacity.workerType(), capacity.workers(),
                d.glueVersion(), executionClass, d.jobMode(), o.securityConfiguration() != null ? o.securityConfiguration()
                        : d.securityConfiguration(), d.maxRetries() == null ? 0 : d.maxRetries(),
                o.jobRunQueuingEnabled() != null ? o.jobRunQueuingEnabled() : d.jobRunQueuingEnabled());
    }

    /** Stores a new run (with its mark of a run under way) and queues it for a process slot; under the lock. */
    private void begin(Namespace ns, JobRunRecord run, byte[] mark) {
        store(ns, run, mark);
        RunKey key = new RunKey(ns, run.jobName(), run.id());
        active.put(key, new Active());
        waiting.add(key);
    }

    /** Stores a new WAITING run whose job has MaxConcurrentRuns under way, last in the job run queue; under the lock. */
    private void enqueue(Namespace ns, JobRunRecord run) {
        store(ns, run, nextPlace());
        RunKey key = new RunKey(ns, run.jobName(), run.id());
        Active a = new Active();
        a.queued = true;
        active.put(key, a);
        queued.add(key);
    }

    /** A WAITING run's mark: its place among the waiting runs. */
    private byte[] nextPlace() {
        return ByteBuffer.allocate(Long.BYTES).putLong(queueOrder++).array();
    }

    private void store(Namespace ns, JobRunRecord run, byte[] mark) {
        keyspace.write(b -> {
            b.put(GlueKeys.jobRun(ns, run.jobName(), run.id()), run);
            b.put(GlueKeys.jobRunByStart(ns, run.jobName(), run.startedOn().toEpochMilli(), run.id()), new byte[0]);
            b.put(GlueKeys.activeJobRun(ns, run.jobName(), run.id()), mark);
        });
        retention.stored(run);
    }

    /** The job's runs counted against its MaxConcurrentRuns: those under way, not those queued behind them. */
    private long admitted(Namespace ns, String job) {
        return active.entrySet().stream().filter(e -> !e.getValue().queued && e.getKey().ns().equals(ns)
                && e.getKey().job().equals(job)).count();
    }

    /** Queued runs whose job has a run fewer than its MaxConcurrentRuns go on to wait for a process slot, in order; under the lock. */
    private void admitQueued() {
        for (Iterator<RunKey> it = queued.iterator(); it.hasNext();) {
            RunKey key = it.next();
            JobMeta job = jobs.find(key.ns(), key.job());
            if (job == null || admitted(key.ns(), key.job()) < job.definition().maxConcurrentRuns()) {
                it.remove();
                Active a = active.get(key);
                if (a != null) {
                    a.queued = false;
                    waiting.add(key);
                }
            }
        }
    }

    /** Hands waiting runs to the launcher while process slots are free. */
    private void launchWaiting() {
        List<RunKey> launching = new ArrayList<>();
        synchronized (lock) {
            while (!closed && processes < maxProcesses && !waiting.isEmpty()) {
                RunKey key = waiting.poll();
                Active a = active.get(key);
                if (a != null) {
                    a.slot = true;
                    processes++;
                    launching.add(key);
                }
            }
        }
        for (RunKey key : launching) {
            try {
                executor.execute(() -> launch(key));
            } catch (RuntimeException e) { // a closed executor: the server is stopping
                log.warn("job run {}: not launched: {}", key.id(), e.toString());
            }
        }
    }

    /** On a worker: starts the run's process, then records it RUNNING and arms its timeout. */
    private void launch(RunKey key) {
        JobRunRecord run = find(key.ns(), key.job(), key.id());
        if (run == null || run.ended()) {
            end(key, null, null, null);
            return;
        }
        if (JobRunRecord.STOPPING.equals(run.state())) {
            end(key, JobRunRecord.STOPPED, null, null); // stopped between taking its slot and starting
            return;
        }
        if (JobRunRecord.WAITING.equals(run.state())) {
            JobRunRecord starting = null;
            synchronized (lock) {
                Active a = active.get(key);
                if (a != null && !a.stopRequested && !closed) {
                    starting = run.starting(clock.instant());
                    keyspace.put(GlueKeys.jobRun(key.ns(), key.job(), key.id()), starting);
                }
            }
            if (starting == null) {
                end(key, JobRunRecord.STOPPED, null, null);
                return;
            }
            changed(key.ns(), starting);
            run = starting;
        }
        JobLauncher.Launched process;
        try {
            process = launcher.launch(new JobLauncher.RunRequest(key.ns(), run, bookmarks.stateFor(key.ns(), run)),
                    exit -> exited(key, exit));
        } catch (JobLauncher.LaunchException e) {
            end(key, JobRunRecord.FAILED, e.getMessage(), null);
            return;
        } catch (RuntimeException e) {
            log.error("job run {} of {} could not start", key.id(), key.job(), e);
            end(key, JobRunRecord.ERROR, "Internal error starting the run: " + e, null);
            return;
        }
        JobRunRecord running = null;
        JobLauncher.RunExit early;
        synchronized (lock) {
            Active a = active.get(key);
            if (a == null || closed) {
                process.kill(); // reset or stopping meanwhile
                return;
            }
            a.process = process;
            early = a.earlyExit;
            if (a.stopRequested) {
                process.kill();
            } else {
                JobRunRecord current = find(key.ns(), key.job(), key.id());
                if (current != null && JobRunRecord.STARTING.equals(current.state())) {
                    running = current.running(clock.instant(), process.pid());
                    keyspace.put(GlueKeys.jobRun(key.ns(), key.job(), key.id()), running);
                    Instant due = running.runningSince().plus(Duration.ofMinutes(running.settings().timeout()));
                    a.timeout = scheduler.at(due, () -> timedOut(key));
                }
            }
        }
        if (running != null) {
            changed(key.ns(), running);
        }
        if (early != null) {
            exited(key, early);
        }
    }

    /** The job's Timeout passed while the run ran: its process is killed and the run ends TIMEOUT. */
    private void timedOut(RunKey key) {
        JobLauncher.Launched process;
        synchronized (lock) {
            Active a = active.get(key);
            if (a == null || a.process == null || a.stopRequested) {
                return;
            }
            a.timedOut = true;
            process = a.process;
        }
        process.kill();
    }

    /** The launcher's word that the work ended (possibly before {@link #launch} recorded RUNNING). */
    private void exited(RunKey key, JobLauncher.RunExit exit) {
        String state;
        String message;
        synchronized (lock) {
            Active a = active.get(key);
            if (a == null) {
                return;
            }
            if (a.process == null) {
                a.earlyExit = exit; // launch() records RUNNING first, then ends it
                return;
            }
            JobRunRecord run = find(key.ns(), key.job(), key.id());
            if (a.stopRequested) {
                state = JobRunRecord.STOPPED;
                message = null;
            } else if (a.timedOut) {
                state = JobRunRecord.TIMEOUT;
                message = String.format("Job run timed out after %d minutes (the job's Timeout)",
                        run == null ? 0 : run.settings().timeout());
            } else if (exit.succeeded()) {
                state = JobRunRecord.SUCCEEDED;
                message = null;
            } else {
                state = JobRunRecord.FAILED;
                message = exit.errorMessage();
            }
        }
        end(key, state, message, exit.bookmark());
    }

    /**
     * A run's end: its state, the bookmark when it succeeded, the mark of a run under way deleted, in one
     * batch; then its process slot goes to the next waiting run, and a FAILED run with retries left is retried.
     * A null state only gives back the slot (the run ended elsewhere).
     */
    private void end(RunKey key, @Nullable String state, @Nullable String message, @Nullable String bookmark) {
        JobRunRecord ended = null;
        JobRunRecord retry = null;
        synchronized (lock) {
            Active a = active.remove(key);
            if (a == null) {
                return; // reset meanwhile
            }
            if (a.slot) {
                processes--;
            }
            if (a.timeout != null) {
                a.timeout.cancel();
            }
            waiting.remove(key);
            queued.remove(key);
            JobRunRecord current = find(key.ns(), key.job(), key.id());
            if (closed || state == null || current == null || current.ended()) {
                // the server is stopping (the next start reports the run FAILED), or the job was deleted
            } else {
                JobRunRecord done = current.ended(state, message, clock.instant());
                ended = done;
                keyspace.write(b -> {
                    b.put(GlueKeys.jobRun(key.ns(), key.job(), key.id()), done);
                    b.delete(GlueKeys.activeJobRun(key.ns(), key.job(), key.id()));
                    if (JobRunRecord.SUCCEEDED.equals(state)) {
                        bookmarks.advance(b, key.ns(), done, bookmark);
                    }
                });
                if (JobRunRecord.FAILED.equals(state) && done.attempt() < done.settings().maxRetries()
                        && jobs.find(key.ns(), key.job()) != null) {
                    retry = retryOf(done);
                    begin(key.ns(), retry, new byte[0]);
                }
            }
            if (!closed) {
                admitQueued();
            }
        }
        if (ended != null) {
            changed(key.ns(), ended);
        }
        if (retry != null) {
            changed(key.ns(), retry);
        }
        launchWaiting();
    }

    /** The next attempt of a failed run: AWS names it after the first attempt's id. */
    private JobRunRecord retryOf(JobRunRecord failed) {
        String first = failed.attempt() == 0 ? failed.id() : failed.id().substring(0, failed.id().lastIndexOf("_attempt_"));
        int attempt = failed.attempt() + 1;
        Instant now = clock.instant();
        return new JobRunRecord(first + "_attempt_" + attempt, failed.jobName(), attempt, failed.id(), failed.triggerName(),
                JobRunRecord.STARTING, now, now, null, null, failed.arguments(), null, failed.settings(), failed.callerAccessKey(), null,
                failed.predecessors());
    }

    // ---- stopping

    /** One run's answer to BatchStopJobRun: null when the stop was submitted, else the error. */
    public @Nullable AwsException stop(Namespace ns, String jobName, String runId) {
        JobRunRecord stopped = null;
        JobRunRecord stopping = null;
        JobLauncher.Launched process = null;
        synchronized (lock) {
            JobRunRecord run = find(ns, jobName, runId);
            if (run == null) {
                return JobRunHistory.notFound(runId);
            }
            RunKey key = new RunKey(ns, jobName, runId);
            Active a = active.get(key);
            if (run.ended() || a == null) {
                return GlueErrors.INVALID_INPUT.exception("Job run %s is %s and cannot be stopped", runId, run.state());
            }
            if (a.stopRequested) {
                return null;
            }
            a.stopRequested = true;
            if (waiting.remove(key) | queued.remove(key)) {
                stopped = run; // never launched: STOPPED at once
            } else {
                stopping = run.stopping(clock.instant());
                keyspace.put(GlueKeys.jobRun(ns, jobName, runId), stopping);
                process = a.process; // else launch() kills it as soon as it has started
            }
        }
        if (stopped != null) {
            end(new RunKey(ns, jobName, runId), JobRunRecord.STOPPED, null, null);
        } else {
            changed(ns, stopping);
            if (process != null) {
                process.kill(); // its exit ends the run STOPPED
            }
        }
        return null;
    }

    // ---- reading

    public JobRunHistory history() {
        return history;
    }

    private @Nullable JobRunRecord find(Namespace ns, String job, String runId) {
        return history.find(ns, job, runId);
    }

    /**
     * In DeleteJob's batch: the job's runs, their index and marks, and its bookmark; its runs under way are
     * killed. Answers the removal of the runs' folders, for once the batch is written.
     */
    public Runnable deleteAll(Batch batch, Namespace ns, String job) {
        List<String> ids = new ArrayList<>();
        keyspace.scan(GlueKeys.jobRuns(ns, job), null, e -> ids.add(e.key().string(e.key().parts().size() - 1)));
        batch.deletePrefix(GlueKeys.jobRuns(ns, job));
        batch.deletePrefix(GlueKeys.jobRunsByStart(ns, job));
        batch.deletePrefix(GlueKeys.activeJobRuns(ns).with(job));
        bookmarks.delete(batch, ns, job);
        List<JobLauncher.Launched> processes = new ArrayList<>();
        synchronized (lock) {
            active.forEach((key, a) -> {
                if (key.ns().equals(ns) && key.job().equals(job)) {
                    a.stopRequested = true;
                    if (a.process != null) {
                        processes.add(a.process);
                    }
                }
            });
            // runs that never took a process slot end here; the others end with their process (or its launch)
            active.keySet().removeIf(key -> key.ns().equals(ns) && key.job().equals(job) && (waiting.remove(key) | queued.remove(key)));
        }
        processes.forEach(JobLauncher.Launched::kill);
        return () -> ids.forEach(launcher::forget);
    }

    // ---- start-up, reset and stop

    /**
     * At start-up: every run the previous Tarn left unended is reported FAILED, and a process it left
     * behind (a {@code kill -9} does not end children) is killed, once it is recognised as that run's.
     * WAITING runs (job run queuing) had not begun: they are queued again in their order and start as
     * their jobs' runs allow.
     */
    public void recover() {
        record Queued(long order, RunKey key) {}
        List<Queued> requeued = new ArrayList<>();
        for (Namespace ns : StoredNamespaces.of(keyspace)) {
            keyspace.scan(GlueKeys.activeJobRuns(ns), null, e -> {
                String job = e.key().string(e.key().parts().size() - 2);
                String id = e.key().string(e.key().parts().size() - 1);
                JobRunRecord run = find(ns, job, id);
                if (run != null && JobRunRecord.WAITING.equals(run.state())) {
                    long order = e.value().length == Long.BYTES ? ByteBuffer.wrap(e.value()).getLong() : -1;
                    requeued.add(new Queued(order, new RunKey(ns, job, id)));
                    return true;
                }
                if (run != null && run.processId() != null) {
                    ProcessHandle.of(run.processId()).filter(h -> h.info().commandLine().map(c -> c.contains(id)).orElse(false))
                            .ifPresent(h -> {
                                h.descendants().forEach(ProcessHandle::destroyForcibly);
                                h.destroyForcibly();
                            });
                }
                keyspace.write(b -> {
                    if (run != null && !run.ended()) {
                        b.put(GlueKeys.jobRun(ns, job, id), run.ended(JobRunRecord.FAILED, INTERRUPTED, clock.instant()));
                    }
                    b.delete(e.key());
                });
                return true;
            });
        }
        requeued.sort(Comparator.comparingLong(Queued::order));
        synchronized (lock) {
            for (Queued q : requeued) {
                Active a = new Active();
                a.queued = true;
                active.put(q.key(), a);
                queued.add(q.key());
                queueOrder = Math.max(queueOrder, q.order() + 1);
            }
            admitQueued();
        }
        retention.sweep();
        launchWaiting();
    }

    /** After the keyspace was cleared: runs under way are killed and forgotten. */
    public void reset() {
        List<JobLauncher.Launched> killed;
        synchronized (lock) {
            killed = disarmAll();
            active.clear();
            waiting.clear();
            queued.clear();
            processes = 0;
        }
        killed.forEach(JobLauncher.Launched::kill);
    }

    /** The server is stopping: processes are killed and no end is written (the next start reports the runs FAILED). */
    public void close() {
        List<JobLauncher.Launched> killed;
        synchronized (lock) {
            closed = true;
            killed = disarmAll();
        }
        killed.forEach(JobLauncher.Launched::kill);
    }

    /** Cancels every run's timeout; answers their processes, for the caller to kill outside the lock. */
    private List<JobLauncher.Launched> disarmAll() {
        List<JobLauncher.Launched> running = new ArrayList<>();
        active.values().forEach(a -> {
            if (a.timeout != null) {
                a.timeout.cancel();
            }
            if (a.process != null) {
                running.add(a.process);
            }
        });
        return running;
    }

    private void changed(Namespace ns, JobRunRecord run) {
        for (JobRunListener listener : listeners) {
            try {
                listener.changed(ns, run);
            } catch (RuntimeException e) {
                log.warn("job run listener failed on {} {}", run.id(), run.state(), e);
            }
        }
    }

    /** AWS's run ids: {@code jr_} and 64 hex digits. */
    private static String newRunId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "jr_" + HexFormat.of().formatHex(bytes);
    }
}
