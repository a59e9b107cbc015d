package io.tarn.kms.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.kms.model.AliasMeta;
import io.tarn.kms.model.GrantMeta;
import io.tarn.kms.model.KeyMeta;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AliasAndGrantTest extends EngineFixture {

    private static final String ROLE = "arn:aws:iam::000000000000:role/app";

    @Test
    void aliasesAreUniqueAndPointAtCustomerKeys() {
        KeyMeta a = symmetricKey();
        KeyMeta b = symmetricKey();
        AliasMeta alias = engine.aliases().create(NS, "alias/app/data", a.keyId());
        assertThat(alias.aliasArn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:alias/app/data");
        assertAws(() -> engine.aliases().create(NS, "alias/app/data", b.keyId()), "AlreadyExistsException")
                .hasMessage("An alias with the name arn:aws:kms:us-east-1:000000000000:alias/app/data already exists");
        assertAws(() -> engine.aliases().create(NS, "alias/aws/mine", a.keyId()), "NotAuthorizedException");
        assertAws(() -> engine.aliases().create(NS, "app", a.keyId()), "ValidationException")
                .hasMessageStartingWith("Alias must start with the prefix \"alias/\".");
        assertAws(() -> engine.aliases().create(NS, "alias/other", "alias/app/data"), "ValidationException");

        clock.advance(Duration.ofMinutes(1));
        AliasMeta moved = engine.aliases().update(NS, "alias/app/data", b.keyId());
        assertThat(moved.targetKeyId()).isEqualTo(b.keyId());
        assertThat(moved.lastUpdatedDate()).isAfter(moved.creationDate());
        assertThat(keys().resolve(NS, "alias/app/data", KeyRing.Access.USE).keyId()).isEqualTo(b.keyId());

        engine.aliases().create(NS, "alias/second", a.keyId());
        assertThat(engine.aliases().list(NS, a.keyId(), null, 50).items()).extracting(AliasMeta::aliasName)
                .containsExactly("alias/second");
        assertThat(engine.aliases().list(NS, null, null, 50).items()).hasSize(2);

        engine.aliases().delete(NS, "alias/second");
        assertAws(() -> engine.aliases().delete(NS, "alias/second"), "NotFoundException");
        assertAws(() -> engine.aliases().delete(NS, "alias/aws/s3"), "NotAuthorizedException");

        keys().scheduleDeletion(NS, a.keyId(), 7);
        assertAws(() -> engine.aliases().create(NS, "alias/late", a.keyId()), "KMSInvalidStateException");
    }

    @Test
    void grantsAreStoredListedRetiredAndRevoked() {
        KeyMeta key = symmetricKey();
        GrantRegistry grants = engine.grants();
        GrantRegistry.Created g1 = grants.create(NS, key.keyId(), ROLE, ROLE, List.of("Encrypt", "Decrypt"), null, null, "g1");
        GrantRegistry.Created again = grants.create(NS, key.arn(), ROLE, ROLE, List.of("Encrypt", "Decrypt"), null, null, "g1");
        assertThat(again.grantId()).isEqualTo(g1.grantId());
        assertThat(again.grantToken()).isNotEqualTo(g1.grantToken());
        GrantRegistry.Created g2 = grants.create(NS, key.keyId(), "s3.amazonaws.com", null, List.of("GenerateDataKey"), null, null, null);

        List<GrantMeta> all = grants.list(NS, key.keyId(), null, null, null, 50).items();
        assertThat(all).extracting(GrantMeta::grantId).containsExactlyInAnyOrder(g1.grantId(), g2.grantId());
        assertThat(grants.list(NS, key.keyId(), null, "s3.amazonaws.com", null, 50).items()).hasSize(1);
        Page<GrantMeta> first = grants.list(NS, key.keyId(), null, null, null, 1);
        assertThat(first.nextMarker()).isNotNull();
        assertThat(grants.list(NS, key.keyId(), null, null, first.nextMarker(), 1).items()).hasSize(1);
        assertThat(grants.listRetirable(NS, ROLE, null, 50).items()).extracting(GrantMeta::grantId).containsExactly(g1.grantId());

        grants.checkTokens(List.of(g1.grantToken()));
        assertAws(() -> grants.checkTokens(List.of("bogus")), "InvalidGrantTokenException");

        grants.retire(NS, again.grantToken(), null, null);
        assertAws(() -> grants.retire(NS, g1.grantToken(), null, null), "NotFoundException");
        assertAws(() -> grants.revoke(NS, key.keyId(), "nope"), "InvalidGrantIdException");
        grants.revoke(NS, key.keyId(), g2.grantId());
        assertThat(grants.list(NS, key.keyId(), null, null, null, 50).items()).isEmpty();

        keys().disable(NS, key.keyId());
        assertAws(() -> grants.create(NS, key.keyId(), ROLE, null, List.of("Encrypt"), null, null, null), "DisabledException");
    }
}
