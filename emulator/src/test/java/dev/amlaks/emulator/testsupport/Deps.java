package dev.amlaks.emulator.testsupport;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.TENANT;
import static dev.amlaks.emulator.testsupport.Arm.on;

import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.specification.RequestSpecification;
import java.util.Locale;
import java.util.function.Supplier;

/** A workspace's dependent resources for tests, created as az and the SDKs create them. */
public final class Deps {

    private Deps() {
    }

    public static String id(String group, String type, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + group + "/providers/" + type + "/" + name;
    }

    /** A storage account, a key vault and an Application Insights component named after {@code base}; returns their ids. */
    public static String[] forWorkspace(EmulatorExtension emu, String group, String base, String location) {
        return forWorkspace(() -> on(emu), "/subscriptions/" + SUB + "/resourceGroups/" + group, base, location);
    }

    /** The same in the group at {@code groupPath} of any emulator {@code requests} reach. */
    public static String[] forWorkspace(Supplier<RequestSpecification> requests, String groupPath, String base, String location) {
        String compact = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String storage = groupPath + "/providers/Microsoft.Storage/storageAccounts/"
                + (compact + "st").substring(0, Math.min(24, compact.length() + 2));
        requests.get().queryParam("api-version", "2022-09-01").body("{\"location\":\"" + location + "\",\"sku\":{\"name\":\"Standard_LRS\"},"
                + "\"kind\":\"StorageV2\"}").put(storage).then().statusCode(202);
        String vault = groupPath + "/providers/Microsoft.KeyVault/vaults/" + (compact + "kv").substring(0, Math.min(24, compact.length() + 2));
        requests.get().queryParam("api-version", "2022-07-01").body("{\"location\":\"" + location + "\",\"properties\":{\"tenantId\":\"" + TENANT
                + "\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"},\"accessPolicies\":[]}}").put(vault).then().statusCode(201);
        String insights = groupPath + "/providers/Microsoft.Insights/components/" + base + "-ai";
        requests.get().queryParam("api-version", "2020-02-02").body("{\"location\":\"" + location + "\",\"kind\":\"web\","
                + "\"properties\":{\"Application_Type\":\"web\"}}").put(insights).then().statusCode(200);
        return new String[] {storage, vault, insights};
    }

    /** A workspace PUT body in {@code location} naming the three, as the portal and az ml send it. */
    public static String workspaceBody(String[] deps, String location) {
        return "{\"location\":\"" + location + "\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{\"storageAccount\":\""
                + deps[0] + "\",\"keyVault\":\"" + deps[1] + "\",\"applicationInsights\":\"" + deps[2] + "\"}}";
    }
}
