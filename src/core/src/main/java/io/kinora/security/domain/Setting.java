package io.kinora.security.domain;

import jakarta.persistence.*;

/** A server-wide value that must be the same on every node and survive restarts (e.g. signing keys). */
@Entity
@Table(name = "kinora_setting")
public class Setting {
    @Id
    @Column(length = 100)
    private String name;

    @Column(name = "setting_value", nullable = false, length = 2000)
    private String value;

    protected Setting() { }

    public Setting(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String name() { return name; }

    public String value() { return value; }
}
