package io.callsight.leadquality;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The CRM inbox and delivered-lead files (callsight.crm.*). */
@ConfigMapping(prefix = "callsight.crm")
public interface CrmConfig {

    /** A folder scanned for snapshot files ({@code <inbox>/<source>/file.csv}); none: no scanning. */
    Optional<String> inbox();

    /** When the inbox is scanned (Quartz cron; read by the scheduler through {@code {callsight.crm.inbox-cron}}). */
    @WithDefault("0 0 1,13 * * ?")
    String inboxCron();

    /**
     * The region (ISO 3166 code, e.g. US, GB, IN) a raw phone number of a lead file is read in when it has no
     * {@code +} country code; it then goes to E.164 before it is hashed (README, "Matching hashes").
     */
    @WithDefault("US")
    String defaultPhoneRegion();
}
