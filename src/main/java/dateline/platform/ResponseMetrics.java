package dateline.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts responses by status class (2xx, 3xx …) with counters resolved once, not per request. */
public final class ResponseMetrics {
    private final Counter[] byClass = new Counter[6];

    public ResponseMetrics(MeterRegistry registry) {
        for (int i = 1; i <= 5; i++) {
            byClass[i] = registry.counter("dateline.http.responses", "status", i + "xx");
        }
    }

    public void record(int status) {
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass <= 5) {
            byClass[statusClass].increment();
        }
    }
}
