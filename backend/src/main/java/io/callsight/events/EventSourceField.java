package io.callsight.events;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One line of a dialer's field mapping: the parameter name it sends and the call field it means
 * (an admin-edited row: a Panache entity, see docs/persistence.md).
 */
@Entity
@Table(name = "event_source_field")
public class EventSourceField extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "field_id")
    public Long id;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String parameter;

    @Column(nullable = false)
    public String field;

    @Column(name = "updated_at", insertable = false)
    public OffsetDateTime updatedAt;
}
