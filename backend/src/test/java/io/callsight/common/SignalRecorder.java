package io.callsight.common;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

/** Test bean: the live signals this instance received (from its LISTEN connection), in order. */
@ApplicationScoped
public class SignalRecorder {

    private final List<String> topics = new CopyOnWriteArrayList<>();

    void on(@ObservesAsync LiveSignals.Signal signal) {
        topics.add(signal.topic());
    }

    public void clear() {
        topics.clear();
    }

    /** Waits up to {@code millis} for a signal of {@code topic}. */
    public boolean await(String topic, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (topics.contains(topic)) {
                return true;
            }
            Thread.sleep(20);
        }
        return topics.contains(topic);
    }
}
