package io.callsight.security;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One row of the audit log as it is written (a Panache entity: one row at a time, see docs/persistence.md).
 * It is read back, paged, as {@link AuditEntry}.
 */
@Entity
@Table(name = "audit_log")
public class AuditRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "audit_id")
    public Long id;

    /** Set by the database (now()). */
    @Column(name = "at", insertable = false, updatable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public String actor;

    @Column(name = "actor_role")
    public String actorRole;

    @Column(nullable = false)
    public String action;

    public String target;

    /** JSON text, cast to jsonb on the way in. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String detail;

    @Column(nullable = false)
    public String outcome;
}
