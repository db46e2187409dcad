package io.callsight.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit log (ARCHITECTURE §7): every change by an admin. Written in a transaction of its own, so an
 * entry stays even when the change it records fails afterwards (it then says so in its outcome).
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    ObjectMapper json;

    /** Records an action; detail is any JSON-serialisable value (secrets must be left out by the caller). */
    @Transactional(TxType.REQUIRES_NEW)
    public void record(String actor, String actorRole, String action, String target, Object detail, String outcome) {
        AuditRecord entry = new AuditRecord();
        entry.actor = actor;
        entry.actorRole = actorRole;
        entry.action = action;
        entry.target = target;
        entry.outcome = outcome == null ? "OK" : outcome;
        try {
            entry.detail = detail == null ? null : json.writeValueAsString(detail);
            entry.persistAndFlush();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("Could not write the audit log: " + e.getMessage(), e);
        }
    }
}
