package io.callsight.demo;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.callsight.calls.CallIngestService;
import io.callsight.calls.CallPartitions;
import io.callsight.calls.RollupMaintenance;
import io.callsight.common.LiveSignals;
import io.callsight.events.EventApplier;
import io.callsight.forecast.ForecastRefreshService;
import io.callsight.forecast.ForecastStartup;
import io.callsight.instances.InstanceRegistry;
import io.callsight.leadquality.LeadQualityService;
import io.callsight.security.SecurityBootstrap;
import io.quarkus.runtime.StartupEvent;

/**
 * Everything the service does once at start, in this order and nowhere else (no observer
 * priorities spread over packages):
 * <ol>
 * <li>register this instance and start its heartbeat (several instances may share the database);</li>
 * <li>close batches and forecast runs a killed run left RUNNING (their data was rolled back): an earlier
 * run of this instance, or another instance that stopped beating;</li>
 * <li>rebuild the rollups when the business time zone changed since they were built;</li>
 * <li>listen for the changes other instances commit, and apply the call events a killed run left in
 * the journal (then keep applying new ones);</li>
 * <li>demo calls (they bring the advertisers, campaigns and agents the later steps use);</li>
 * <li>the first admin, the bootstrap API key and, with demo data, the demo users (advertiser1 needs
 * the demo advertiser of step 3);</li>
 * <li>demo lead-quality data (delivered leads taken from the demo calls, CRM snapshots);</li>
 * <li>demo service-level data (an inbound call log and agent KPIs for the demo agents);</li>
 * <li>demo calling-rule violations (a few planted calls on real area codes, after the demo calls);</li>
 * <li>the first forecast refresh, in the background, once calls exist.</li>
 * </ol>
 */
public class StartupSequence {

    private static final Logger LOG = Logger.getLogger(StartupSequence.class);

    @Inject
    CallPartitions callPartitions;

    @Inject
    InstanceRegistry instance;

    @Inject
    CallIngestService ingest;

    @Inject
    ForecastRefreshService forecastRefresh;

    @Inject
    RollupMaintenance rollups;

    @Inject
    LiveSignals liveSignals;

    @Inject
    EventApplier eventApplier;

    @Inject
    DemoDataService demo;

    @Inject
    SecurityBootstrap security;

    @Inject
    LeadQualityService leadQuality;

    @Inject
    LeadQualityDemo leadQualityDemo;

    @Inject
    ServiceLevelDemo serviceLevelDemo;

    @Inject
    ComplianceDemo complianceDemo;

    @Inject
    ForecastStartup forecasts;

    void onStart(@Observes StartupEvent event) {
        instance.register();
        int interrupted = ingest.failInterruptedBatches();
        if (interrupted > 0) {
            LOG.warnf("Marked %d ingest batch(es) left running by a previous run as FAILED", interrupted);
        }
        forecastRefresh.failInterruptedRuns();
        rollups.rebuildIfTimeZoneChanged();
        callPartitions.ensureAhead();
        liveSignals.start();
        eventApplier.start();
        demo.generateIfNeeded();
        boolean demoData = demo.wanted();
        security.run(demoData, demoData ? security.firstAdvertiser() : null);
        leadQuality.recountStoredFunnelsIfOutdated();
        if (demoData) {
            plant("lead-quality", leadQualityDemo::generateIfNeeded);
            plant("service-level", serviceLevelDemo::generateIfNeeded);
            plant("compliance", complianceDemo::generateIfNeeded);
        }
        forecasts.refreshInBackgroundIfEmpty();
    }

    /** A demo data step planted after the calls (once: each step keeps its own app_state key). */
    @FunctionalInterface
    interface DemoStep {
        void generateIfNeeded() throws Exception;
    }

    /** Runs one demo step; a failure is logged, never fatal (the app runs without that part of the demo). */
    private static void plant(String what, DemoStep step) {
        try {
            step.generateIfNeeded();
        } catch (Exception e) {
            LOG.warn("Demo " + what + " data could not be generated", e);
        }
    }
}
