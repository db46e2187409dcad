package io.callsight.leadquality;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The CRM inbox (callsight.crm.*). */
@ConfigMapping(prefix = "callsight.crm")
public interface CrmConfig {

    /** A folder scanned for snapshot files ({@code <inbox>/<source>/file.csv}); none: no scanning. */
    Optional<String> inbox();

    /** When the inbox is scanned (Quartz cron; read by the scheduler through {@code {callsight.crm.inbox-cron}}). */
    @WithDefault("0 0 1,13 * * ?")
    String inboxCron();
}
