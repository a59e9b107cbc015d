package io.tarn.glue.engine.jobs;

import io.tarn.core.error.AwsException;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Tags;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobDefinition.Command;
import io.tarn.glue.model.JobDefinition.ExecutionProperty;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks a job definition passes before it is stored, as the model and the Glue developer guide
 * state them (names, lengths and enums; the command and its Python version; Glue versions; worker type
 * and number of workers against MaxCapacity; Timeout under 7 days; MaxRetries; FLEX), and AWS's defaults.
 */
final class JobRules {

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 2048;
    /** "Jobs must have timeout values less than 7 days or 10080 minutes". */
    static final int MAX_TIMEOUT = 10080;
    /** The default timeout for Glue 4.0 and earlier (and Python shell jobs); 5.0 and later default to 480. */
    static final int DEFAULT_TIMEOUT = 2880;
    static final int DEFAULT_TIMEOUT_GLUE_5 = 480;
    /** The console's bound on retries. */
    static final int MAX_RETRIES = 10;
    /** "you can allocate either 0.0625 or 1 DPU. The default is 0.0625 DPU." */
    static final double PYTHON_SHELL_DEFAULT_CAPACITY = 0.0625;
    /** Spark: "from 2 to 100 DPUs. The default is 10 DPUs." */
    static final double SPARK_DEFAULT_CAPACITY = 10;
    private static final List<String> COMMANDS = List.of(JobDefinition.SPARK, JobDefinition.PYTHON_SHELL, JobDefinition.STREAMING,
            JobDefinition.RAY);
    private static final List<String> GLUE_VERSIONS = List.of("0.9", "1.0", "2.0", "3.0", "4.0", "5.0", "5.1");
    private static final List<String> WORKER_TYPES = List.of("Standard", "G.1X", "G.2X", "G.025X", "G.4X", "G.8X", "Z.2X");
    private static final List<String> JOB_MODES = List.of("SCRIPT", "VISUAL", "NOTEBOOK");
    private static final List<String> EXECUTION_CLASSES = List.of("FLEX", "STANDARD");
    private static final Pattern GLUE_VERSION = Pattern.compile("^(\\w+\\.)+\\w+$");
    private static final Pattern PYTHON_VERSION = Pattern.compile("^([2-3]|3[.]9)$");
    private static final Pattern MAINTENANCE_WINDOW = Pattern.compile("^(Sun|Mon|Tue|Wed|Thu|Fri|Sat):([01]?[0-9]|2[0-3])$");

    private JobRules() {}

