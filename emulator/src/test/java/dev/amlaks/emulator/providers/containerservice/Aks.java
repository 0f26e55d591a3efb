package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.on;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.testing.EmulatorExtension;
import io.restassured.response.Response;

/** Request bodies shaped like the Azure CLI's (client-azure-cli.md 6.1), and paths, for the AKS tests. */
final class Aks {

    static final String API = "2022-11-01";

    private Aks() {
    }

    static String cluster(String group, String name) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + group + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    static String pool(String group, String cluster, String pool) {
        return cluster(group, cluster) + "/agentPools/" + pool;
    }

    /** What {@code az aks create -n NAME --node-count COUNT --node-vm-size SIZE} sends. */
    static ObjectNode body(String name, int count, String vmSize) {
        ObjectNode b = Json.tree("""
                {"location":"westus","identity":{"type":"SystemAssigned"},
                 "properties":{"kubernetesVersion":"","dnsPrefix":"%s-dns",
                  "agentPoolProfiles":[{"count":%d,"vmSize":"%s","osDiskSizeGB":0,"osType":"Linux","enableAutoScaling":false,
                    "type":"VirtualMachineScaleSets","mode":"System","orchestratorVersion":"","upgradeSettings":{},"enableNodePublicIP":false,
                    "scaleSetPriority":"Regular","scaleSetEvictionPolicy":"Delete","spotMaxPrice":-1.0,"nodeTaints":[],
                    "enableEncryptionAtHost":false,"enableUltraSSD":false,"enableFIPS":false,"name":"nodepool1"}],
                  "linuxProfile":{"adminUsername":"azureuser","ssh":{"publicKeys":[{"keyData":"ssh-rsa AAAAB3NzaC1yc2E test"}]}},
                  "addonProfiles":{},"enableRBAC":true,
                  "networkProfile":{"networkPlugin":"kubenet","podCidr":"10.244.0.0/16","serviceCidr":"10.0.0.0/16","dnsServiceIP":"10.0.0.10",
                    "dockerBridgeCidr":"172.17.0.1/16","outboundType":"loadBalancer","loadBalancerSku":"standard"},
                  "disableLocalAccounts":false,"storageProfile":{}}}""".formatted(name, count, vmSize));
        return b;
    }

    static ObjectNode props(ObjectNode body) {
        return (ObjectNode) body.get("properties");
    }

    static ObjectNode firstPool(ObjectNode body) {
        return (ObjectNode) body.get("properties").get("agentPoolProfiles").get(0);
    }

    static Response put(EmulatorExtension emu, String group, String name, ObjectNode body) {
        return on(emu).queryParam("api-version", API).body(body.toString()).put(cluster(group, name));
    }

    static Response get(EmulatorExtension emu, String group, String name) {
        return on(emu).queryParam("api-version", API).get(cluster(group, name));
    }
}
