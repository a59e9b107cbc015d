package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.spi.ports.ObjectStorePort.ObjectPage;
import io.tarn.core.spi.ports.ObjectStorePort.ObjectSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port other services read S3 through: listings of current objects, HEAD and ranged reads, with S3's errors. */
class S3ObjectStoreTest extends EngineFixture {

    private static final String B = "crawled";

    private ObjectStorePort port() {
        return new S3ObjectStore(objects, listings);
    }

    @Test
    void listsCurrentObjectsUnderAPrefixPageByPage() {
        bucket(B);
        for (String k : List.of("data/a.json", "data/b.json", "data/sub/c.json", "other/d.json")) {
            put(B, k, k.getBytes(StandardCharsets.UTF_8));
        }
        List<String> keys = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            ObjectPage page = port().list(B, "data/", after, 2);
            page.objects().forEach(o -> keys.add(o.key()));
            after = page.nextStartAfter();
            pages++;
        } while (after != null && pages < 10);
        assertThat(keys).containsExactly("data/a.json", "data/b.json", "data/sub/c.json");
        assertThat(pages).isEqualTo(2);

        ObjectSummary a = port().list(B, "data/a", null, 10).objects().get(0);
        assertThat(a.size()).isEqualTo("data/a.json".length());
        assertThat(a.lastModified()).isEqualTo(START);
        assertThat(a.storageClass()).isEqualTo("STANDARD");
        assertThat(a.etag()).contains(md5Hex("data/a.json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deletedObjectsAreNotListedNorRead() {
        versionedBucket(B);
        put(B, "gone.csv", bytes(10, 1));
        put(B, "kept.csv", bytes(10, 2));
        objects.delete(B, "gone.csv", null, OWNER); // a delete marker on top

        assertThat(port().list(B, "", null, 1000).objects()).extracting(ObjectSummary::key).containsExactly("kept.csv");
        assertAws(() -> port().head(B, "gone.csv"), "NoSuchKey", 404);
        assertAws(() -> port().read(B, "gone.csv", 0, 10), "NoSuchKey", 404);
    }

    @Test
    void readsARangeClippedToTheObject() throws IOException {
        bucket(B);
        byte[] data = bytes(200_000, 7); // several 64 KiB segments, in a blob file
        put(B, "big.parquet", data);

        try (InputStream in = port().read(B, "big.parquet", data.length - 8, 8)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, data.length - 8, data.length));
        }
        try (InputStream in = port().read(B, "big.parquet", 150_000, 1_000_000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 150_000, data.length));
        }
        try (InputStream in = port().read(B, "big.parquet", 0, Long.MAX_VALUE)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = port().read(B, "big.parquet", data.length + 5, 10)) {
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(port().head(B, "big.parquet").size()).isEqualTo(data.length);
    }

    @Test
    void smallObjectsKeptInTheStoreReadToo() throws IOException {
        keepSmallObjectsInTheStore();
        bucket(B);
        byte[] data = "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
        put(B, "small.json", data);
        try (InputStream in = port().read(B, "small.json", 0, data.length)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void aMissingBucketOrKeyIsS3sError() {
        assertAws(() -> port().list("nope", "", null, 10), "NoSuchBucket", 404);
        bucket(B);
        assertAws(() -> port().head(B, "missing"), "NoSuchKey", 404);
        assertAws(() -> port().read(B, "missing", 0, 1), "NoSuchKey", 404);
    }

    @Test
    void writesAnObjectStreamedByTheCallerAndRefusesSseKmsUntilItIsBuilt() throws IOException {
        bucket(B);
        byte[] data = bytes(150_000, 3);
        String etag = port().write(B, "2024/01/01/00/s1-1-x", "application/octet-stream", null, out -> {
            out.write(data, 0, 100_000);
            out.write(data, 100_000, 50_000);
        });

        assertThat(etag).contains(md5Hex(data));
        try (InputStream in = port().read(B, "2024/01/01/00/s1-1-x", 0, Long.MAX_VALUE)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertAws(() -> port().write("missing", "k", "application/octet-stream", null, out -> out.write(1)), "NoSuchBucket", 404);
        assertAws(() -> port().write(B, "k", "application/octet-stream", "arn:aws:kms:us-east-1:000000000000:key/k", out -> {}),
                "NotImplemented", 501);
    }
}
