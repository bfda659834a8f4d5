package nl.spuk.adapter.out.s3;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the S3 client and presigner the same way for AWS, local mode and tests.
 *
 * <p>Always the url-connection HTTP client, so the Lambda jar carries neither Apache nor Netty. With an
 * endpoint override (S3Proxy, LocalStack) requests use path-style addressing, because a local endpoint has
 * no per-bucket host names. Without explicit credentials the SDK's default chain applies (the Lambda role).
 */
public final class S3Clients {

    private S3Clients() {
    }

    /** A client using the default credentials chain. */
    public static S3Client client(String region, Optional<URI> endpoint) {
        return client(region, endpoint, null);
    }

    /**
     * A client with the given credentials.
     *
     * @param credentials null for the SDK's default credentials chain
     */
    public static S3Client client(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        return client(region, endpoint, credentials, List.of());
    }

    /**
     * A client with the given credentials and extra interceptors (tests inject faults with them).
     *
     * @param credentials null for the SDK's default credentials chain
     */
    public static S3Client client(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                                  List<ExecutionInterceptor> interceptors) {
        return client(region, endpoint, credentials, interceptors, null);
    }

    /**
     * A client on a given HTTP client, which the caller closes (SnapStart hooks close and reopen it); null for a
     * url-connection client of the S3 client's own.
     *
     * @param credentials null for the SDK's default credentials chain
     */
    public static S3Client client(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                                  List<ExecutionInterceptor> interceptors, SdkHttpClient httpClient) {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(region));
        if (httpClient != null) {
            builder.httpClient(httpClient);
        } else {
            builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        if (!interceptors.isEmpty()) {
            builder.overrideConfiguration(o -> interceptors.forEach(o::addExecutionInterceptor));
        }
        return builder.build();
    }

    /** A presigner using the default credentials chain. */
    public static S3Presigner presigner(String region, Optional<URI> endpoint) {
        return presigner(region, endpoint, null);
    }

    /**
     * A presigner with the given credentials; its URLs point at the same endpoint as {@link #client}.
     *
     * @param credentials null for the SDK's default credentials chain
     */
    public static S3Presigner presigner(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder().region(Region.of(region));
        endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder.build();
    }

    /** Fixed credentials, for local endpoints that check signatures against a known key pair. */
    public static AwsCredentialsProvider staticCredentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /** Creates the bucket unless it exists; safe to call from several starters at once. */
    public static void createBucketIfMissing(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
                // another starter won the race: the bucket is there, which is all we need
            }
        }
    }
}
