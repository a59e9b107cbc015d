package io.tarn.glue;

import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ports.CatalogPort;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.spi.ports.WorkflowEventPort;
import io.tarn.core.store.AccessPattern;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.api.ClassifierOperations;
import io.tarn.glue.api.ColumnStatisticsOperations;
import io.tarn.glue.api.ConnectionOperations;
import io.tarn.glue.api.CrawlerOperations;
import io.tarn.glue.api.DatabaseOperations;
import io.tarn.glue.api.FunctionOperations;
import io.tarn.glue.api.JobOperations;
import io.tarn.glue.api.JobRunLogsRoute;
import io.tarn.glue.api.JobRunOperations;
import io.tarn.glue.api.NextTokens;
import io.tarn.glue.api.PartitionOperations;
import io.tarn.glue.api.RegistryOperations;
import io.tarn.glue.api.SchemaVersionOperations;
import io.tarn.glue.api.SearchOperations;
import io.tarn.glue.api.TableOperations;
import io.tarn.glue.api.TagOperations;
import io.tarn.glue.api.TriggerOperations;
import io.tarn.glue.api.WorkflowOperations;
import io.tarn.glue.api.shapes.ClassifierShapes;
import io.tarn.glue.api.shapes.ColumnStatisticsShapes;
import io.tarn.glue.api.shapes.ConnectionShapes;
import io.tarn.glue.api.shapes.CrawlerShapes;
import io.tarn.glue.api.shapes.DatabaseShapes;
import io.tarn.glue.api.shapes.FunctionShapes;
import io.tarn.glue.api.shapes.JobShapes;
import io.tarn.glue.api.shapes.PartitionShapes;
import io.tarn.glue.api.shapes.RegistryShapes;
import io.tarn.glue.api.shapes.SchemaVersionShapes;
import io.tarn.glue.api.shapes.SearchShapes;
import io.tarn.glue.api.shapes.TableShapes;
import io.tarn.glue.api.shapes.TagShapes;
import io.tarn.glue.api.shapes.TriggerShapes;
import io.tarn.glue.api.shapes.WorkflowShapes;
import io.tarn.glue.engine.Catalog;
import io.tarn.glue.engine.CatalogTableSchemas;
import io.tarn.glue.engine.LegacyTags;
import io.tarn.glue.engine.crawler.BuiltInClassifier;
import io.tarn.glue.engine.crawler.ClassifierStore;
import io.tarn.glue.engine.crawler.CrawlEnvironment;
import io.tarn.glue.engine.crawler.Crawlers;
import io.tarn.glue.engine.crawler.InferredLayout;
import io.tarn.glue.engine.jobs.JobBookmarks;
import io.tarn.glue.engine.jobs.JobEngines;
import io.tarn.glue.engine.jobs.JobRuns;
import io.tarn.glue.engine.jobs.Jobs;
import io.tarn.glue.engine.jobs.LaunchSettings;
import io.tarn.glue.engine.jobs.ProcessLauncher;
import io.tarn.glue.engine.jobs.RunCredentials;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.engine.triggers.TriggerActions;
import io.tarn.glue.engine.triggers.Triggers;
import io.tarn.glue.engine.workflows.Orchestration;
import io.tarn.glue.engine.workflows.EventBatches;
import io.tarn.glue.engine.workflows.WorkflowRuns;
import io.tarn.glue.engine.workflows.Workflows;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.TriggerDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * AWS Glue (awsJson 1.1, target prefix {@code AWSGlue}, signing name {@code glue}): the Data
 * Catalog's databases, tables, table versions, partitions and partition indexes, crawlers and custom
 * classifiers so far. Every other operation of the Glue model is registered too and answers that Tarn
 * does not build it yet.
 */
public final class GlueService implements AwsService {

    public static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.json("glue", "glue", "AWSGlue");
    /** A TableInput may carry a view text of 400 KiB; a few MiB leave room for large schemas. */
    private static final long MAX_BODY_BYTES = 8L << 20;
    /** Every operation name of the botocore Glue model (glue/2017-03-31/service-2.json), one a line. */
    private static final String MODEL_OPERATIONS = "operations.txt";
    /** Crawls run beside each other on these threads, off the request and scheduler threads. */
    private static final int CRAWL_THREADS = 2;
    /** How long a stop waits for crawls to notice they are told to stop (they look between objects). */
    private static final long CLOSE_WAIT_SECONDS = 10;

