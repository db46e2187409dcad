package io.callsight.instances;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Several instances on one database (prefix {@code callsight.instance}). */
@ConfigMapping(prefix = "callsight.instance")
public interface InstanceConfig {

    /**
     * This instance's name; a restart under the same name is the same instance again (its batches left
     * RUNNING are failed at once, without waiting for the stale bound). Default: host name and HTTP port.
     */
    Optional<String> name();

    /** How often the instance records that it is alive. */
    @WithDefault("5s")
    Duration heartbeat();

    /**
     * How old a beat may be before its instance counts as dead, and another may fail the batches it was
     * running: several heartbeats, so a long GC pause or a slow pool does not kill a live instance.
     */
    @WithDefault("30s")
    Duration staleAfter();

    /** How often each instance looks for batches and forecast runs of dead instances. */
    @WithDefault("15s")
    Duration sweep();
}
