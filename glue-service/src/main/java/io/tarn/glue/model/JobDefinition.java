package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a client defines of a job: CreateJob's request, and UpdateJob's JobUpdate (which replaces the
 * whole definition but its name). Stored with AWS's defaults filled in. What runs reason about (the
 * command, arguments, capacity, timeout, retries, concurrency) is typed; connections, notification
 * settings, Glue Studio's nodes and source control details are kept as sent. {@code Tags} is only
 * read at creation: the tags live with {@link io.tarn.glue.engine.Tags}.
 */
public record JobDefinition(
        @JsonProperty("Name") @Nullable String name,
        @JsonProperty("JobMode") @Nullable String jobMode,
        @JsonProperty("JobRunQueuingEnabled") @Nullable Boolean jobRunQueuingEnabled,
        @JsonProperty("Description") @Nullable String description,
        @JsonProperty("LogUri") @Nullable String logUri,
        @JsonProperty("Role") @Nullable String role,
        @JsonProperty("ExecutionProperty") @Nullable ExecutionProperty executionProperty,
        @JsonProperty("Command") @Nullable Command command,
        @JsonProperty("DefaultArguments") @Nullable Map<String, String> defaultArguments,
        @JsonProperty("NonOverridableArguments") @Nullable Map<String, String> nonOverridableArguments,
        @JsonProperty("Connections") @Nullable JsonNode connections,
        @JsonProperty("MaxRetries") @Nullable Integer maxRetries,
        @JsonProperty("AllocatedCapacity") @Nullable Integer allocatedCapacity,
        @JsonProperty("Timeout") @Nullable Integer timeout,
        @JsonProperty("MaxCapacity") @Nullable Double maxCapacity,
        @JsonProperty("SecurityConfiguration") @Nullable String securityConfiguration,
        @JsonProperty("Tags") @Nullable Map<String, String> tags,
        @JsonProperty("NotificationProperty") @Nullable JsonNode notificationProperty,
        @JsonProperty("GlueVersion") @Nullable String glueVersion,
        @JsonProperty("NumberOfWorkers") @Nullable Integer numberOfWorkers,
        @JsonProperty("WorkerType") @Nullable String workerType,
        @JsonProperty("CodeGenConfigurationNodes") @Nullable JsonNode codeGenConfigurationNodes,
        @JsonProperty("ExecutionClass") @Nullable String executionClass,
        @JsonProperty("SourceControlDetails") @Nullable JsonNode sourceControlDetails,
        @JsonProperty("MaintenanceWindow") @Nullable String maintenanceWindow) {

    public static final String PYTHON_SHELL = "pythonshell";
    public static final String SPARK = "glueetl";
    public static final String STREAMING = "gluestreaming";
    public static final String RAY = "glueray";

    /** Glue's JobCommand. */
    public record Command(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("ScriptLocation") @Nullable String scriptLocation,
            @JsonProperty("PythonVersion") @Nullable String pythonVersion,
            @JsonProperty("Runtime") @Nullable String runtime) {}

    /** Glue's ExecutionProperty. */
    public record ExecutionProperty(@JsonProperty("MaxConcurrentRuns") @Nullable Integer maxConcurrentRuns) {}

    /** The command's name ({@code glueetl} when the definition names none, as AWS assumes). */
    public String commandName() {
        return command == null || command.name() == null ? SPARK : command.name();
    }

    public int maxConcurrentRuns() {
        return executionProperty == null || executionProperty.maxConcurrentRuns() == null ? 1 : executionProperty.maxConcurrentRuns();
    }

    /** This definition as a JobUpdate replaces it: every member from {@code update}, the name and no tags kept. */
    public static JobDefinition named(String name, JobDefinition update) {
        return new JobDefinition(name, update.jobMode, update.jobRunQueuingEnabled, update.description, update.logUri, update.role,
                update.executionProperty, update.command, update.defaultArguments, update.nonOverridableArguments, update.connections,
                update.maxRetries, update.allocatedCapacity, update.timeout, update.maxCapacity, update.securityConfiguration, null,
                update.notificationProperty, update.glueVersion, update.numberOfWorkers, update.workerType,
                update.codeGenConfigurationNodes, update.executionClass, update.sourceControlDetails, update.maintenanceWindow);
    }
}
