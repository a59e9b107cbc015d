package io.tarn.core.iam;

/**
 * A policy document AWS would refuse. The message is AWS's own wording (S3 answers it as
 * {@code MalformedPolicy}, IAM as {@code MalformedPolicyDocument}), so a service only picks its code.
 */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message, null, false, false); // an answer to the client, not a bug: no stack trace
    }
}
