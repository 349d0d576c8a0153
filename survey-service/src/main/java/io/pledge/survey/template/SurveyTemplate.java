package io.pledge.survey.template;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A stored template: its definition as JSON, and its place in the order templates are tried. */
@Entity
@Table(name = "survey_template")
public class SurveyTemplate {

    @Id
    public String id;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String definition;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
