package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pre-hashed signatures (MessageType DIGEST) against the JDK's signatures of the whole message. */
class SignaturesTest {

    private static final byte[] MESSAGE = "the message a client signs".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, KeyPair> PAIRS = Map.of(
            "RSA_2048", KeySpecs.generateKeyPair("RSA_2048"),
            "RSA_3072", KeySpecs.generateKeyPair("RSA_3072"));

    @ParameterizedTest
    @CsvSource({"RSA_2048,RSASSA_PSS_SHA_256", "RSA_2048,RSASSA_PSS_SHA_384", "RSA_2048,RSASSA_PSS_SHA_512",
        "RSA_3072,RSASSA_PSS_SHA_256", "RSA_3072,RSASSA_PSS_SHA_384", "RSA_3072,RSASSA_PSS_SHA_512"})
    void prehashedPssInteroperatesWithTheJdksPssOverTheMessage(String spec, String alg) throws Exception {
        KeyPair pair = PAIRS.get(spec);
        byte[] digest = MessageDigest.getInstance(Signatures.hash(alg)).digest(MESSAGE);

        byte[] pre = Signatures.sign(pair.getPrivate(), alg, digest, true);
        assertThat(pre).hasSize(KeySpecs.rsaBits(spec) / 8);
        // a client verifies a DIGEST signature over the original message with the JDK alone
        assertThat(jdkPssVerify(alg, Signatures.hashLength(alg), pair, pre)).isTrue();
        // salt length = hash length: the JDK refuses the signature under any other salt length
        assertThat(jdkPssVerify(alg, 20, pair, pre)).isFalse();
        // salted: two signatures of one digest differ, both verify
        byte[] again = Signatures.sign(pair.getPrivate(), alg, digest, true);
        assertThat(again).isNotEqualTo(pre);
        assertThat(Signatures.verify(pair.getPublic(), alg, digest, true, again)).isTrue();

        // what the JDK signs over the message verifies as DIGEST, and the other way round
        byte[] jdk = jdkPssSign(alg, pair);
        assertThat(Signatures.verify(pair.getPublic(), alg, digest, true, jdk)).isTrue();
        byte[] raw = Signatures.sign(pair.getPrivate(), alg, MESSAGE, false);
        assertThat(Signatures.verify(pair.getPublic(), alg, digest, true, raw)).isTrue();
        assertThat(Signatures.verify(pair.getPublic(), alg, MESSAGE, false, pre)).isTrue();

        // and what does not verify answers false, never an exception
        byte[] otherDigest = MessageDigest.getInstance(Signatures.hash(alg)).digest("other".getBytes(StandardCharsets.UTF_8));
        assertThat(Signatures.verify(pair.getPublic(), alg, otherDigest, true, pre)).isFalse();
        byte[] flipped = pre.clone();
        flipped[flipped.length / 2] ^= 0x01;
        assertThat(Signatures.verify(pair.getPublic(), alg, digest, true, flipped)).isFalse();
        assertThat(Signatures.verify(pair.getPublic(), alg, digest, true, Arrays.copyOf(pre, pre.length - 1))).isFalse();
        assertThat(Signatures.verify(pair.getPublic(), alg, digest, true, Arrays.copyOf(pre, pre.length + 1))).isFalse();
        byte[] aboveModulus = new byte[pre.length];
        Arrays.fill(aboveModulus, (byte) 0xff);
        assertThat(Signatures.verify(pair.getPublic(), alg, digest, true, aboveModulus)).isFalse();
        assertThat(Signatures.verify(pair.getPublic(), alg, digest, true, new byte[pre.length])).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512"})
    void prehashedPkcs1IsTheJdksSignatureOfTheMessage(String alg) throws Exception {
        KeyPair pair = PAIRS.get("RSA_2048");
        byte[] digest = MessageDigest.getInstance(Signatures.hash(alg)).digest(MESSAGE);
        Signature jdk = Signature.getInstance("SHA" + alg.substring(alg.length() - 3) + "withRSA");
        jdk.initSign(pair.getPrivate());
        jdk.update(MESSAGE);
        // PKCS#1 v1.5 is deterministic: the same bytes both ways
        assertThat(Signatures.sign(pair.getPrivate(), alg, digest, true)).isEqualTo(jdk.sign());
    }

    private static Signature jdkPss(String alg, int saltLength) throws Exception {
        String hash = Signatures.hash(alg);
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength,
                PSSParameterSpec.TRAILER_FIELD_BC));
        return s;
    }

    private static byte[] jdkPssSign(String alg, KeyPair pair) throws Exception {
        Signature s = jdkPss(alg, Signatures.hashLength(alg));
        s.initSign(pair.getPrivate());
        s.update(MESSAGE);
        return s.sign();
    }

    private static boolean jdkPssVerify(String alg, int saltLength, KeyPair pair, byte[] signature) throws Exception {
        Signature s = jdkPss(alg, saltLength);
        s.initVerify(pair.getPublic());
        s.update(MESSAGE);
        return s.verify(signature);
    }
}
