package dev.amlaks.emulator.providers.machinelearning;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** L5: what a compute may be called, and where its name must be unique. */
class ComputeNamesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final String DEV_TEST = "{\"clusterPurpose\":\"DevTest\"}";

    @BeforeAll
    static void workspaces() {
        Ml.workspaceIn(EMULATOR, "names", "east-one", "eastus");
        Ml.workspaceIn(EMULATOR, "names", "east-two", "eastus");
        Ml.workspaceIn(EMULATOR, "westnames", "west-one", "westus");
        Arm.createGroup(EMULATOR, "clusters");
    }

    @Test
    @DisplayName("L5: a name is 3 to 24 letters, digits and '-', starts with a letter; each violation names the value")
    void L5_names_follow_the_rule() {
        for (String bad : new String[] {"ab", "1aks", "-aks", "aks_1", "aks.1", "aks-", "a2345678901234567890123x5"}) {
            Ml.put(EMULATOR, "names", "east-one", bad, Ml.body("eastus", null, DEV_TEST)).then().statusCode(400)
                    .body("error.code", equalTo("BadArgument"))
                    .body("error.message", containsString("Compute name is invalid. It can include letters, digits and dashes. It must start"
                            + " with a letter, end with a letter or digit, and be between 3 and 24 characters in length."))
                    .body("error.message", containsString("Got '" + bad + "' (" + bad.length() + " characters)"));
        }
        for (String good : new String[] {"aks", "My-AKS-2", "a23456789012345678901234"}) {
            Ml.put(EMULATOR, "names", "east-one", good, Ml.body("eastus", null, DEV_TEST)).then().statusCode(201);
        }
    }

    @Test
    @DisplayName("L5: a name is unique in the region across workspaces, and free again in another region")
    void L5_names_are_unique_in_the_region() {
        Ml.put(EMULATOR, "names", "east-one", "regional", Ml.body("eastus", null, DEV_TEST)).then().statusCode(201);
        Ml.put(EMULATOR, "names", "east-two", "Regional", Ml.body("eastus", null, DEV_TEST)).then().statusCode(409)
                .body("error.message", containsString("Compute name 'Regional' is not available. Reason: AlreadyExists."))
                .body("error.message", containsString("in region 'eastus' (by a compute of workspace 'east-one'"));
        Ml.put(EMULATOR, "westnames", "west-one", "regional", Ml.body("westus", null, DEV_TEST)).then().statusCode(201);
    }

    @Test
    @DisplayName("L5: within a workspace a name holds one compute: attaching another cluster under it is a clash, not an overwrite")
    void L5_names_are_unique_in_the_workspace() {
        String one = Ml.aksCluster(EMULATOR, "clusters", "one", "eastus", 3, "Standard_D3_v2", null);
        String two = Ml.aksCluster(EMULATOR, "clusters", "two", "eastus", 3, "Standard_D3_v2", null);
        Ml.put(EMULATOR, "names", "east-one", "taken", Ml.body("eastus", one, null)).then().statusCode(201);
        advance(EMULATOR, 300);
        Ml.put(EMULATOR, "names", "east-one", "taken", Ml.body("eastus", two, null)).then().statusCode(409)
                .body("error.message", containsString("Compute name 'taken' is not available"))
                .body("error.message", containsString("uses cluster '" + one + "'"));
        Ml.get(EMULATOR, "names", "east-one", "taken").then().body("properties.resourceId", equalTo(one))
                .body("properties.provisioningState", equalTo("Succeeded"));
    }
}