    /** Job runs start their processes on these threads (fetching the script first), off the request threads. */
    private static final int JOB_LAUNCH_THREADS = 2;

    private volatile Catalog catalog;
    private volatile Crawlers crawlers;
    private volatile ExecutorService crawlWork;
    private volatile JobRuns jobRuns;
    private volatile ExecutorService jobWork;
    private volatile ExecutorService jobIo;
    private volatile Map<String, AdminRoute> adminRoutes = Map.of();
    private volatile Triggers triggers;
    private volatile EventBatches eventBatches;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** GetTables (and later GetPartitions) read ranges of keys. */
    @Override
    public AccessPattern accessPattern() {
        return AccessPattern.RANGE_SCANS;
    }

    @Override
    public RequestHandler start(ServiceContext ctx) {
        Keyspace glue = ctx.store().keyspace("glue");
        LegacyTags.move(glue);
        Catalog opened = new Catalog(glue, ctx.clock());
        catalog = opened;
        ctx.ports().register(CatalogPort.class, new CatalogTableSchemas(opened.tables())); // what Firehose's format conversion reads
        ClassifierStore classifiers = new ClassifierStore(glue, ctx.clock());
        crawlWork = daemonPool("tarn-glue-crawl", CRAWL_THREADS);
        // S3 is looked up when a crawl starts: services start in no fixed order
        Crawlers crawling = new Crawlers(glue, ctx.clock(), ctx.scheduler(), opened, classifiers, new CrawlEnvironment(
                crawlWork, () -> ctx.ports().find(ObjectStorePort.class), new BuiltInClassifier(), new InferredLayout()));
        crawling.recover();
        crawlers = crawling;
        JobEngines jobs = startJobs(ctx, glue, opened);
        Orchestration flows = startTriggers(ctx, glue, opened, crawling, jobs);
        return new JsonProtocolHandler(DESCRIPTOR, operations(opened, crawling, classifiers, jobs, flows,
                new NextTokens(PageTokens.load(ctx.dataDir(), "glue"))), MAX_BODY_BYTES);
    }

    /**
     * Triggers and workflows, told of every job run's and crawl's end; after runs and crawls recovered,
     * runs a restart cut short are ended and schedules re-armed.
     */
    private Orchestration startTriggers(ServiceContext ctx, Keyspace glue, Catalog opened, Crawlers crawling, JobEngines jobs) {
        Triggers flows = new Triggers(glue, ctx.clock(), ctx.scheduler(), jobs.jobs(), crawling,
                new TriggerActions(jobs.runs(), crawling), opened.tags());
        Workflows definitions = new Workflows(glue, ctx.clock(), opened.tags(), flows);
        WorkflowRuns runs = new WorkflowRuns(glue, ctx.clock(), definitions, flows, jobs.runs(), crawling);
        jobs.runs().addListener(flows);
        crawling.addListener(flows);
        runs.recover();
        flows.recover();
        EventBatches batches = new EventBatches(glue, ctx.clock(), ctx.scheduler(), flows, runs);
        batches.recover();
        ctx.ports().register(WorkflowEventPort.class, batches); // what the event bus's rules send events to workflows through
        triggers = flows;
        eventBatches = batches;
        return new Orchestration(flows, definitions, runs);
    }

