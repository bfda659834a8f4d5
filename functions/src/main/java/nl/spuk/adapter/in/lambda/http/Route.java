package nl.spuk.adapter.in.lambda.http;

/** What a handler does for one route. */
@FunctionalInterface
public interface Route {
    ApiResponse handle(ApiRequest request);
}
