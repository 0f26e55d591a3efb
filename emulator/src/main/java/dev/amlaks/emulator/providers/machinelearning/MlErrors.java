package dev.amlaks.emulator.providers.machinelearning;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import java.time.Instant;
import java.util.List;

/**
 * Every refusal Azure ML's provider answers, named once. Compute requests the service refuses
 * answer {@code BadArgument} (the code its AKS compute errors carried in the seed's era); where the
 * service's own words are known they are used as they are, followed by what was sent and what
 * would be accepted.
 */
final class MlErrors {

    private MlErrors() {
    }

    private static ArmException badArgument(String message) {
        return new ArmException(400, new ArmError("BadArgument", message));
    }

    private static ArmException conflict(String message) {
        return ArmException.conflict("Conflict", message);
    }

    // --- names and existence

    static ArmException invalidWorkspaceName(String name) {
        return new ArmException(400, new ArmError("InvalidResourceName", "The workspace name '" + name + "' is invalid: it must be 3 to"
                + " 33 characters of letters, digits, '_' and '-', starting with a letter or a digit (pattern"
                + " ^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$)."));
    }

    /** L5. */
    static ArmException invalidComputeName(String name) {
        return badArgument("Compute name is invalid. It can include letters, digits and dashes. It must start with a letter, end with"
                + " a letter or digit, and be between 3 and 24 characters in length. Got '" + name + "' (" + name.length()
                + " characters).");
    }

    /** L5: unique within a workspace and among all computes of a region. */
    static ArmException nameInUse(String name, String where) {
        return conflict("Compute name '" + name + "' is not available. Reason: AlreadyExists. Message: The specified name " + name
                + " is already in use " + where + " and is therefore unavailable. Compute names are unique within a workspace and among"
                + " all computes of an Azure region; choose another name.");
    }

    /** A second attach under the name of an attached AKS compute: attaching is not idempotent (A4: detach, then attach again). */
    static ArmException alreadyAttached(String name, String clusterId) {
        return conflict("Compute name '" + name + "' is not available. Reason: AlreadyExists. Message: Compute '" + name + "' already"
                + " exists: it attaches cluster '" + clusterId + "'. Attaching is not idempotent; to attach again (for other settings), detach"
                + " '" + name + "' first, or attach under another name.");
    }

