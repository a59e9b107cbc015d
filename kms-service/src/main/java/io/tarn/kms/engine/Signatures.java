package io.tarn.kms.engine;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * KMS's signing algorithms on the JDK's providers. MessageType RAW hashes the message; DIGEST
 * takes the hash as given: ECDSA and PKCS#1 v1.5 via the JDK's NONEwith* signatures, RSASSA-PSS
 * via EMSA-PSS (RFC 8017 9.1) over the raw RSA primitive, as the JDK has no pre-hashed PSS.
 * PSS uses MGF1 with the same hash and a salt as long as the hash, as KMS does.
 */
final class Signatures {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {}

    /** {@code SHA-256} for {@code RSASSA_PSS_SHA_256}, {@code ECDSA_SHA_256}... */
    static String hash(String algorithm) {
        return "SHA-" + algorithm.substring(algorithm.length() - 3);
    }

    static int hashLength(String algorithm) {
        return Integer.parseInt(algorithm.substring(algorithm.length() - 3)) / 8;
    }

    static byte[] sign(PrivateKey key, String algorithm, byte[] message, boolean digest) throws GeneralSecurityException {
        String hash = hash(algorithm);
        String bits = hash.substring(4);
        if (algorithm.startsWith("ECDSA")) {
            Signature s = Signature.getInstance(digest ? "NONEwithECDSA" : "SHA" + bits + "withECDSA");
            s.initSign(key);
            s.update(message);
            return s.sign();
        }
        if (algorithm.startsWith("RSASSA_PKCS1_V1_5")) {
            Signature s = Signature.getInstance(digest ? "NONEwithRSA" : "SHA" + bits + "withRSA");
            s.initSign(key);
            s.update(digest ? digestInfo(bits, message) : message);
            return s.sign();
        }
        if (!digest) {
            Signature s = pss(hash);
            s.initSign(key);
            s.update(message);
            return s.sign();
        }
        int modBits = ((RSAKey) key).getModulus().bitLength();
        byte[] em = pssEncode(hash, message, modBits - 1);
        Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.ENCRYPT_MODE, key);
        return rsa.doFinal(em);
    }

    static boolean verify(PublicKey key, String algorithm, byte[] message, boolean digest, byte[] signature) {
        try {
            String hash = hash(algorithm);
            String bits = hash.substring(4);
            if (algorithm.startsWith("ECDSA")) {
                Signature s = Signature.getInstance(digest ? "NONEwithECDSA" : "SHA" + bits + "withECDSA");
                s.initVerify(key);
                s.update(message);
                return s.verify(signature);
            }
            if (algorithm.startsWith("RSASSA_PKCS1_V1_5")) {
                Signature s = Signature.getInstance(digest ? "NONEwithRSA" : "SHA" + bits + "withRSA");
                s.initVerify(key);
                s.update(digest ? digestInfo(bits, message) : message);
                return s.verify(signature);
            }
            if (!digest) {
                Signature s = pss(hash);
                s.initVerify(key);
                s.update(message);
                return s.verify(signature);
            }
            BigInteger n = ((RSAKey) key).getModulus();
            int k = (n.bitLength() + 7) / 8;
            if (signature.length != k || new BigInteger(1, signature).compareTo(n) >= 0) {
                return false;
            }
            Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
            rsa.init(Cipher.DECRYPT_MODE, key);
            byte[] m = rsa.doFinal(signature);
            return pssVerify(hash, message, m, n.bitLength() - 1);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed signature is an invalid one
        }
    }

    private static Signature pss(String hash) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), MessageDigest.getInstance(hash)
                .getDigestLength(), 1));
        return s;
    }

    private static byte[] digestInfo(String bits, byte[] digest) {
        byte oid;
        switch (bits) {
            case "256":
                oid = 0x01;
                break;
            case "384":
                oid = 0x02;
                break;
            default:
                oid = 0x03;
        }
        int hLen = digest.length;
        byte[] prefix = {0x30, (byte) (0x11 + hLen), 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
            0x02, oid, 0x05, 0x00, 0x04, (byte) hLen};
        byte[] out = Arrays.copyOf(prefix, prefix.length + hLen);
        System.arraycopy(digest, 0, out, prefix.length, hLen);
        return out;
    }

    /** EMSA-PSS-ENCODE with sLen = hLen; the result is as long as the modulus (leading zero byte kept). */
    static byte[] pssEncode(String hash, byte[] mHash, int emBits) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash);
        int hLen = md.getDigestLength();
        int emLen = (emBits + 7) / 8;
        if (mHash.length != hLen || emLen < 2 * hLen + 2) {
            throw new GeneralSecurityException("encoding error");
        }
        byte[] salt = new byte[hLen];
        RANDOM.nextBytes(salt);
        md.update(new byte[8]);
        md.update(mHash);
        byte[] h = md.digest(salt);
        byte[] db = new byte[emLen - hLen - 1];
        db[db.length - hLen - 1] = 0x01;
        System.arraycopy(salt, 0, db, db.length - hLen, hLen);
        byte[] mask = mgf1(hash, h, db.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xFF >>> (8 * emLen - emBits));
        int k = (emBits + 1 + 7) / 8;
        byte[] em = new byte[k];
        int off = k - emLen;
        System.arraycopy(db, 0, em, off, db.length);
        System.arraycopy(h, 0, em, off + db.length, hLen);
        em[k - 1] = (byte) 0xbc;
        return em;
    }

    static boolean pssVerify(String hash, byte[] mHash, byte[] decoded, int emBits) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash);
        int hLen = md.getDigestLength();
        int emLen = (emBits + 7) / 8;
        if (mHash.length != hLen || emLen < 2 * hLen + 2 || decoded.length < emLen) {
            return false;
        }
        byte[] em = Arrays.copyOfRange(decoded, decoded.length - emLen, decoded.length);
        for (int i = 0; i < decoded.length - emLen; i++) {
            if (decoded[i] != 0) {
                return false;
            }
        }
        if (em[emLen - 1] != (byte) 0xbc) {
            return false;
        }
        byte[] db = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
        byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
        int clear = 8 * emLen - emBits;
        if ((db[0] & (0xFF << (8 - clear)) & 0xFF) != 0) {
            return false;
        }
        byte[] mask = mgf1(hash, h, db.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xFF >>> clear);
        int psLen = emLen - 2 * hLen - 2;
        for (int i = 0; i < psLen; i++) {
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[psLen] != 0x01) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(db, db.length - hLen, db.length);
        md.update(new byte[8]);
        md.update(mHash);
        return MessageDigest.isEqual(h, md.digest(salt));
    }

    private static byte[] mgf1(String hash, byte[] seed, int length) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash);
        byte[] out = new byte[length];
        int off = 0;
        for (int counter = 0; off < length; counter++) {
            md.update(seed);
            md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] block = md.digest();
            int n = Math.min(block.length, length - off);
            System.arraycopy(block, 0, out, off, n);
            off += n;
        }
        return out;
    }
}
