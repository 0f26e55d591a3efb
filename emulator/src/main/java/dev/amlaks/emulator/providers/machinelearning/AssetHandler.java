package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import java.util.Locale;

/** HTTP in and out for registered assets (at once: 201 new, 200 changed; DELETE 200, or 204 when there was none) and datastores. */
final class AssetHandler {

    private final AssetService service;
    private final Lists lists;

    AssetHandler(AssetService service, Lists lists) {
        this.service = service;
        this.lists = lists;
    }

    private static ResourceId container(AssetKind k, ArmCall call) {
        return AssetService.containerId(k, WorkspaceHandler.id(call), call.param("name"));
    }

    private static ResourceId version(AssetKind k, ArmCall call) {
        return AssetService.versionId(k, WorkspaceHandler.id(call), call.param("name"), call.param("version"));
    }

    void putVersion(AssetKind k, ArmCall call) {
        Written w = service.putVersion(k, version(k, call), call.bodyObject());
        call.json(w.created() ? 201 : 200, w.body());
    }

    void putContainer(AssetKind k, ArmCall call) {
        Written w = service.putContainer(k, container(k, call), call.bodyObject());
        call.json(w.created() ? 201 : 200, w.body());
    }

    void getVersion(AssetKind k, ArmCall call) {
        call.json(200, service.get(k, version(k, call)));
    }

    void getContainer(AssetKind k, ArmCall call) {
        call.json(200, service.get(k, container(k, call)));
    }

    void deleteVersion(AssetKind k, ArmCall call) {
        call.empty(service.delete(version(k, call)) ? 200 : 204);
    }

    void deleteContainer(AssetKind k, ArmCall call) {
        call.empty(service.delete(container(k, call)) ? 200 : 204);
    }

    void listContainers(AssetKind k, ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(WorkspaceHandler.id(call), typeKey(k, false), page.afterKey(), page.size()));
    }

    void listVersions(AssetKind k, ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        lists.answer(call, service.list(container(k, call), typeKey(k, true), page.afterKey(), page.size()));
    }

    void datastores(ArmCall call) {
        call.json(200, service.datastores(WorkspaceHandler.id(call), call.query("isDefault")));
    }

    void datastore(ArmCall call) {
        call.json(200, service.datastore(WorkspaceHandler.id(call), call.param("name")));
    }

    void listSecrets(ArmCall call) {
        call.json(200, service.listSecrets(WorkspaceHandler.id(call), call.param("name")));
    }

    private static String typeKey(AssetKind k, boolean versions) {
        return (MlNames.WORKSPACE_TYPE + "/" + k.segment + (versions ? "/versions" : "")).toLowerCase(Locale.ROOT);
    }
}