    /** Jobs and their runs: processes started by {@link ProcessLauncher} with the server's Glue settings. */
    private JobEngines startJobs(ServiceContext ctx, Keyspace glue, Catalog opened) {
        String sparkSubmit = ctx.config().extra("glue.sparkSubmit", "");
        LaunchSettings settings = new LaunchSettings(ctx.config().extra("glue.python", "python3"),
                sparkSubmit.isEmpty() ? null : sparkSubmit, ctx.config().extra("glue.sparkMaster", LaunchSettings.LOCAL_MASTER),
                ctx.serviceDir("glue").resolve("job-runs"));
        jobWork = daemonPool("tarn-glue-job", JOB_LAUNCH_THREADS);
        jobIo = Executors.newCachedThreadPool(r -> daemon(r, "tarn-glue-job-io"));
        ProcessLauncher launcher = new ProcessLauncher(settings, () -> ctx.ports().find(ObjectStorePort.class), ctx.endpoint(),
                key -> key == null ? RunCredentials.DEFAULT : ctx.credentials().find(key)
                        .map(k -> new RunCredentials(key, k.secretAccessKey(), k.sessionToken()))
                        .orElse(new RunCredentials(key, RunCredentials.DEFAULT.secretAccessKey(), null)),
                jobIo);
        Jobs definitions = new Jobs(glue, ctx.clock(), opened.tags());
        JobBookmarks bookmarks = new JobBookmarks(glue);
        JobRuns runs = new JobRuns(glue, ctx.clock(), ctx.scheduler(), definitions, bookmarks, launcher, jobWork,
                Integer.parseInt(ctx.config().extra("glue.jobProcesses", "4")));
        runs.recover();
        jobRuns = runs;
        adminRoutes = Map.of(AdminRoute.ANY, new JobRunLogsRoute(settings));
        return new JobEngines(definitions, runs, bookmarks);
    }

