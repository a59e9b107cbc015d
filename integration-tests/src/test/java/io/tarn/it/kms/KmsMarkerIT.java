package io.tarn.it.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.TarnServerExtension;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;

/** KMS list markers through the SDK v2: the paginator walks every page; a marker is refused by another listing. */
@ExtendWith(TarnServerExtension.class)
class KmsMarkerIT {

    @Test
    void markersPageTheirListingAndNoOther(KmsClient kms) {
        String tagged = kms.createKey(b -> b.description("marker-a")).keyMetadata().keyId();
        for (int i = 0; i < 4; i++) {
            kms.createKey(b -> b.description("marker"));
        }
        Set<String> seen = new HashSet<>();
        for (ListKeysResponse page : kms.listKeysPaginator(b -> b.limit(2))) {
            page.keys().stream().map(KeyListEntry::keyId).forEach(id -> assertThat(seen.add(id)).as("listed once: %s", id).isTrue());
        }
        assertThat(seen).contains(tagged).hasSizeGreaterThanOrEqualTo(5);

        String marker = kms.listKeys(b -> b.limit(1)).nextMarker();
        assertThat(marker).isNotBlank();
        for (Runnable misuse : new Runnable[] {
            () -> kms.listAliases(b -> b.marker(marker)),
            () -> kms.listResourceTags(b -> b.keyId(tagged).marker(marker)),
            () -> kms.listKeys(b -> b.marker(altered(marker)))}) {
            assertThatThrownBy(misuse::run).isInstanceOfSatisfying(KmsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidMarkerException");
                assertThat(e.statusCode()).isEqualTo(400);
            });
        }
    }

    /** The token with one character changed. */
    private static String altered(String token) {
        char c = token.charAt(token.length() / 2);
        return token.substring(0, token.length() / 2) + (c == 'A' ? 'B' : 'A') + token.substring(token.length() / 2 + 1);
    }
}
