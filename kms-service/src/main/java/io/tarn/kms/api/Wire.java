package io.tarn.kms.api;

import io.tarn.kms.KmsLimits;
import io.tarn.kms.api.shapes.AliasShapes.AliasListEntry;
import io.tarn.kms.api.shapes.GrantShapes.GrantConstraints;
import io.tarn.kms.api.shapes.GrantShapes.GrantListEntry;
import io.tarn.kms.api.shapes.KeyShapes.KeyMetadata;
import io.tarn.kms.api.shapes.KeyShapes.Tag;
import io.tarn.kms.engine.KeySpecs;
import io.tarn.kms.model.AliasMeta;
import io.tarn.kms.model.GrantMeta;
import io.tarn.kms.model.KeyMeta;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Persisted records to wire shapes, and the constraints many operations share. */
final class Wire {

    static final Pattern PRINCIPAL = Pattern.compile("^[\\w+=,.@:/-]+$");
    static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
    static final Pattern GRANT_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
    static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]*");

    private Wire() {}

    static KeyMetadata keyMetadata(KeyMeta k) {
        return new KeyMetadata(k.account(), k.keyId(), k.arn(), k.creationDate(), k.enabled(), k.description(),
                k.keyUsage(), k.keyState().name(), k.deletionDate(), k.origin(), k.keyManager(), k.keySpec(), k.keySpec(),
                orNull(KeySpecs.encryptionAlgorithms(k.keyUsage(), k.keySpec())),
                orNull(KeySpecs.signingAlgorithms(k.keyUsage(), k.keySpec())), false, k.pendingWindowInDays(),
                orNull(KeySpecs.macAlgorithms(k.keyUsage(), k.keySpec())), k.currentMaterialId());
    }

    static AliasListEntry alias(AliasMeta a) {
        return new AliasListEntry(a.aliasName(), a.aliasArn(), a.targetKeyId(), a.creationDate(), a.lastUpdatedDate());
    }

    static GrantListEntry grant(GrantMeta g) {
        GrantConstraints constraints = g.encryptionContextSubset() == null && g.encryptionContextEquals() == null
                ? null : new GrantConstraints(g.encryptionContextSubset(), g.encryptionContextEquals());
        return new GrantListEntry(g.keyId(), g.grantId(), g.name(), g.creationDate(), g.granteePrincipal(),
                g.retiringPrincipal(), g.issuingAccount(), g.operations(), constraints);
    }

    static Tag tag(java.util.Map.Entry<String, String> e) {
        return new Tag(e.getKey(), e.getValue());
    }

    private static @Nullable List<String> orNull(List<String> list) {
        return list.isEmpty() ? null : list;
    }

    /** A required key reference: KeyId, TargetKeyId, DestinationKeyId. */
    static Validation keyId(Validation v, String member, @Nullable String keyId) {
        return v.notNull(member, keyId).length(member, keyId, 1, KmsLimits.MAX_KEY_ID_LENGTH);
    }

    static Validation paging(Validation v, @Nullable Integer limit, @Nullable String marker, KmsLimits.Page page) {
        return v.range("limit", limit, 1, page.max).length("marker", marker, 1, 1024).pattern("marker", marker, MARKER);
    }

    static int limit(@Nullable Integer limit, KmsLimits.Page page) {
        return limit == null ? page.defaultLimit : limit;
    }

    static Validation grantTokens(Validation v, @Nullable List<String> tokens) {
        v.size("grantTokens", tokens, 0, KmsLimits.MAX_GRANT_TOKENS);
        if (tokens != null) {
            for (String t : tokens) {
                v.length("grantTokens", t, 1, KmsLimits.MAX_GRANT_TOKEN_LENGTH);
            }
        }
        return v;
    }

    /** Tags as CreateKey and TagResource take them: both members required, lengths per the model. */
    static Validation tags(Validation v, @Nullable List<Tag> tags) {
        if (tags != null) {
            for (int i = 0; i < tags.size(); i++) {
                Tag t = tags.get(i);
                String at = "tags." + (i + 1) + ".member.";
                if (t == null) {
                    v.notNull("tags." + (i + 1) + ".member", null);
                    continue;
                }
                v.notNull(at + "tagKey", t.tagKey()).length(at + "tagKey", t.tagKey(), 1, KmsLimits.MAX_TAG_KEY_LENGTH)
                        .notNull(at + "tagValue", t.tagValue())
                        .length(at + "tagValue", t.tagValue(), 0, KmsLimits.MAX_TAG_VALUE_LENGTH);
            }
        }
        return v;
    }

    static boolean isTrue(@Nullable Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
