import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

public class TarnExample {
    public static void main(String[] args) {
        URI endpoint = URI.create("http://localhost:4566");
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (S3Client s3 = S3Client.builder()
                        .endpointOverride(endpoint)
                        .forcePathStyle(true) // or virtual-hosted style: http://<bucket>.s3.localhost:4566 where that resolves
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .build();
                KmsClient kms = KmsClient.builder()
                        .endpointOverride(endpoint)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .build()) {
            s3.createBucket(b -> b.bucket("my-java-bucket"));
            s3.putObject(b -> b.bucket("my-java-bucket").key("hello.txt"), RequestBody.fromString("hello"));
            String keyId = kms.createKey(b -> b.description("app key")).keyMetadata().keyId();
            System.out.println("stored hello.txt; created key " + keyId);
        }
    }
}
