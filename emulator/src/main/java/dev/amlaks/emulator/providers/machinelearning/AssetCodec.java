package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.RecordCodec;

/** Assets and their containers to and from the body the API answers; they keep nothing private. */
final class AssetCodec implements RecordCodec<Asset> {

    @Override
    public String body(Asset a) {
        ObjectNode b = Json.object();
        b.put("id", a.id().toString());
        b.put("name", a.id().name());
        b.put("type", a.id().type());
        b.set("properties", a.properties());
        return b.toString();
    }

    @Override
    public String internal(Asset a) {
        return null;
    }

    @Override
    public Asset read(ResourceId id, String body, String internal) {
        ObjectNode b = Json.tree(body);
        return new Asset(id, null, b.path("properties").isObject() ? (ObjectNode) b.get("properties") : Json.object());
    }
}
