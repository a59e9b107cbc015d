package io.tarn.s3.api;

import io.tarn.core.auth.AuthFailure;
import io.tarn.core.auth.CredentialStore;
import io.tarn.core.auth.SigV4Verifier;
import io.tarn.core.config.AuthMode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Protocol;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.S3Errors;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who signed a browser POST form. The signature is over the base64 policy itself: SigV4
 * ({@code x-amz-algorithm}, {@code x-amz-credential}, {@code x-amz-date}, {@code x-amz-signature}:
 * hex HMAC-SHA256 under the key derived for the credential's date, region and service) or SigV2
 * ({@code AWSAccessKeyId}, {@code signature}: base64 HMAC-SHA1 under the secret). Strict mode
 * verifies it against the credentials header auth uses, with the same errors; lenient mode, as
 * for headers, takes any credentials but still reads them, the access key choosing the account.
 * A form without a policy is anonymous.
 */
public final class PostFormAuth {

    private static final List<String> V4_FIELDS = List.of("x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature");
    private static final List<String> V2_FIELDS = List.of("awsaccesskeyid", "signature");
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final CredentialStore credentials;
    private final AuthMode mode;
    private final EmulatorClock clock;
    private final String defaultAccount;

    public PostFormAuth(CredentialStore credentials, AuthMode mode, EmulatorClock clock, String defaultAccount) {
        this.credentials = credentials;
        this.mode = mode;
        this.clock = clock;
        this.defaultAccount = defaultAccount;
    }

    /**
     * The caller a form's fields (names lower-cased) prove. A form without a policy is anonymous:
     * its upload is then allowed only where an anonymous PutObject is (a bucket policy or ACL
     * granting public write, with Block Public Access off); strict mode refuses it, as it refuses
     * every unsigned request.
     */
    Caller caller(Map<String, String> fields) {
        String policy = fields.get("policy");
        if (policy == null) {
            if (mode == AuthMode.STRICT) {
                throw AuthFailure.MISSING_AUTHENTICATION.exception(Protocol.REST_XML);
            }
            return Caller.root("", defaultAccount);
        }
        boolean v4 = present(fields, V4_FIELDS);
        if (!v4 && !present(fields, V2_FIELDS)) {
            throw S3Errors.ACCESS_DENIED.exception("Access Denied");
        }
        if (v4) {
            requireAll(fields, V4_FIELDS, List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature"));
            return v4(fields, policy);
        }
        requireAll(fields, V2_FIELDS, List.of("AWSAccessKeyId", "Signature"));
        return v2(fields, policy);
    }

    private Caller v4(Map<String, String> fields, String policy) {
        String algorithm = fields.get("x-amz-algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw S3Errors.INVALID_ARGUMENT.exception("Signature Version 4 requires the AWS4-HMAC-SHA256 algorithm.")
                    .with("ArgumentName", "X-Amz-Algorithm").with("ArgumentValue", algorithm);
        }
        String credential = fields.get("x-amz-credential");
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !scope[1].matches("\\d{8}") || !scope[4].equals("aws4_request")) {
            throw S3Errors.INVALID_ARGUMENT.exception("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed;"
                    + " expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")
                    .with("ArgumentName", "X-Amz-Credential").with("ArgumentValue", credential);
        }
        return verified(scope[0], fields, secret -> {
            byte[] key = SigV4Verifier.signingKey(secret, scope[1], scope[2], scope[3]);
            return HexFormat.of().formatHex(hmac("HmacSHA256", key, policy));
        }, fields.get("x-amz-signature"));
    }

    private Caller v2(Map<String, String> fields, String policy) {
        return verified(fields.get("awsaccesskeyid"), fields,
                secret -> Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), policy)),
                fields.get("signature"));
    }

    private Caller verified(String accessKeyId, Map<String, String> fields, Function<String, String> sign,
            String provided) {
        if (mode == AuthMode.LENIENT) {
            return credentials.callerFor(accessKeyId);
        }
        Optional<CredentialStore.Known> known = credentials.find(accessKeyId);
        if (known.isEmpty()) {
            throw AuthFailure.UNKNOWN_ACCESS_KEY.exception(Protocol.REST_XML).with("AWSAccessKeyId", accessKeyId);
        }
        CredentialStore.Known k = known.get();
        if (k.sessionToken() != null && !k.sessionToken().equals(fields.get("x-amz-security-token"))) {
            throw AuthFailure.UNKNOWN_ACCESS_KEY.exception(Protocol.REST_XML).with("AWSAccessKeyId", accessKeyId);
        }
        if (k.expiration() != null && !clock.instant().isBefore(k.expiration())) {
            throw AuthFailure.EXPIRED_TOKEN.exception(Protocol.REST_XML);
        }
        String expected = sign.apply(k.secretAccessKey());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), provided.trim().getBytes(StandardCharsets.UTF_8))) {
            throw AuthFailure.SIGNATURE_MISMATCH.exception(Protocol.REST_XML).with("AWSAccessKeyId", accessKeyId)
                    .with("StringToSign", fields.get("policy")).with("SignatureProvided", provided);
        }
        return k.caller();
    }

    private static boolean present(Map<String, String> fields, List<String> names) {
        return names.stream().anyMatch(fields::containsKey);
    }

    /** A signature's fields come together: the first one missing is named, as S3 names it. */
    private static void requireAll(Map<String, String> fields, List<String> names, List<String> shownAs) {
        for (int i = 0; i < names.size(); i++) {
            if (!fields.containsKey(names.get(i))) {
                throw missingField(shownAs.get(i));
            }
        }
    }

    static AwsException missingField(String name) {
        return S3Errors.INVALID_ARGUMENT.exception("Bucket POST must contain a field named '" + name
                + "'.  If it is specified, please check the order of the fields.").with("ArgumentName", name).with("ArgumentValue", "");
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a field needs no condition in the policy (the "Conditions" sections of both signature versions). */
    static boolean exempt(String field) {
        return field.equals("policy") || field.equals("file") || field.equals("x-amz-signature") || field.equals("signature")
                || field.equals("awsaccesskeyid") || field.startsWith("x-ignore-");
    }
}