    static ArmException workspaceNotFound(String name, String group) {
        return ArmException.notFound("ResourceNotFound", "The Resource '" + MlNames.WORKSPACE_TYPE + "/" + name + "' under resource group '"
                + group + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    static ArmException computeNotFound(String name, String workspace) {
        return ArmException.notFound("NotFound", "Compute Target with name " + name + " not found in workspace " + workspace + ".");
    }

    static ArmException notARegion(String location, String field, String regions) {
        return badArgument("The location '" + location + "' of '" + field + "' is not an Azure region. Regions: " + regions + ".");
    }

    static ArmException notAnMlRegion(String location, String regions) {
        return badArgument("The location '" + location + "' is not an Azure region Azure Machine Learning serves. Regions: " + regions
                + ".");
    }

    // --- request shape

    static ArmException missing(String path, String what) {
        return badArgument("The field '" + path + "' is required: " + what + ".");
    }

    static ArmException invalidValue(String path, String value, List<String> allowed) {
        return badArgument("The value '" + value + "' of '" + path + "' is invalid. Allowed values: " + String.join(", ", allowed) + ".");
    }

    static ArmException computeTypeNotEmulated(String type) {
        return badArgument("Compute type '" + type + "' is not emulated: this emulator serves computeType 'AKS' (Azure Kubernetes"
                + " Service inference clusters, created or attached) and 'Kubernetes' (an AKS cluster with the Azure ML extension,"
                + " attached). Supported values of properties.computeType: AKS, Kubernetes.");
    }

    // --- online endpoints and their deployments

    static ArmException invalidEndpointName(String name, String what) {
        return badArgument("The " + what + " name '" + name + "' is invalid: it must be 3 to 32 letters, digits and '-', start with a"
                + " letter and not end with '-' (pattern ^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$).");
    }

    static ArmException endpointNotFound(String name, String workspace) {
        return ArmException.notFound("NotFound", "Online endpoint '" + name + "' was not found in workspace '" + workspace + "'.");
    }

    static ArmException endpointNameInUse(String name, String region, String workspace) {
        return conflict("The online endpoint name '" + name + "' is already in use in region '" + region + "' (by workspace '" + workspace
                + "'): endpoint names are unique within an Azure region, because they name its scoring URI. Choose another name.");
    }

    static ArmException endpointNeedsCompute() {
        return badArgument("properties.compute is required: name the Kubernetes compute the endpoint runs on (its ARM id, or its name in"
                + " this workspace). This emulator serves Kubernetes online endpoints; managed online endpoints are not emulated.");
    }

    static ArmException notAComputeId(String compute, String why) {
        return badArgument("properties.compute '" + compute + "' is not a compute's ARM id (" + why + "): give"
                + " /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}/computes/{name},"
                + " or the compute's name.");
    }

    static ArmException endpointComputeNotKubernetes(String compute, String type) {
        return badArgument("properties.compute '" + compute + "' is a compute of type '" + type + "': online endpoints run on a compute of"
                + " type Kubernetes (an AKS cluster with the Azure ML extension, attached).");
    }

    static ArmException endpointComputeCannotChange(String name, String current, String requested) {
        return badArgument("The compute of online endpoint '" + name + "' is '" + current + "' and cannot change (got '" + requested
                + "'): create another endpoint on the other compute.");
    }

    static ArmException endpointBusy(String name, String state) {
        return conflict("Online endpoint '" + name + "' is in provisioning state '" + state + "': wait for its operation to finish before"
                + " changing it again.");
    }

    static ArmException trafficOutOfRange(String path, long value) {
        return badArgument("The value " + value + " of " + path + " is not a percentage: traffic is a whole number from 0 to 100 for each"
                + " deployment.");
    }

    static ArmException trafficToMissingDeployments(List<String> missing, java.util.Collection<String> existing) {
        return badArgument("properties.traffic names deployment(s) " + String.join(", ", missing) + " that the endpoint does not have;"
                + " its deployments: " + (existing.isEmpty() ? "none yet (create one first, then route traffic to it)"
                : String.join(", ", existing)) + ".");
    }

    static ArmException trafficSum(long sum) {
        return badArgument("The traffic of an online endpoint must add up to 100 (or be 0 for every deployment); properties.traffic adds"
                + " up to " + sum + ".");
    }

    static ArmException mirrorTrafficTooHigh(String deployment, int value) {
        return badArgument("properties.mirrorTraffic." + deployment + " is " + value + ": at most 50 percent of the live traffic can be"
                + " mirrored to a deployment.");
    }

    static ArmException mirrorToLiveDeployment(String deployment) {
        return badArgument("Deployment '" + deployment + "' receives live traffic (properties.traffic), so it cannot also receive mirrored"
                + " traffic (properties.mirrorTraffic): mirror to a deployment with 0 live traffic.");
    }

    static ArmException keysNotForAuthMode(String endpoint, String authMode) {
        return badArgument("Online endpoint '" + endpoint + "' uses authMode '" + authMode + "': keys are for authMode 'Key' only"
                + (authMode.equals("AMLToken") ? " (POST .../token gets an AML token)." : " (callers present an Entra token)."));
    }

    static ArmException tokenNotForAuthMode(String endpoint, String authMode) {
        return badArgument("Online endpoint '" + endpoint + "' uses authMode '" + authMode + "': POST .../token is for authMode 'AMLToken'"
                + " only" + (authMode.equals("Key") ? " (POST .../listKeys gets its keys)." : " (callers present an Entra token)."));
    }

    static ArmException deploymentNotFound(String name, String endpoint) {
        return ArmException.notFound("NotFound", "Deployment '" + name + "' was not found in online endpoint '" + endpoint + "'.");
    }

    static ArmException deploymentComputeType(String type) {
        return badArgument(type == null ? "properties.endpointComputeType is required: Kubernetes for a deployment on a Kubernetes"
                + " compute." : "properties.endpointComputeType '" + type + "' is not emulated: this emulator serves deployments of type"
                + " Kubernetes (managed online deployments are not emulated).");
    }

    static ArmException instanceTypeUnknown(String name, String compute, java.util.Collection<String> listed) {
        return badArgument("properties.instanceType '" + name + "' is not an instance type of compute '" + compute + "'; its instance"
                + " types: " + String.join(", ", listed) + ".");
    }

    static ArmException capacityInvalid(long capacity) {
        return badArgument("sku.capacity is " + capacity + ": a deployment runs 1 to " + DeploymentService.MAX_INSTANCES
                + " instances (sku.capacity is the instance count; GET .../skus gives the range).");
    }

    static ArmException limitBelowRequest(String resource, String limit, String request) {
        return badArgument("properties.containerResourceRequirements.containerResourceLimits." + resource + " '" + limit + "' is below its"
                + " request '" + request + "': Kubernetes refuses a container whose limit is lower than its request.");
    }

    static ArmException endpointNotReady(String name, String state) {
        return conflict("Online endpoint '" + name + "' is in provisioning state '" + state + "': deployments can be added or changed once"
                + " it is Succeeded.");
    }

    static ArmException deploymentBusy(String name, String state) {
        return conflict("Deployment '" + name + "' is in provisioning state '" + state + "': wait for its operation to finish before"
                + " changing it again.");
    }

    static ArmException deploymentHasTraffic(String name, String endpoint, int traffic, boolean mirror) {
        return badArgument("Deployment '" + name + "' receives " + traffic + " percent of endpoint '" + endpoint + "''s "
                + (mirror ? "mirrored" : "live") + " traffic: set its " + (mirror ? "mirrorTraffic" : "traffic") + " to 0 on the endpoint"
                + " first, then delete it.");
    }

    static ArmError deploymentUnschedulable(String name, long instances, long cpuMillis, long memoryBytes, String scheduler) {
        return new ArmError("ResourceNotReady", "Deployment '" + name + "' could not start its instances on the cluster: the pods stay"
                + " Pending (" + scheduler + ") Each of its " + instances + " instance(s) requests " + cpuMillis + "m CPU and "
                + Quantities.gibibytes(memoryBytes) + " of memory. Scale the cluster's node pool up, lower sku.capacity or the"
                + " requests, then update the deployment again.");
    }

    static ArmError deploymentComputeGone(String name, String compute) {
        return new ArmError("ResourceNotReady", "Deployment '" + name + "' has no cluster to run on: compute '" + compute + "' or its"
                + " cluster is gone or Failed.");
    }

    // --- registered assets (models, environments, codes) and datastores

    static ArmException invalidAssetName(String what, String value, String pattern) {
        return badArgument("The " + what + " '" + value + "' is invalid: it must match " + pattern + ".");
    }

    static ArmException assetNotFound(String noun, String name, String version, String workspace) {
        return ArmException.notFound("NotFound", "The " + noun + " '" + name + "'" + (version == null ? "" : " version '" + version + "'")
                + " was not found in workspace '" + workspace + "'.");
    }

    static ArmException assetNeeds(String noun, List<String> oneOf) {
        return badArgument("A " + noun + " version needs properties." + String.join(" or properties.", oneOf) + ": where its files are"
                + (noun.equals("environment") ? " (an image, or a build context)" : "") + ".");
    }

    static ArmException assetVersionFixed(String noun, String name, String version, String field) {
        return conflict("The " + noun + " '" + name + "' version '" + version + "' is registered already and its properties." + field
                + " cannot change: register a new version. Only description, tags, properties and isArchived change on a version.");
    }

    static ArmException referencedAssetMissing(String noun, String field, String reference, String workspace) {
        return badArgument(field + " names " + noun + " '" + reference + "', which is not registered in workspace '" + workspace + "':"
                + " register it first (PUT .../" + noun + "s/{name}/versions/{version}), or name one that is.");
    }

    static ArmException notAnAssetReference(String noun, String field, String reference) {
        return badArgument(field + " '" + reference + "' is not a " + noun + " version: give its ARM id (.../workspaces/{ws}/" + noun
                + "s/{name}/versions/{version}) or azureml:{name}:{version}.");
    }

    static ArmException datastoreNotFound(String name, String workspace) {
        return ArmException.notFound("NotFound", "Datastore '" + name + "' was not found in workspace '" + workspace + "'; the emulator"
                + " serves the default one, workspaceblobstore.");
    }

    // --- the scoring side (what the router on the cluster answers)

    static ArmError scoringNoEndpoint(String name) {
        return new ArmError("NotFound", "There is no online endpoint named '" + name + "' to score with.");
    }

    static ArmError scoringUnauthorized(String name, String authMode, boolean missing) {
        String how = switch (authMode) {
            case "Key" -> "one of its keys (POST .../listKeys)";
            case "AMLToken" -> "an unexpired token from POST .../token";
            default -> "an Entra access token";
        };
        return new ArmError("Unauthorized", (missing ? "The request has no Authorization header" : "The credential presented does not"
                + " open endpoint '" + name + "'") + ": send Authorization: Bearer with " + how + " (authMode " + authMode + ").");
    }

    static ArmError scoringEndpointNotReady(String name, String state) {
        return new ArmError("ServiceUnavailable", "Online endpoint '" + name + "' is " + state + ": it scores once it is Succeeded.");
    }

    static ArmError scoringNoTraffic(String name) {
        return new ArmError("NotFound", "No valid deployments to route to: online endpoint '" + name + "' has no deployment with positive"
                + " traffic. Set properties.traffic on the endpoint, or name a deployment in the azureml-model-deployment header.");
    }

    static ArmError scoringNoDeployment(String endpoint, String deployment) {
        return new ArmError("NotFound", "Online endpoint '" + endpoint + "' has no deployment '" + deployment + "' (header"
                + " azureml-model-deployment).");
    }

    static ArmError scoringDeploymentNotRunning(String deployment, String state) {
        return new ArmError("ServiceUnavailable", "Deployment '" + deployment + "' is " + state + ": it has no running instance to score"
                + " with.");
    }

    static ArmException scoringSetting(String field, String problem) {
        return new ArmException(400, new ArmError("InvalidRequestContent", "'" + field + "' " + problem + ".").withTarget(field));
    }

    static ArmException notAQuantity(String field, String value) {
        return badArgument("The value '" + value + "' of " + field + " is not a Kubernetes resource quantity: write CPU as cores or"
                + " millicores (\"1\", \"0.5\", \"500m\") and memory with a unit (\"2Gi\", \"512Mi\", \"1G\").");
    }

    // --- Kubernetes computes (an AKS cluster with the Azure ML extension)

    static ArmException kubernetesNeedsCluster() {
        return badArgument("A Kubernetes compute attaches a cluster that runs the Azure ML extension: properties.resourceId is required,"
                + " the id of the AKS cluster (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.ContainerService"
                + "/managedClusters/{name}). Azure Machine Learning does not create clusters for this compute type.");
    }

    static ArmException noAzureMlExtension(String cluster) {
        return badArgument("The cluster '" + cluster + "' has no Azure Machine Learning extension, which a Kubernetes compute needs."
                + " Install one first (extension type Microsoft.AzureML.Kubernetes, for example with az k8s-extension create"
                + " --extension-type Microsoft.AzureML.Kubernetes --cluster-type managedClusters --configuration-settings"
                + " enableInference=true inferenceRouterServiceType=LoadBalancer allowInsecureConnections=true), then attach again.");
    }

    static ArmException azureMlExtensionNotReady(String cluster, String extension, String state) {
        return badArgument("The Azure Machine Learning extension '" + extension + "' of the cluster '" + cluster + "' is in provisioning"
                + " state '" + state + "': a Kubernetes compute attaches once it is Succeeded. "
                + (state.equals("Failed") ? "Read its properties.errorInfo, fix its configuration settings and update it."
                : "Wait for its operation to finish."));
    }

    static ArmException invalidNamespace(String value) {
        return badArgument("The value '" + value + "' of properties.properties.namespace is not a Kubernetes namespace name: 1 to 63"
                + " lower-case letters, digits and '-', starting and ending with a letter or digit.");
    }

    static ArmException defaultInstanceTypeNotListed(String name, java.util.Collection<String> listed) {
        return badArgument("properties.properties.defaultInstanceType '" + name + "' is not one of properties.properties.instanceTypes ("
                + String.join(", ", listed) + "): name one of them, or add it.");
    }

    static ArmException instanceTypeNotAnObject(String name) {
        return badArgument("properties.properties.instanceTypes." + name + " must be an object: {\"nodeSelector\": {...} or null,"
                + " \"resources\": {\"requests\": {\"cpu\": \"1\", \"memory\": \"4Gi\"}, \"limits\": {...}}}.");
    }

    static ArmException computeTypeCannotChange(String name, String current, String requested) {
        return badArgument("Compute '" + name + "' is of type '" + current + "': properties.computeType cannot change (got '" + requested
                + "'). Detach it and attach the cluster again under the new type.");
    }

    static ArmException namespaceCannotChange(String name, String current, String requested) {
        return badArgument("The namespace of compute '" + name + "' is '" + current + "' and cannot change (got '" + requested + "'): to"
                + " move its workloads, detach it and attach the cluster again with the new namespace.");
    }

    static ArmException operationNotForAks() {
        return badArgument("This operation applies to compute types AmlCompute and ComputeInstance, which this emulator does not serve;"
                + " an AKS compute changes through PUT (properties.properties.agentCount) only.");
    }

    static ArmException actionRequired() {
        return badArgument("The query parameter 'underlyingResourceAction' is required: 'Delete' removes the compute and deletes the AKS"
                + " cluster Azure Machine Learning created for it; 'Detach' removes the compute from the workspace and leaves the cluster"
                + " as it is.");
    }

    // --- workspaces

    static ArmException workspaceNotReady(String name, String state) {
        return conflict("Workspace '" + name + "' is in provisioning state '" + state + "'; computes can be created, attached or changed"
                + " once it is 'Succeeded'.");
    }

    static ArmException workspacePropertyFixed(String field, String current, String requested) {
        return badArgument("The workspace property '" + field + "' cannot be changed once the workspace exists (it is '" + current
                + "', the request has '" + requested + "'). Create a new workspace instead.");
    }

    static ArmException workspacePropertyNotPatchable(String field) {
        return badArgument("The workspace property '" + field + "' cannot be changed with PATCH. Updatable properties: description,"
                + " friendlyName, imageBuildCompute, containerRegistry, publicNetworkAccess, primaryUserAssignedIdentity, v1LegacyMode.");
    }

    /** A workspace is made around its storage, key vault and Application Insights: none is invented. */
    static ArmException missingDependencies(List<String> fields) {
        return badArgument("Missing dependent resources in workspace json: " + String.join(", ", fields) + ". A workspace needs the ids"
                + " of an existing storage account (Microsoft.Storage/storageAccounts), key vault (Microsoft.KeyVault/vaults) and"
                + " Application Insights component (Microsoft.Insights/components); create them first.");
    }

    static ArmException dependencyNotFound(String field, String value, String type) {
        return badArgument("The " + type + " '" + value + "' named by 'properties." + field + "' does not exist. Create it first, or name"
                + " one that does.");
    }

    static ArmException notAnAssociatedResource(String field, String value, String type) {
        return badArgument("The value '" + value + "' of 'properties." + field + "' is not the ARM id of a " + type
                + " resource (/subscriptions/{id}/resourceGroups/{rg}/providers/" + type + "/{name}).");
    }

    // --- creating a cluster (C1, C2, V2, L4, L6, L7, L8)

    /** V2. */
    static ArmException versionNotChoosable(String defaultVersion, String field) {
        return badArgument("Azure Machine Learning creates AKS clusters on the default Kubernetes version of the catalog in force ("
                + defaultVersion + " now); a version cannot be chosen (properties.properties." + field + "). To run another version,"
                + " create the cluster in AKS (az aks create --kubernetes-version) and attach it.");
    }

    /** L4. */
    static ArmException privateClusterNotCreatable() {
        return badArgument("A private AKS cluster cannot be created through Azure Machine Learning (enablePrivateCluster). Create it in"
                + " AKS first (az aks create --enable-private-cluster) and attach it (PUT the compute with properties.resourceId set to the"
                + " cluster's id).");
    }

    static ArmException agentCountNotPositive(long count) {
        return badArgument("Invalid configuration, agent count must be a positive integer (properties.properties.agentCount is " + count
                + ").");
    }

    /** L6: a VM size the region offers. */
    static ArmException vmSizeNotOffered(String name, String region, String offered) {
        return badArgument("The VM size '" + name + "' of 'properties.properties.agentVmSize' is not available in region '" + region
                + "'. Sizes available there: " + offered + ".");
    }

    /** L8: the vCPU arithmetic and the ways out. */
    static ArmException tooFewVcpus(String nodes, long vcpus, String purpose, int minimum, String verb, String ways) {
        return badArgument("Agent cores " + nodes + " = " + vcpus + " vCPUs. A cluster with purpose '" + purpose + "' should have at least "
                + minimum + " cores to operate, so it cannot be " + verb + ": " + ways + ".");
    }

    static ArmException clusterNotCreatable(String compute, String why) {
        return badArgument("Azure Machine Learning cannot create the AKS cluster for compute '" + compute + "': " + why);
    }

    /** C2: all four virtual network fields or none. */
    static ArmException networkIncomplete(String path, List<String> missing) {
        return badArgument("Invalid configuration, not all virtual net information provided: " + path + " lacks "
                + String.join(", ", missing) + ". To use a custom virtual network give subnetId, serviceCidr (e.g. 10.0.0.0/16),"
                + " dnsServiceIP (e.g. 10.0.0.10) and dockerBridgeCidr (e.g. 172.17.0.1/16).");
    }

    static ArmException notASubnetId(String value, String path) {
        return badArgument("The value '" + value + "' of '" + path + "' is not a subnet id: expected"
                + " /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}.");
    }

    static ArmException notAnAddress(String value, String path, boolean address, String example) {
        return badArgument("The value '" + value + "' of '" + path + "' is not " + (address ? "an IPv4 address" : "an IPv4 CIDR")
                + " (e.g. " + example + ").");
    }

    static ArmException dnsOutsideServiceRange(String dns, String service, String path) {
        return badArgument("The DNS service address '" + dns + "' (" + path + ".dnsServiceIP) must lie inside the service address range '"
                + service + "' (" + path + ".serviceCidr), e.g. the tenth address of it.");
    }

    static ArmException dnsOnReservedAddress(String dns, String service, String path) {
        return badArgument("The DNS service address '" + dns + "' (" + path + ".dnsServiceIP) cannot be the network address, the first"
                + " address (Kubernetes' own service) or the broadcast address of '" + service + "'.");
    }

    static ArmException bridgeOverlapsServices(String bridge, String service, String path) {
        return badArgument("The docker bridge range '" + bridge + "' (" + path + ".dockerBridgeCidr) overlaps the service address range '"
                + service + "' (" + path + ".serviceCidr); choose ranges that do not overlap, e.g. 172.17.0.1/16 and 10.0.0.0/16.");
    }

    static ArmException sslIncomplete(String path) {
        return badArgument("Invalid configuration, not all ssl information provided. To enable SSL validation please provide the cname,"
                + " cert pem file, and key pem file (" + path + ".cname, .cert and .key).");
    }

    static ArmException sslLeafWithCertificate(String path) {
        return badArgument("Invalid configuration. When cname, cert pem file, and key pem file is provided, leaf domain label should"
                + " not be provided (" + path + ".leafDomainLabel).");
    }

    static ArmException sslNeedsCertificateOrLeaf(String path, String status) {
        return badArgument("Invalid configuration: " + path + ".status '" + status + "' needs either a certificate (cname, cert and key)"
                + " or a leafDomainLabel for a Microsoft certificate.");
    }

    static ArmException sslOverwriteWithoutLeaf(String path) {
        return badArgument("Invalid configuration. Overwrite existing domain only applies to leaf domain label (" + path
                + ".overwriteExistingDomain).");
    }

    // --- attaching a cluster (A1-A6, V3-V5, L3)

    static ArmException notAClusterId(String resourceId) {
        return badArgument("Invalid resource_id provided: '" + resourceId + "' (properties.resourceId) is not the id of an AKS cluster."
                + " Expected /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}, as"
                + " 'az aks show -n NAME -g RG --query id' prints it.");
    }

    static ArmException clusterToAttachNotFound(String name, String group, String subscription) {
        return badArgument("The AKS cluster '" + name + "' (properties.resourceId) was not found in resource group '" + group
                + "' of subscription '" + subscription + "'. Create it first (az aks create) or check the id (az aks show -n NAME -g RG"
                + " --query id).");
    }

    static ArmException clusterStopped(String name) {
        return conflict("The AKS cluster '" + name + "' is stopped; start it (az aks start) and attach it again.");
    }

    static ArmException clusterStillCreating(String name, String group) {
        return conflict("The AKS cluster '" + name + "' is still being created (provisioningState Creating); attach it once it is"
                + " Succeeded (az aks wait --created -n " + name + " -g " + group + ").");
    }

    static ArmException clusterUnusable(String name, String state) {
        return badArgument("The AKS cluster '" + name + "' is in provisioning state '" + state + "' and cannot be attached; repair it (az"
                + " aks update) or create a new one.");
    }

    static ArmException clusterBeingDeleted(String name) {
        return conflict("The AKS cluster '" + name + "' is being deleted and cannot be attached.");
    }

    static ArmException clusterBusy(String name, String state) {
        return conflict("The AKS cluster '" + name + "' is in provisioning state '" + state + "'; attach it once its operation has"
                + " finished.");
    }

    /** V4: the versions the catalog in force supports. */
    static ArmException versionNotSupported(String version, String lowest, String highest, String listed, String cluster) {
        return badArgument("Specified kubernetes version " + version + " is not supported. Supported versions are between [" + lowest
                + " - " + highest + "]: " + listed + ". Upgrade cluster '" + cluster + "' to one of them (az aks upgrade) and attach it"
                + " again.");
    }

    /** L3: the Azure ML control-plane ranges the cluster's authorized ranges miss, of its region and the paired one. */
    static ArmException authorizedRangesMissAzureMl(String cluster, String region, String pair, List<String> missRegion,
                                                  List<String> missPair) {
        return badArgument("The AKS cluster '" + cluster + "' limits its API server to authorized IP ranges that do not include the Azure"
                + " Machine Learning control plane, so inference pods could not be deployed to it. The control plane runs in region '"
                + region + "' and its paired region '" + pair + "'; add these ranges to apiServerAccessProfile.authorizedIPRanges (az"
                + " aks update --api-server-authorized-ip-ranges) and attach again. Missing for " + region + ": "
                + (missRegion.isEmpty() ? "none" : String.join(", ", missRegion)) + ". Missing for " + pair + ": "
                + (missPair.isEmpty() ? "none" : String.join(", ", missPair)) + ".");
    }

    /** A3: what an earlier attachment reports once the same cluster was attached again. */
    static ArmError attachmentSuperseded(String clusterId, String compute, String workspace, String group, Instant at, String earlier) {
        return new ArmError("AttachmentSuperseded", "The AKS cluster '" + clusterId + "' was attached again, as compute '" + compute
                + "' of workspace '" + workspace + "' (resource group '" + group + "'), at " + at + ". Each new attachment breaks the"
                + " earlier ones, so compute '" + earlier + "' no longer works. Detach it (underlyingResourceAction=Detach).");
    }

    // --- changing, reading and deleting a compute (A4, C1, D1, L9)

    static ArmException computeBusy(String name, String state) {
        return conflict("Compute '" + name + "' is in provisioning state '" + state + "': another operation on it is in progress. Wait for"
                + " it to finish (GET the compute until provisioningState is Succeeded or Failed).");
    }

    static ArmException computeNotUsableYet(String name, String state) {
        return conflict("Compute '" + name + "' is in provisioning state '" + state + "'; its keys and nodes are available once it is"
                + " Succeeded.");
    }

    static ArmException failedComputeCannotChange(String name) {
        return badArgument("Compute '" + name + "' is in provisioning state 'Failed' (see its provisioningErrors) and cannot be changed."
                + " Delete it (underlyingResourceAction=Detach, or Delete for a cluster Azure ML created) and create or attach it again.");
    }

    /** L6, L9. */
    static ArmException vmSizeCannotChange(String current, String requested, boolean attached) {
        return badArgument("The VM size of an AKS compute cannot be changed ('" + current + "' to '" + requested + "'): only the node count"
                + " (properties.properties.agentCount) can. To serve on another VM size (a GPU or FPGA size, for example) create a cluster"
                + " with that size" + (attached ? " and attach it" : "") + "; adding a node pool of it to this cluster does not make Azure"
                + " Machine Learning serve from it.");
    }

    /** A4. */
    static ArmException purposeCannotChange(String name, String current, String requested) {
        return badArgument("The cluster purpose of compute '" + name + "' is '" + current + "' and cannot be changed to '" + requested
                + "'. Detach the compute and attach the cluster again with the new purpose.");
    }

    /** A4. */
    static ArmException networkingCannotChange(String name, boolean attached) {
        return badArgument("The networking (properties.properties.aksNetworkingConfiguration) of compute '" + name + "' cannot be"
                + " changed: its cluster's network is fixed." + (attached ? detachAndAttach() : " Delete the compute and create it again"
                + " with the new virtual network."));
    }

    /** A4. */
    static ArmException loadBalancerCannotChange(String name) {
        return badArgument("The load balancer settings of attached compute '" + name + "' cannot be changed." + detachAndAttach());
    }

    /** A4. */
    static ArmException tlsCannotChange(String name) {
        return badArgument("The TLS settings (properties.properties.sslConfiguration) of attached compute '" + name + "' cannot be"
                + " changed." + detachAndAttach());
    }

    static ArmException clusterBusyForScale(String cluster, String compute, String state) {
        return conflict("The AKS cluster '" + cluster + "' of compute '" + compute + "' is in provisioning state '" + state + "'; scale it"
                + " once its operation has finished.");
    }

    /** D1: Delete is for clusters Azure ML created. */
    static ArmException cannotDeleteAttachedCluster(String compute, String cluster) {
        return badArgument("Compute '" + compute + "' was attached: its AKS cluster '" + cluster + "' was not created by Azure Machine"
                + " Learning, so underlyingResourceAction=Delete cannot delete it and nothing was changed. Use"
                + " underlyingResourceAction=Detach to remove the compute from the workspace; delete the cluster itself through AKS (az"
                + " aks delete).");
    }

    /** C1: what a compute whose cluster is gone reports. */
    static ArmError clusterGone(String cluster, String compute) {
        return new ArmError("ComputeResourceNotFound", "The AKS cluster '" + cluster + "' behind compute '" + compute + "' no longer"
                + " exists: it or its resource group was deleted (or it was deleted and created again). Models cannot be deployed to this"
                + " compute. Delete the compute (underlyingResourceAction=Detach), then create a new cluster or attach an existing one.");
    }

    static ArmError extensionGone(String cluster, String compute) {
        return new ArmError("ComputeResourceNotFound", "The Azure Machine Learning extension of the cluster '" + cluster + "' behind"
                + " compute '" + compute + "' was removed: nothing on the cluster runs Azure ML's workloads any more. Install the extension"
                + " again (extension type Microsoft.AzureML.Kubernetes), then detach this compute and attach the cluster again.");
    }

    static ArmError clusterProvisioningFailed(String cluster, String state) {
        return new ArmError("ClusterProvisioningFailed", "The AKS cluster '" + cluster + "' ended in provisioning state '" + state + "'.");
    }

    private static String detachAndAttach() {
        return " To change it, detach the compute (underlyingResourceAction=Detach) and attach the cluster again with the new settings.";
    }
}
