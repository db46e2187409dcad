package io.callsight.leadquality;

import org.eclipse.microprofile.graphql.Name;

@Name("LeadQualityDimension")
public enum LeadQualityDimension {
    STATE, CITY, ENTRY_MONTH, JOB_STATUS, DISPO, SNAPSHOT_DATE, CAMPAIGN, ADVERTISER, AGENT
}
