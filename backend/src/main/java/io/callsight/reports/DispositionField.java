package io.callsight.reports;

import org.eclipse.microprofile.graphql.Enum;

@Enum("DispositionField")
public enum DispositionField {
    LEAD_STATUS, CALL_STATUS
}
