package io.tarn.glue;

import io.tarn.core.error.ErrorCode;

/** Glue's error codes, as its API model lists them; all are the sender's fault (400) except the internal one. */
public final class GlueErrors {

    private GlueErrors() {}

    public static final ErrorCode ENTITY_NOT_FOUND = ErrorCode.of("EntityNotFoundException");
    public static final ErrorCode ALREADY_EXISTS = ErrorCode.of("AlreadyExistsException");
    public static final ErrorCode INVALID_INPUT = ErrorCode.of("InvalidInputException");
    public static final ErrorCode VALIDATION = ErrorCode.of("ValidationException");
    public static final ErrorCode CONCURRENT_MODIFICATION = ErrorCode.of("ConcurrentModificationException");
    public static final ErrorCode ACCESS_DENIED = ErrorCode.of("AccessDeniedException");
    /** A partition value no longer fits its key's type when an Expression reads it. */
    public static final ErrorCode INVALID_STATE = ErrorCode.of("InvalidStateException");
    public static final ErrorCode RESOURCE_NUMBER_LIMIT_EXCEEDED = ErrorCode.of("ResourceNumberLimitExceededException");
    /** What Tarn answers for an operation of the model it does not build yet (see GlueService). */
    public static final ErrorCode OPERATION_NOT_SUPPORTED = ErrorCode.of("OperationNotSupportedException");
    // crawlers and their schedules
    public static final ErrorCode CRAWLER_RUNNING = ErrorCode.of("CrawlerRunningException");
    public static final ErrorCode CRAWLER_NOT_RUNNING = ErrorCode.of("CrawlerNotRunningException");
    public static final ErrorCode CRAWLER_STOPPING = ErrorCode.of("CrawlerStoppingException");
    public static final ErrorCode SCHEDULER_RUNNING = ErrorCode.of("SchedulerRunningException");
    public static final ErrorCode SCHEDULER_NOT_RUNNING = ErrorCode.of("SchedulerNotRunningException");
    public static final ErrorCode SCHEDULER_TRANSITIONING = ErrorCode.of("SchedulerTransitioningException");
    public static final ErrorCode NO_SCHEDULE = ErrorCode.of("NoScheduleException");
    // jobs
    public static final ErrorCode CONCURRENT_RUNS_EXCEEDED = ErrorCode.of("ConcurrentRunsExceededException");
    // workflows
    public static final ErrorCode ILLEGAL_WORKFLOW_STATE = ErrorCode.of("IllegalWorkflowStateException");
    public static final ErrorCode INTERNAL = ErrorCode.of("InternalServiceException", 500);
}
