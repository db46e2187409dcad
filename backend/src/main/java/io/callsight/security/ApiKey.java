package io.callsight.security;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ApiKey")
@Description("An API key; the key itself is shown only once, when created")
public record ApiKey(@NonNull @Id String id, @NonNull String name,
        @Description("The key's visible beginning, e.g. cs_Ab3dEf9h") @NonNull String prefix, @NonNull Role role,
        String advertiserId, String createdBy, @NonNull OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
        OffsetDateTime revokedAt) {
}
