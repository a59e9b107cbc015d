package io.tarn.kms;

import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ports.KeyServicePort;
import io.tarn.core.store.MasterKey;
import io.tarn.kms.api.AliasOperations;
import io.tarn.kms.api.AuditRoute;
import io.tarn.kms.api.CryptoOperations;
import io.tarn.kms.api.GrantOperations;
import io.tarn.kms.api.KeyOperations;
import io.tarn.kms.api.Markers;
import io.tarn.kms.api.RotationOperations;
import io.tarn.kms.api.TagOperations;
import io.tarn.kms.api.shapes.AliasShapes;
import io.tarn.kms.api.shapes.CryptoShapes;
import io.tarn.kms.api.shapes.GrantShapes;
import io.tarn.kms.api.shapes.KeyShapes;
import io.tarn.kms.api.shapes.TagShapes;
import io.tarn.kms.engine.DeclaredKeys;
import io.tarn.kms.engine.KmsEngine;
import java.util.Map;

/**
 * AWS KMS (awsJson 1.1, target prefix {@code TrentService}, signing name {@code kms}): keys,
 * aliases, grants, tags, rotation, real cryptography, and an audit log of every key use served at
 * {@code /_tarn/kms/audit}. Offers the {@link KeyServicePort} to S3, Kinesis and Firehose. Creates
 * the keys the init file declares ({@link DeclaredKeys}) at start.
 */
public final class KmsService implements AwsService {

    public static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.json("kms", "kms", "TrentService");
    /** The largest request: a 6 KiB blob plus contexts and grant tokens, base64 in JSON. */
    private static final long MAX_BODY_BYTES = 1L << 20;

