package io.callsight.security;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("Role")
@Description("ADMIN: everything; ANALYST: reports with phone numbers masked; ADVERTISER: its own leads and feed; INGEST (API keys only): may post events and files, reads nothing")
public enum Role {
    ADMIN, ANALYST, ADVERTISER, INGEST
}