    private static ExecutorService daemonPool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> daemon(r, name));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** {@code /_tarn/glue/job-runs/<run id>/logs}. */
    @Override
    public Map<String, AdminRoute> adminRoutes() {
        return adminRoutes;
    }

    /** The catalog's operations only, every other answering OperationNotSupportedException. */
    public static OperationRegistry operations(Catalog catalog, NextTokens tokens) {
        return operations(catalog, null, null, null, tokens);
    }

    /** Every operation of the Glue model: built, or answering OperationNotSupportedException. */
    public static OperationRegistry operations(Catalog catalog, @Nullable Crawlers crawlers, @Nullable ClassifierStore classifiers,
            @Nullable JobEngines jobs, NextTokens tokens) {
        return operations(catalog, crawlers, classifiers, jobs, null, tokens);
    }

    /** Every operation of the Glue model: built, or answering OperationNotSupportedException. */
    public static OperationRegistry operations(Catalog catalog, @Nullable Crawlers crawlers, @Nullable ClassifierStore classifiers,
            @Nullable JobEngines jobs, @Nullable Orchestration orchestration, NextTokens tokens) {
        DatabaseOperations databases = new DatabaseOperations(catalog.databases(), tokens);
        TableOperations tables = new TableOperations(catalog.tables(), tokens);
        OperationRegistry ops = new OperationRegistry();

        ops.add("CreateDatabase", DatabaseShapes.CreateDatabaseInput.class, databases::createDatabase);
        ops.add("GetDatabase", DatabaseShapes.GetDatabaseInput.class, databases::getDatabase);
        ops.add("GetDatabases", DatabaseShapes.GetDatabasesInput.class, databases::getDatabases);
        ops.add("UpdateDatabase", DatabaseShapes.UpdateDatabaseInput.class, databases::updateDatabase);
        ops.add("DeleteDatabase", DatabaseShapes.DeleteDatabaseInput.class, databases::deleteDatabase);

        ops.add("CreateTable", TableShapes.CreateTableInput.class, tables::createTable);
        ops.add("GetTable", TableShapes.GetTableInput.class, tables::getTable);
        ops.add("GetTables", TableShapes.GetTablesInput.class, tables::getTables);
        ops.add("UpdateTable", TableShapes.UpdateTableInput.class, tables::updateTable);
        ops.add("DeleteTable", TableShapes.DeleteTableInput.class, tables::deleteTable);
        ops.add("BatchDeleteTable", TableShapes.BatchDeleteTableInput.class, tables::batchDeleteTable);
        ops.add("GetTableVersion", TableShapes.GetTableVersionInput.class, tables::getTableVersion);
        ops.add("GetTableVersions", TableShapes.GetTableVersionsInput.class, tables::getTableVersions);
        ops.add("DeleteTableVersion", TableShapes.GetTableVersionInput.class, tables::deleteTableVersion);
        ops.add("BatchDeleteTableVersion", TableShapes.BatchDeleteTableVersionInput.class, tables::batchDeleteTableVersion);

        // partitions and partition indexes
        PartitionOperations partitions = new PartitionOperations(catalog.partitions(), tokens);
        ops.add("CreatePartition", PartitionShapes.CreatePartitionInput.class, partitions::createPartition);
        ops.add("BatchCreatePartition", PartitionShapes.BatchCreatePartitionInput.class, partitions::batchCreatePartition);
        ops.add("GetPartition", PartitionShapes.PartitionRef.class, partitions::getPartition);
        ops.add("GetPartitions", PartitionShapes.GetPartitionsInput.class, partitions::getPartitions);
        ops.add("BatchGetPartition", PartitionShapes.BatchGetPartitionInput.class, partitions::batchGetPartition);
        ops.add("UpdatePartition", PartitionShapes.UpdatePartitionInput.class, partitions::updatePartition);
        ops.add("BatchUpdatePartition", PartitionShapes.BatchUpdatePartitionInput.class, partitions::batchUpdatePartition);
        ops.add("DeletePartition", PartitionShapes.PartitionRef.class, partitions::deletePartition);
        ops.add("BatchDeletePartition", PartitionShapes.BatchDeletePartitionInput.class, partitions::batchDeletePartition);
        ops.add("CreatePartitionIndex", PartitionShapes.CreatePartitionIndexInput.class, partitions::createPartitionIndex);
        ops.add("GetPartitionIndexes", PartitionShapes.GetPartitionIndexesInput.class, partitions::getPartitionIndexes);
        ops.add("DeletePartitionIndex", PartitionShapes.DeletePartitionIndexInput.class, partitions::deletePartitionIndex);

        // crawlers, their schedules and custom classifiers
        if (crawlers != null && classifiers != null) {
            CrawlerOperations crawling = new CrawlerOperations(crawlers, tokens);
            ops.add("CreateCrawler", CrawlerDefinition.class, crawling::createCrawler);
            ops.add("GetCrawler", CrawlerShapes.NameInput.class, crawling::getCrawler);
            ops.add("GetCrawlers", CrawlerShapes.GetCrawlersInput.class, crawling::getCrawlers);
            ops.add("ListCrawlers", CrawlerShapes.ListCrawlersInput.class, crawling::listCrawlers);
            ops.add("BatchGetCrawlers", CrawlerShapes.BatchGetCrawlersInput.class, crawling::batchGetCrawlers);
            ops.add("UpdateCrawler", CrawlerDefinition.class, crawling::updateCrawler);
            ops.add("DeleteCrawler", CrawlerShapes.NameInput.class, crawling::deleteCrawler);
            ops.add("StartCrawler", CrawlerShapes.NameInput.class, crawling::startCrawler);
            ops.add("StopCrawler", CrawlerShapes.NameInput.class, crawling::stopCrawler);
            ops.add("GetCrawlerMetrics", CrawlerShapes.GetCrawlerMetricsInput.class, crawling::getCrawlerMetrics);
            ops.add("ListCrawls", CrawlerShapes.ListCrawlsInput.class, crawling::listCrawls);
            ops.add("StartCrawlerSchedule", CrawlerShapes.CrawlerNameInput.class, crawling::startCrawlerSchedule);
            ops.add("StopCrawlerSchedule", CrawlerShapes.CrawlerNameInput.class, crawling::stopCrawlerSchedule);
            ops.add("UpdateCrawlerSchedule", CrawlerShapes.UpdateCrawlerScheduleInput.class, crawling::updateCrawlerSchedule);
            ClassifierOperations custom = new ClassifierOperations(classifiers, tokens);
            ops.add("CreateClassifier", ClassifierShapes.ClassifierInput.class, custom::createClassifier);
            ops.add("GetClassifier", CrawlerShapes.NameInput.class, custom::getClassifier);
            ops.add("GetClassifiers", ClassifierShapes.GetClassifiersInput.class, custom::getClassifiers);
            ops.add("UpdateClassifier", ClassifierShapes.ClassifierInput.class, custom::updateClassifier);
            ops.add("DeleteClassifier", CrawlerShapes.NameInput.class, custom::deleteClassifier);
        }

        // jobs, their runs and bookmarks
        if (jobs != null) {
            JobOperations definitions = new JobOperations(jobs.jobs(), jobs.runs(), tokens);
            ops.add("CreateJob", JobDefinition.class, definitions::createJob);
            ops.add("GetJob", JobShapes.JobNameInput.class, definitions::getJob);
            ops.add("GetJobs", JobShapes.GetJobsInput.class, definitions::getJobs);
            ops.add("ListJobs", JobShapes.ListJobsInput.class, definitions::listJobs);
            ops.add("BatchGetJobs", JobShapes.BatchGetJobsInput.class, definitions::batchGetJobs);
            ops.add("UpdateJob", JobShapes.UpdateJobInput.class, definitions::updateJob);
            ops.add("DeleteJob", JobShapes.JobNameInput.class, definitions::deleteJob);
            JobRunOperations running = new JobRunOperations(jobs.runs(), jobs.bookmarks(), tokens);
            ops.add("StartJobRun", JobShapes.StartJobRunInput.class, running::startJobRun);
            ops.add("GetJobRun", JobShapes.GetJobRunInput.class, running::getJobRun);
            ops.add("GetJobRuns", JobShapes.GetJobRunsInput.class, running::getJobRuns);
            ops.add("BatchStopJobRun", JobShapes.BatchStopJobRunInput.class, running::batchStopJobRun);
            ops.add("GetJobBookmark", JobShapes.JobBookmarkInput.class, running::getJobBookmark);
            ops.add("ResetJobBookmark", JobShapes.JobBookmarkInput.class, running::resetJobBookmark);
        }

        if (orchestration != null) {
            registerTriggers(ops, orchestration.triggers(), tokens);
            registerWorkflows(ops, orchestration, tokens);
        }

        // tags, column statistics, user-defined functions, connections, SearchTables, GetCatalogImportStatus
        TagOperations tagOps = new TagOperations(catalog.tags());
        ops.add("TagResource", TagShapes.TagResourceInput.class, tagOps::tagResource);
        ops.add("UntagResource", TagShapes.UntagResourceInput.class, tagOps::untagResource);
        ops.add("GetTags", TagShapes.GetTagsInput.class, tagOps::getTags);
        ColumnStatisticsOperations stats = new ColumnStatisticsOperations(catalog.columnStatistics());
        ops.add("UpdateColumnStatisticsForTable", ColumnStatisticsShapes.UpdateColumnStatisticsForTableInput.class,
                stats::updateColumnStatisticsForTable);
        ops.add("GetColumnStatisticsForTable", ColumnStatisticsShapes.GetColumnStatisticsForTableInput.class,
                stats::getColumnStatisticsForTable);
        ops.add("DeleteColumnStatisticsForTable", ColumnStatisticsShapes.DeleteColumnStatisticsForTableInput.class,
                stats::deleteColumnStatisticsForTable);
        // partition column statistics
        ops.add("UpdateColumnStatisticsForPartition", ColumnStatisticsShapes.UpdateColumnStatisticsForPartitionInput.class,
                stats::updateColumnStatisticsForPartition);
        ops.add("GetColumnStatisticsForPartition", ColumnStatisticsShapes.GetColumnStatisticsForPartitionInput.class,
                stats::getColumnStatisticsForPartition);
        ops.add("DeleteColumnStatisticsForPartition", ColumnStatisticsShapes.DeleteColumnStatisticsForPartitionInput.class,
                stats::deleteColumnStatisticsForPartition);
        FunctionOperations functions = new FunctionOperations(catalog.functions(), tokens);
        ops.add("CreateUserDefinedFunction", FunctionShapes.CreateUserDefinedFunctionInput.class, functions::createUserDefinedFunction);
        ops.add("GetUserDefinedFunction", FunctionShapes.GetUserDefinedFunctionInput.class, functions::getUserDefinedFunction);
        ops.add("GetUserDefinedFunctions", FunctionShapes.GetUserDefinedFunctionsInput.class, functions::getUserDefinedFunctions);
        ops.add("UpdateUserDefinedFunction", FunctionShapes.UpdateUserDefinedFunctionInput.class, functions::updateUserDefinedFunction);
        ops.add("DeleteUserDefinedFunction", FunctionShapes.GetUserDefinedFunctionInput.class, functions::deleteUserDefinedFunction);
        ConnectionOperations connections = new ConnectionOperations(catalog.connections(), tokens);
        ops.add("CreateConnection", ConnectionShapes.CreateConnectionInput.class, connections::createConnection);
        ops.add("GetConnection", ConnectionShapes.GetConnectionInput.class, connections::getConnection);
        ops.add("GetConnections", ConnectionShapes.GetConnectionsInput.class, connections::getConnections);
        ops.add("UpdateConnection", ConnectionShapes.UpdateConnectionInput.class, connections::updateConnection);
        ops.add("DeleteConnection", ConnectionShapes.DeleteConnectionInput.class, connections::deleteConnection);
        ops.add("BatchDeleteConnection", ConnectionShapes.BatchDeleteConnectionInput.class, connections::batchDeleteConnection);
        SearchOperations search = new SearchOperations(catalog.search(), tokens);
        ops.add("SearchTables", SearchShapes.SearchTablesInput.class, search::searchTables);
        ops.add("GetCatalogImportStatus", SearchShapes.GetCatalogImportStatusInput.class, search::getCatalogImportStatus);

        // Schema Registry: registries, schemas, schema versions and their metadata
        RegistryOperations registries = new RegistryOperations(catalog.schemaRegistry(), tokens);
        SchemaVersionOperations schemaVersions = new SchemaVersionOperations(catalog.schemaRegistry(), tokens);
        ops.add("CreateRegistry", RegistryShapes.CreateRegistryInput.class, registries::createRegistry);
        ops.add("GetRegistry", RegistryShapes.RegistryIdInput.class, registries::getRegistry);
        ops.add("ListRegistries", RegistryShapes.ListRegistriesInput.class, registries::listRegistries);
        ops.add("UpdateRegistry", RegistryShapes.UpdateRegistryInput.class, registries::updateRegistry);
        ops.add("DeleteRegistry", RegistryShapes.RegistryIdInput.class, registries::deleteRegistry);
        ops.add("CreateSchema", RegistryShapes.CreateSchemaInput.class, registries::createSchema);
        ops.add("GetSchema", RegistryShapes.SchemaIdInput.class, registries::getSchema);
        ops.add("ListSchemas", RegistryShapes.ListSchemasInput.class, registries::listSchemas);
        ops.add("UpdateSchema", RegistryShapes.UpdateSchemaInput.class, registries::updateSchema);
        ops.add("DeleteSchema", RegistryShapes.SchemaIdInput.class, registries::deleteSchema);
        ops.add("RegisterSchemaVersion", SchemaVersionShapes.RegisterSchemaVersionInput.class, schemaVersions::registerSchemaVersion);
        ops.add("GetSchemaVersion", SchemaVersionShapes.GetSchemaVersionInput.class, schemaVersions::getSchemaVersion);
        ops.add("GetSchemaByDefinition", SchemaVersionShapes.GetSchemaByDefinitionInput.class, schemaVersions::getSchemaByDefinition);
        ops.add("ListSchemaVersions", SchemaVersionShapes.ListSchemaVersionsInput.class, schemaVersions::listSchemaVersions);
        ops.add("DeleteSchemaVersions", SchemaVersionShapes.DeleteSchemaVersionsInput.class, schemaVersions::deleteSchemaVersions);
        ops.add("CheckSchemaVersionValidity", SchemaVersionShapes.CheckSchemaVersionValidityInput.class,
                schemaVersions::checkSchemaVersionValidity);
        ops.add("PutSchemaVersionMetadata", SchemaVersionShapes.SchemaVersionMetadataInput.class,
                schemaVersions::putSchemaVersionMetadata);
        ops.add("RemoveSchemaVersionMetadata", SchemaVersionShapes.SchemaVersionMetadataInput.class,
                schemaVersions::removeSchemaVersionMetadata);
        ops.add("QuerySchemaVersionMetadata", SchemaVersionShapes.QuerySchemaVersionMetadataInput.class,
                schemaVersions::querySchemaVersionMetadata);

        // KMS answers its unbuilt operations with its own UnsupportedOperationException; Glue's model has
        // no such error, and its nearest is OperationNotSupportedException (400: a retry cannot help,
        // and SDKs would retry a 5xx). Its message names the operation, so a client sees what to avoid.
        for (String operation : modelOperations()) {
            if (ops.find(operation) == null) {
                ops.unsupported(operation, GlueErrors.OPERATION_NOT_SUPPORTED, operation + " is not built by Tarn yet");
            }
        }
        return ops;
    }

    /** Triggers: definitions, states and firing. */
    private static void registerTriggers(OperationRegistry ops, Triggers triggers, NextTokens tokens) {
        TriggerOperations t = new TriggerOperations(triggers, tokens);
        ops.add("CreateTrigger", TriggerDefinition.class, t::createTrigger);
        ops.add("GetTrigger", TriggerShapes.NameInput.class, t::getTrigger);
        ops.add("GetTriggers", TriggerShapes.GetTriggersInput.class, t::getTriggers);
        ops.add("ListTriggers", TriggerShapes.ListTriggersInput.class, t::listTriggers);
        ops.add("BatchGetTriggers", TriggerShapes.BatchGetTriggersInput.class, t::batchGetTriggers);
        ops.add("UpdateTrigger", TriggerShapes.UpdateTriggerInput.class, t::updateTrigger);
        ops.add("DeleteTrigger", TriggerShapes.NameInput.class, t::deleteTrigger);
        ops.add("StartTrigger", TriggerShapes.NameInput.class, t::startTrigger);
        ops.add("StopTrigger", TriggerShapes.NameInput.class, t::stopTrigger);
    }

    /** Workflows and their runs. */
    private static void registerWorkflows(OperationRegistry ops, Orchestration o, NextTokens tokens) {
        WorkflowOperations w = new WorkflowOperations(o.workflows(), o.runs(), o.triggers(), tokens);
        ops.add("CreateWorkflow", WorkflowShapes.CreateWorkflowInput.class, w::createWorkflow);
        ops.add("GetWorkflow", WorkflowShapes.GetWorkflowInput.class, w::getWorkflow);
        ops.add("ListWorkflows", WorkflowShapes.ListWorkflowsInput.class, w::listWorkflows);
        ops.add("BatchGetWorkflows", WorkflowShapes.BatchGetWorkflowsInput.class, w::batchGetWorkflows);
        ops.add("UpdateWorkflow", WorkflowShapes.UpdateWorkflowInput.class, w::updateWorkflow);
        ops.add("DeleteWorkflow", WorkflowShapes.NameInput.class, w::deleteWorkflow);
        ops.add("StartWorkflowRun", WorkflowShapes.StartWorkflowRunInput.class, w::startWorkflowRun);
        ops.add("StopWorkflowRun", WorkflowShapes.RunInput.class, w::stopWorkflowRun);
        ops.add("ResumeWorkflowRun", WorkflowShapes.ResumeWorkflowRunInput.class, w::resumeWorkflowRun);
        ops.add("GetWorkflowRun", WorkflowShapes.GetWorkflowRunInput.class, w::getWorkflowRun);
        ops.add("GetWorkflowRuns", WorkflowShapes.GetWorkflowRunsInput.class, w::getWorkflowRuns);
        ops.add("GetWorkflowRunProperties", WorkflowShapes.RunInput.class, w::getWorkflowRunProperties);
        ops.add("PutWorkflowRunProperties", WorkflowShapes.PutWorkflowRunPropertiesInput.class, w::putWorkflowRunProperties);
    }

    static List<String> modelOperations() {
        try (InputStream in = GlueService.class.getResourceAsStream(MODEL_OPERATIONS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + MODEL_OPERATIONS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void reset() {
        Catalog c = catalog;
        if (c != null) {
            c.reset();
        }
        Crawlers running = crawlers;
        if (running != null) {
            running.reset();
        }
        JobRuns runs = jobRuns;
        if (runs != null) {
            runs.reset();
        }
        Triggers flows = triggers;
        if (flows != null) {
            flows.reset();
        }
        EventBatches batches = eventBatches;
        if (batches != null) {
            batches.reset();
        }
    }

    @Override
    public void close() {
        // the store belongs to the server, which closes it after this: crawls under way are told to stop and
        // write nothing more, so the next start reports them FAILED
        Triggers flows = triggers;
        if (flows != null) {
            flows.reset(); // no more firings
        }
        EventBatches batches = eventBatches;
        if (batches != null) {
            batches.reset();
        }
        Crawlers running = crawlers;
        if (running != null) {
            running.close();
        }
        // job runs' processes are killed; their runs are reported FAILED at the next start
        JobRuns runs = jobRuns;
        if (runs != null) {
            runs.close();
        }
        for (ExecutorService work : new ExecutorService[] {crawlWork, jobWork, jobIo}) {
            if (work != null) {
                work.shutdownNow();
                try {
                    work.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