    private volatile KmsEngine engine;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public RequestHandler start(ServiceContext ctx) {
        // a bad init file fails the start before anything is opened or created
        DeclaredKeys declared = DeclaredKeys.parse(ctx.config().initFile().resourcesOf("kms"),
                ctx.config().defaultAccount(), ctx.config().defaultRegion());
        MasterKey masterKey = MasterKey.loadOrCreate(ctx.serviceDir("kms").resolve("master.key"));
        KmsEngine opened = KmsEngine.open(ctx.store().keyspace("kms"), ctx.clock(), ctx.scheduler(), masterKey);
        try {
            declared.apply(opened);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        engine = opened;
        ctx.ports().register(KeyServicePort.class, opened.crypto());
        return new JsonProtocolHandler(DESCRIPTOR, operations(opened, new Markers(PageTokens.load(ctx.dataDir(), "kms"))), MAX_BODY_BYTES);
    }

    /** Every operation of the KMS model: built, or answering UnsupportedOperationException. */
    public static OperationRegistry operations(KmsEngine engine, Markers markers) {
        KeyOperations keys = new KeyOperations(engine.keys(), markers);
        RotationOperations rotation = new RotationOperations(engine.rotation(), engine.keys(), markers);
        TagOperations tags = new TagOperations(engine.keys(), markers);
        AliasOperations aliases = new AliasOperations(engine.aliases(), markers);
        GrantOperations grants = new GrantOperations(engine.grants(), engine.keys(), markers);
        CryptoOperations crypto = new CryptoOperations(engine.crypto(), engine.grants());
        OperationRegistry ops = new OperationRegistry();

        ops.add("CreateKey", KeyShapes.CreateKeyInput.class, keys::createKey);
        ops.add("DescribeKey", KeyShapes.KeyIdInput.class, keys::describeKey);
        ops.add("ListKeys", KeyShapes.ListKeysInput.class, keys::listKeys);
        ops.add("EnableKey", KeyShapes.KeyIdInput.class, keys::enableKey);
        ops.add("DisableKey", KeyShapes.KeyIdInput.class, keys::disableKey);
        ops.add("ScheduleKeyDeletion", KeyShapes.ScheduleKeyDeletionInput.class, keys::scheduleKeyDeletion);
        ops.add("CancelKeyDeletion", KeyShapes.KeyIdInput.class, keys::cancelKeyDeletion);
        ops.add("UpdateKeyDescription", KeyShapes.UpdateKeyDescriptionInput.class, keys::updateKeyDescription);
        ops.add("GetKeyPolicy", KeyShapes.GetKeyPolicyInput.class, keys::getKeyPolicy);
        ops.add("PutKeyPolicy", KeyShapes.PutKeyPolicyInput.class, keys::putKeyPolicy);
        ops.add("ListKeyPolicies", KeyShapes.ListKeyPoliciesInput.class, keys::listKeyPolicies);

        ops.add("EnableKeyRotation", KeyShapes.EnableKeyRotationInput.class, rotation::enableKeyRotation);
        ops.add("DisableKeyRotation", KeyShapes.KeyIdInput.class, rotation::disableKeyRotation);
        ops.add("GetKeyRotationStatus", KeyShapes.KeyIdInput.class, rotation::getKeyRotationStatus);
        ops.add("RotateKeyOnDemand", KeyShapes.KeyIdInput.class, rotation::rotateKeyOnDemand);
        ops.add("ListKeyRotations", KeyShapes.ListKeyRotationsInput.class, rotation::listKeyRotations);

        ops.add("TagResource", TagShapes.TagResourceInput.class, tags::tagResource);
        ops.add("UntagResource", TagShapes.UntagResourceInput.class, tags::untagResource);
        ops.add("ListResourceTags", TagShapes.ListResourceTagsInput.class, tags::listResourceTags);

        ops.add("CreateAlias", AliasShapes.AliasInput.class, aliases::createAlias);
        ops.add("UpdateAlias", AliasShapes.AliasInput.class, aliases::updateAlias);
        ops.add("DeleteAlias", AliasShapes.DeleteAliasInput.class, aliases::deleteAlias);
        ops.add("ListAliases", AliasShapes.ListAliasesInput.class, aliases::listAliases);

        ops.add("CreateGrant", GrantShapes.CreateGrantInput.class, grants::createGrant);
        ops.add("ListGrants", GrantShapes.ListGrantsInput.class, grants::listGrants);
        ops.add("ListRetirableGrants", GrantShapes.ListRetirableGrantsInput.class, grants::listRetirableGrants);
        ops.add("RetireGrant", GrantShapes.RetireGrantInput.class, grants::retireGrant);
        ops.add("RevokeGrant", GrantShapes.RevokeGrantInput.class, grants::revokeGrant);

        ops.add("Encrypt", CryptoShapes.EncryptInput.class, crypto::encrypt);
        ops.add("Decrypt", CryptoShapes.DecryptInput.class, crypto::decrypt);
        ops.add("ReEncrypt", CryptoShapes.ReEncryptInput.class, crypto::reEncrypt);
        ops.add("GenerateDataKey", CryptoShapes.GenerateDataKeyInput.class, crypto::generateDataKey);
        ops.add("GenerateDataKeyWithoutPlaintext", CryptoShapes.GenerateDataKeyInput.class,
                crypto::generateDataKeyWithoutPlaintext);
        ops.add("GenerateDataKeyPair", CryptoShapes.GenerateDataKeyPairInput.class, crypto::generateDataKeyPair);
        ops.add("GenerateDataKeyPairWithoutPlaintext", CryptoShapes.GenerateDataKeyPairInput.class,
                crypto::generateDataKeyPairWithoutPlaintext);
        ops.add("GenerateRandom", CryptoShapes.GenerateRandomInput.class, crypto::generateRandom);
        ops.add("Sign", CryptoShapes.SignInput.class, crypto::sign);
        ops.add("Verify", CryptoShapes.VerifyInput.class, crypto::verify);
        ops.add("GetPublicKey", KeyShapes.KeyIdInput.class, crypto::getPublicKey);
        ops.add("GenerateMac", CryptoShapes.GenerateMacInput.class, crypto::generateMac);
        ops.add("VerifyMac", CryptoShapes.VerifyMacInput.class, crypto::verifyMac);

        unsupported(ops, "custom key stores", "ConnectCustomKeyStore", "CreateCustomKeyStore", "DeleteCustomKeyStore",
                "DescribeCustomKeyStores", "DisconnectCustomKeyStore", "UpdateCustomKeyStore");
        unsupported(ops, "imported key material", "GetParametersForImport", "ImportKeyMaterial", "DeleteImportedKeyMaterial");
        unsupported(ops, "multi-Region keys", "ReplicateKey", "UpdatePrimaryRegion");
        unsupported(ops, "key agreement", "DeriveSharedSecret");
        ops.unsupported("GetKeyLastUsage", KmsErrors.UNSUPPORTED_OPERATION,
                "GetKeyLastUsage is not supported by Tarn; key use is in the audit log at /_tarn/kms/audit");
        return ops;
    }

    private static void unsupported(OperationRegistry ops, String feature, String... operations) {
        for (String operation : operations) {
            ops.unsupported(operation, KmsErrors.UNSUPPORTED_OPERATION,
                    operation + " (" + feature + ") is not supported by Tarn");
        }
    }

    @Override
    public Map<String, AdminRoute> adminRoutes() {
        KmsEngine e = engine;
        if (e == null) {
            return Map.of();
        }
        return Map.of("audit", new AuditRoute(e.usageLog()));
    }

    @Override
    public void reset() {
        KmsEngine e = engine;
        if (e != null) {
            e.reset();
        }
    }

    @Override
    public void close() {
        KmsEngine e = engine;
        if (e != null) {
            e.close();
        }
    }
}
