package io.tarn.glue.engine.jobs;

import java.net.URI;
import java.util.Map;

/**
 * The environment of a run's process: every AWS SDK pointed at Tarn (AWS_ENDPOINT_URL, honoured by boto3,
 * the AWS CLI v2 and SDK v2), its region and credentials; nothing of the server's own AWS settings.
 */
final class RunEnvironment {

    /** Where the run may leave its bookmark state (a JSON text) for the next run. */
    static final String BOOKMARK_OUT = "TARN_GLUE_JOB_BOOKMARK_FILE";
    /** The bookmark state the run starts from, when its option reads one. */
    static final String BOOKMARK_IN = "TARN_GLUE_JOB_BOOKMARK";

    private RunEnvironment() {}

    static void apply(Map<String, String> env, URI endpoint, String region, RunCredentials credentials) {
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials.sessionToken() != null) {
            env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        }
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("PYTHONUNBUFFERED", "1");
    }
}
