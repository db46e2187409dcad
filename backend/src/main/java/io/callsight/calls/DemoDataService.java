package io.callsight.calls;

import jakarta.enterprise.context.ApplicationScoped;

/** Generates the demo data once when configured to (see callsight.demo.*). */
@ApplicationScoped
public class DemoDataService {

    public void generateIfNeeded() {
        // filled in by the demo generator
    }
}
