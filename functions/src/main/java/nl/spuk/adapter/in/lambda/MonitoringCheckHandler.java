package nl.spuk.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.spuk.application.monitoring.MonitoringService;
import nl.spuk.config.LambdaContainer;

/**
 * The operator's consistency check of the monitoring aggregates: invoked by hand with {@code {"repair": false}}
 * (report only) or {@code {"repair": true}}; answers the number of differences and each of them.
 */
public final class MonitoringCheckHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final MonitoringService monitoring;

    public MonitoringCheckHandler() {
        this(LambdaContainer.components().monitoring());
    }

    public MonitoringCheckHandler(MonitoringService monitoring) {
        this.monitoring = monitoring;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        try (LogContext logContext = LogContext.open(context, this)) {
            return check(input);
        }
    }

    private Map<String, Object> check(Map<String, Object> input) {
        boolean repair = input != null && Boolean.TRUE.equals(input.get("repair"));
        List<MonitoringService.Difference> differences = monitoring.check(repair);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("differences", differences.size());
        out.put("repaired", repair);
        out.put("items", differences.stream().map(d -> Map.of(
                "municipality", d.municipality().value(), "year", d.year(),
                "stored", d.stored().toString(), "recomputed", d.recomputed().toString())).toList());
        return out;
    }
}
