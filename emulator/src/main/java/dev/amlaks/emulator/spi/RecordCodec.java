package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.arm.ResourceId;

/**
 * How one resource type's record is kept in one row of the store: its ARM body (what a GET
 * answers, stored as it is served), its private state, and what the row is keyed and listed by.
 * One codec sits beside each record type; nothing else turns that record into JSON. The row's key,
 * region and provisioning state come from the record itself ({@link ArmRecord}).
 */
public interface RecordCodec<T extends ArmRecord> {

    /** The body a GET answers. */
    String body(T value);

    /** The private state, never served (null for none). */
    String internal(T value);

    /** The record a stored body and private state describe. */
    T read(ResourceId id, String body, String internal);
}
