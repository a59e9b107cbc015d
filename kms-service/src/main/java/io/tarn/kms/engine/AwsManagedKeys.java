package io.tarn.kms.engine;

import io.tarn.core.spi.Namespace;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS managed keys ({@code alias/aws/<service>}): created on first use, as AWS does when a service
 * first encrypts with its default key; KeyManager AWS, rotated yearly, with AWS's policy shape.
 */
final class AwsManagedKeys {

    static final String PREFIX = "alias/aws/";
    private static final Pattern NAME = Pattern.compile("alias/aws/[a-zA-Z0-9/_-]+");

    private static final Map<String, String> DATA = Map.of(
            "s3", "S3 objects",
            "ebs", "EBS volumes",
            "kinesis", "Kinesis data",
            "firehose", "Kinesis Firehose data",
            "glue", "Glue data",
            "dynamodb", "DynamoDB tables",
            "lambda", "Lambda functions",
            "rds", "RDS database",
            "secretsmanager", "Secrets Manager secrets",
            "ssm", "SSM parameters");

    private AwsManagedKeys() {}

    static boolean isManagedAlias(String aliasName) {
        return aliasName.startsWith(PREFIX);
    }

    static boolean isValidManagedAlias(String aliasName) {
        return NAME.matcher(aliasName).matches();
    }

    static String service(String aliasName) {
        return aliasName.substring(PREFIX.length());
    }

    static String description(String aliasName) {
        String service = service(aliasName);
        String what = DATA.getOrDefault(service, service + " resources");
        return "Default master key that protects my " + what + " when no other key is defined";
    }

    static String policy(Namespace ns, String aliasName) {
        String service = service(aliasName);
        return "{\n"
                + "  \"Version\" : \"2012-10-17\",\n"
                + "  \"Id\" : \"auto-" + service + "-2\",\n"
                + "  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Allow access through " + service + " for all principals in the account that are authorized to use " + service + "\",\n"
                + "    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"*\"\n    },\n"
                + "    \"Action\" : [ \"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", \"kms:GenerateDataKey*\", \"kms:DescribeKey\" ],\n"
                + "    \"Resource\" : \"*\",\n"
                + "    \"Condition\" : {\n      \"StringEquals\" : {\n"
                + "        \"kms:CallerAccount\" : \"" + ns.account() + "\",\n"
                + "        \"kms:ViaService\" : \"" + service + "." + ns.region() + ".amazonaws.com\"\n      }\n    }\n"
                + "  }, {\n"
                + "    \"Sid\" : \"Allow direct access to key metadata to the account\",\n"
                + "    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + ns.account() + ":root\"\n    },\n"
                + "    \"Action\" : [ \"kms:Describe*\", \"kms:Get*\", \"kms:List*\" ],\n"
                + "    \"Resource\" : \"*\"\n"
                + "  } ]\n"
                + "}";
    }

    /** The policy AWS gives a customer managed key created without one (key-policy-default.html). */
    static String defaultPolicy(Namespace ns) {
        return "{\n"
                + "  \"Version\" : \"2012-10-17\",\n"
                + "  \"Id\" : \"key-default-1\",\n"
                + "  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Enable IAM User Permissions\",\n"
                + "    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + ns.account() + ":root\"\n    },\n"
                + "    \"Action\" : \"kms:*\",\n"
                + "    \"Resource\" : \"*\"\n"
                + "  } ]\n"
                + "}";
    }
}
