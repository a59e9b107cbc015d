package io.tarn.kms.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * KMS's signing algorithms. MessageType RAW hashes the message; DIGEST takes the hash as given.
 * The JDK signs ECDSA and PKCS#1 v1.5 both ways (DIGEST via its NONEwith* signatures) and
 * RSASSA-PSS over RAW messages; RSASSA-PSS over a digest is Bouncy Castle's {@link PSSSigner} raw
 * signer, as the JDK has no pre-hashed PSS. PSS uses MGF1 with the same hash and a salt as long as
 * the hash, as KMS does, so either kind verifies the other.
 */
final class Signatures {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {}

    /** {@code SHA-256} for {@code RSASSA_PSS_SHA_256}, {@code ECDSA_SHA_256}... */
    static String hash(String algorithm) {
        return "SHA-" + bits(algorithm);
    }

    static int hashLength(String algorithm) {
        return Integer.parseInt(bits(algorithm)) / 8;
    }

    private static String bits(String algorithm) {
        return algorithm.substring(algorithm.length() - 3);
    }

    private static boolean isPss(String algorithm) {
        return algorithm.startsWith("RSASSA_PSS");
    }

    static byte[] sign(PrivateKey key, String algorithm, byte[] message, boolean digest) throws GeneralSecurityException {
        if (digest && isPss(algorithm)) {
            PSSSigner signer = prehashedPss(algorithm);
            signer.init(true, new ParametersWithRandom(rsaPrivate(key), RANDOM));
            signer.update(message, 0, message.length);
            try {
                return signer.generateSignature();
            } catch (CryptoException | DataLengthException e) {
                throw new GeneralSecurityException("RSASSA-PSS signing failed", e);
            }
        }
        Signature s = jdk(algorithm, digest);
        s.initSign(key);
        s.update(input(algorithm, message, digest));
        return s.sign();
    }

    static boolean verify(PublicKey key, String algorithm, byte[] message, boolean digest, byte[] signature) {
        try {
            if (digest && isPss(algorithm)) {
                RSAKeyParameters params = rsaPublic(key);
                // as the JDK's RSASSA-PSS does for RAW: a signature is exactly as long as the modulus
                if (signature.length != (params.getModulus().bitLength() + 7) / 8) {
                    return false;
                }
                PSSSigner verifier = prehashedPss(algorithm);
                verifier.init(false, params);
                verifier.update(message, 0, message.length);
                return verifier.verifySignature(signature);
            }
            Signature s = jdk(algorithm, digest);
            s.initVerify(key);
            s.update(input(algorithm, message, digest));
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException | DataLengthException e) {
            return false; // a malformed signature is an invalid one
        }
    }

    /** The JDK signature for every algorithm but pre-hashed PSS. */
    private static Signature jdk(String algorithm, boolean digest) throws GeneralSecurityException {
        if (isPss(algorithm)) {
            String hash = hash(algorithm);
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), hashLength(algorithm),
                    PSSParameterSpec.TRAILER_FIELD_BC));
            return s;
        }
        boolean ecdsa = algorithm.startsWith("ECDSA");
        if (digest) {
            return Signature.getInstance(ecdsa ? "NONEwithECDSA" : "NONEwithRSA");
        }
        return Signature.getInstance("SHA" + bits(algorithm) + (ecdsa ? "withECDSA" : "withRSA"));
    }

    /** What the JDK signature is fed: PKCS#1 v1.5 over a digest signs its DER DigestInfo (RFC 8017 9.2). */
    private static byte[] input(String algorithm, byte[] message, boolean digest) throws GeneralSecurityException {
        if (!digest || !algorithm.startsWith("RSASSA_PKCS1_V1_5")) {
            return message;
        }
        try {
            return new DigestInfo(new AlgorithmIdentifier(hashOid(algorithm), DERNull.INSTANCE), message)
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode the DigestInfo", e);
        }
    }

    /** EMSA-PSS over a given digest: MGF1 with the same hash, salt length = hash length, trailer 0xBC. */
    private static PSSSigner prehashedPss(String algorithm) {
        return PSSSigner.createRawSigner(new RSABlindedEngine(), bcDigest(algorithm), bcDigest(algorithm),
                hashLength(algorithm), PSSSigner.TRAILER_IMPLICIT);
    }

    private static Digest bcDigest(String algorithm) {
        switch (bits(algorithm)) {
            case "256":
                return new SHA256Digest();
            case "384":
                return new SHA384Digest();
            case "512":
                return new SHA512Digest();
            default:
                throw new IllegalArgumentException("no hash in " + algorithm);
        }
    }

    private static ASN1ObjectIdentifier hashOid(String algorithm) {
        switch (bits(algorithm)) {
            case "256":
                return NISTObjectIdentifiers.id_sha256;
            case "384":
                return NISTObjectIdentifiers.id_sha384;
            case "512":
                return NISTObjectIdentifiers.id_sha512;
            default:
                throw new IllegalArgumentException("no hash in " + algorithm);
        }
    }

    private static RSAKeyParameters rsaPrivate(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey) {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) key;
            return new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                    k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient());
        }
        if (key instanceof RSAPrivateKey) {
            RSAPrivateKey k = (RSAPrivateKey) key;
            return new RSAKeyParameters(true, k.getModulus(), k.getPrivateExponent());
        }
        throw new GeneralSecurityException("not an RSA private key: " + key.getAlgorithm());
    }

    private static RSAKeyParameters rsaPublic(PublicKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPublicKey)) {
            throw new GeneralSecurityException("not an RSA public key: " + key.getAlgorithm());
        }
        RSAPublicKey k = (RSAPublicKey) key;
        return new RSAKeyParameters(false, k.getModulus(), k.getPublicExponent());
    }
}
