package nl.spuk.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A test function for S3 and schedule events: keeps every event it receives for the test to look at. */
public final class RecordingEventHandler implements RequestHandler<Object, Integer> {
    static final Queue<Object> EVENTS = new ConcurrentLinkedQueue<>();

    @Override
    public Integer handleRequest(Object event, Context context) {
        EVENTS.add(event);
        return 0;
    }
}