    /** A job name, as the model constrains NameString. */
    static String name(@Nullable String name, String field) {
        if (name == null) {
            throw required(field);
        }
        if (name.isEmpty() || name.length() > MAX_NAME || !singleLine(name)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]* "
                    + "and have length between 1 and %d", name, field, MAX_NAME);
        }
        return name;
    }

    /** A complete definition (CreateJob's, or the result of an UpdateJob) checked, with AWS's defaults and without tags. */
    static JobDefinition checked(JobDefinition d) {
        String name = name(d.name(), "name");
        if (d.role() == null || d.role().isEmpty()) {
            throw required("role");
        }
        if (d.command() == null) {
            throw required("command");
        }
        if (d.description() != null && d.description().length() > MAX_DESCRIPTION) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'description' failed to satisfy constraint: "
                    + "Member must have length less than or equal to %d", MAX_DESCRIPTION);
        }
        if (d.tags() != null) {
            Tags.check(d.tags(), "tags");
        }
        String jobMode = d.jobMode() == null ? "SCRIPT" : oneOf("jobMode", d.jobMode(), JOB_MODES);
        String commandName = d.commandName();
        if (!COMMANDS.contains(commandName)) {
            throw GlueErrors.INVALID_INPUT.exception("Command name should be one of %s", String.join(", ", COMMANDS));
        }
        boolean pythonShell = commandName.equals(JobDefinition.PYTHON_SHELL);
        boolean ray = commandName.equals(JobDefinition.RAY);
        String pythonVersion = d.command().pythonVersion();
        if (pythonVersion != null && !PYTHON_VERSION.matcher(pythonVersion).matches()) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'command.pythonVersion' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: ^([2-3]|3[.]9)$", pythonVersion);
        }
        if (pythonShell && "2".equals(pythonVersion)) {
            throw GlueErrors.INVALID_INPUT.exception("Python shell jobs support PythonVersion 3 and 3.9 only");
        }
        if (pythonShell && pythonVersion == null) {
            pythonVersion = "3";
        }
        String glueVersion = d.glueVersion();
        if (glueVersion != null) {
            if (!GLUE_VERSION.matcher(glueVersion).matches()) {
                throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'glueVersion' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: ^(\\w+\\.)+\\w+$", glueVersion);
            }
            if (!GLUE_VERSIONS.contains(glueVersion)) {
                throw GlueErrors.INVALID_INPUT.exception("Glue version %s is not supported", glueVersion);
            }
            if (pythonShell && !glueVersion.equals("1.0") && !glueVersion.equals("3.0")) {
                throw GlueErrors.INVALID_INPUT.exception("Python shell jobs support Glue versions 1.0 and 3.0 only");
            }
            if (ray && major(glueVersion) < 4) {
                throw GlueErrors.INVALID_INPUT.exception("Ray jobs require Glue version 4.0 or greater");
            }
        }
        if (pythonShell && "3.9".equals(pythonVersion) && "1.0".equals(glueVersion)) {
            throw GlueErrors.INVALID_INPUT.exception("PythonVersion 3.9 requires Glue version 3.0");
        }
        Command command = new Command(commandName, d.command().scriptLocation(), pythonVersion, d.command().runtime());

        Capacity capacity = capacity(commandName, glueVersion, d.workerType(), d.numberOfWorkers(), d.maxCapacity(),
                d.allocatedCapacity());
        int timeout = timeout(d.timeout(), glueVersion);
        int maxRetries = d.maxRetries() == null ? 0 : d.maxRetries();
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            throw GlueErrors.INVALID_INPUT.exception("MaxRetries must be between 0 and %d", MAX_RETRIES);
        }
        String executionClass = executionClass(d.executionClass(), commandName, glueVersion);
        int maxConcurrent = d.maxConcurrentRuns();
        if (maxConcurrent < 1) {
            throw GlueErrors.INVALID_INPUT.exception("MaxConcurrentRuns must be at least 1");
        }
        if (d.maintenanceWindow() != null && !MAINTENANCE_WINDOW.matcher(d.maintenanceWindow()).matches()) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'maintenanceWindow' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: "
                    + "^(Sun|Mon|Tue|Wed|Thu|Fri|Sat):([01]?[0-9]|2[0-3])$", d.maintenanceWindow());
        }
        return new JobDefinition(name, jobMode, d.jobRunQueuingEnabled(), d.description(), d.logUri(), d.role(),
                new ExecutionProperty(maxConcurrent), command, d.defaultArguments(), d.nonOverridableArguments(),
                d.connections(), maxRetries, capacity.allocated(), timeout, capacity.max(), d.securityConfiguration(), null,
                d.notificationProperty(), glueVersion, capacity.workers(), capacity.workerType(), d.codeGenConfigurationNodes(),
                executionClass, d.sourceControlDetails(), d.maintenanceWindow());
    }

    /** The capacity a job or run is given: a worker type with its number of workers, or a MaxCapacity in DPUs. */
    record Capacity(@Nullable String workerType, @Nullable Integer workers, @Nullable Double max, @Nullable Integer allocated) {}

    /**
     * WorkerType and NumberOfWorkers go together and exclude MaxCapacity; Python shell jobs take 0.0625 or 1
     * DPU; Spark jobs 2 to 100 whole DPUs, and from Glue 2.0 a worker type instead; Ray jobs Z.2X workers.
     */
    static Capacity capacity(String commandName, @Nullable String glueVersion, @Nullable String workerType,
            @Nullable Integer workers, @Nullable Double maxCapacity, @Nullable Integer allocatedCapacity) {
        boolean pythonShell = commandName.equals(JobDefinition.PYTHON_SHELL);
        if (workerType != null || workers != null) {
            if (workerType == null || workers == null) {
                throw GlueErrors.INVALID_INPUT.exception("Please set both Worker Type and Number of Workers.");
            }
            oneOf("workerType", workerType, WORKER_TYPES);
            if (maxCapacity != null || allocatedCapacity != null && allocatedCapacity > 0) {
                throw GlueErrors.INVALID_INPUT.exception("Please do not set Max Capacity if using Worker Type and Number of Workers.");
            }
            if (pythonShell) {
                throw GlueErrors.INVALID_INPUT.exception("Worker Type is not supported for Python shell jobs; set MaxCapacity (0.0625 or 1)");
            }
            if (commandName.equals(JobDefinition.RAY) != workerType.equals("Z.2X")) {
                throw GlueErrors.INVALID_INPUT.exception("Worker Type %s is not supported for %s jobs", workerType, commandName);
            }
            if (workers < 2) {
                throw GlueErrors.INVALID_INPUT.exception("To use Worker Type %s, minimum allowed value of Number of Workers is 2.",
                        workerType);
            }
            if (workerType.equals("G.025X") && workers > 299) {
                throw GlueErrors.INVALID_INPUT.exception("To use Worker Type G.025X, maximum allowed value of Number of Workers is 299.");
            }
            return new Capacity(workerType, workers, null, null);
        }
        Double max = maxCapacity != null ? maxCapacity : allocatedCapacity != null && allocatedCapacity > 0 ? (double) allocatedCapacity : null;
        if (pythonShell) {
            double dpus = max == null ? PYTHON_SHELL_DEFAULT_CAPACITY : max;
            if (dpus != 0.0625 && dpus != 1) {
                throw GlueErrors.INVALID_INPUT.exception("Python shell jobs can be allocated either 0.0625 or 1 DPU (MaxCapacity)");
            }
            return new Capacity(null, null, dpus, 0);
        }
        if (max != null && glueVersion != null && major(glueVersion) >= 2) {
            throw GlueErrors.INVALID_INPUT.exception("For Glue version 2.0 or later jobs, you cannot specify a Maximum capacity. "
                    + "Instead, specify a Worker type and the Number of workers.");
        }
        if (max == null && glueVersion != null && major(glueVersion) >= 2) {
            // what AWS gives a Glue 2.0+ job defined without capacity: ten G.1X workers
            return new Capacity(commandName.equals(JobDefinition.RAY) ? "Z.2X" : "G.1X", 10, null, null);
        }
        double dpus = max == null ? SPARK_DEFAULT_CAPACITY : max;
        if (dpus < 2 || dpus > 100 || dpus != Math.rint(dpus)) {
            throw GlueErrors.INVALID_INPUT.exception("MaxCapacity of %s jobs must be a whole number of DPUs from 2 to 100", commandName);
        }
        return new Capacity(null, null, dpus, (int) dpus);
    }

    static int timeout(@Nullable Integer timeout, @Nullable String glueVersion) {
        if (timeout == null) {
            return glueVersion != null && major(glueVersion) >= 5 ? DEFAULT_TIMEOUT_GLUE_5 : DEFAULT_TIMEOUT;
        }
        if (timeout < 1) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'timeout' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 1", timeout);
        }
        if (timeout >= MAX_TIMEOUT) {
            throw GlueErrors.INVALID_INPUT.exception("Timeout must be less than 7 days (%d minutes)", MAX_TIMEOUT);
        }
        return timeout;
    }

    static @Nullable String executionClass(@Nullable String executionClass, String commandName, @Nullable String glueVersion) {
        if (executionClass == null) {
            return commandName.equals(JobDefinition.SPARK) ? "STANDARD" : null;
        }
        oneOf("executionClass", executionClass, EXECUTION_CLASSES);
        if (executionClass.equals("FLEX")
                && (!commandName.equals(JobDefinition.SPARK) || glueVersion == null || major(glueVersion) < 3)) {
            throw GlueErrors.INVALID_INPUT.exception("Only jobs with Glue version 3.0 and above and command type glueetl will be "
                    + "allowed to set ExecutionClass to FLEX");
        }
        return executionClass;
    }

    private static int major(String glueVersion) {
        try {
            return Integer.parseInt(glueVersion.substring(0, glueVersion.indexOf('.')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static String oneOf(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [%s]", value, field, String.join(", ", allowed));
        }
        return value;
    }

    static AwsException required(String field) {
        return GlueErrors.VALIDATION.exception(
                "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field);
    }

    private static boolean singleLine(String s) {
        return s.codePoints().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7F && (c < 0xD800 || c > 0xDFFF));
    }
}
