package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.providers.compute.QuotaExceeded;
import dev.amlaks.emulator.providers.policy.PolicyService;
import java.time.Instant;
import java.util.List;

/** Microsoft.ContainerService errors, in AKS's words where AKS has words (sources in the test that cites each). */
public final class AksErrors {

    static final String NAMING = "Please see https://aka.ms/aks-naming-rules for more details.";

    private AksErrors() {
    }

    private static ArmException bad(String code, String message, String target) {
        ArmError e = new ArmError(code, message);
        return new ArmException(400, target == null ? e : e.withTarget(target));
    }

    public static ArmException clusterNotFound(String name, String group) {
        return ArmException.notFound("ResourceNotFound", "The Resource 'Microsoft.ContainerService/managedClusters/" + name
                + "' under resource group '" + group + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    public static ArmException poolNotFound(String pool, String cluster, String group) {
        return ArmException.notFound("NotFound", "Agent pool '" + pool + "' was not found in managed cluster '" + cluster
                + "' under resource group '" + group + "'.");
    }

    static ArmException invalidClusterName(String name, String why) {
        return bad("InvalidParameter", "The value of parameter name is invalid. Error details: \"" + name
                + "\" managed cluster name is invalid because " + why + ". " + NAMING, "name");
    }

    static ArmException nodeResourceGroupTooLong(int length) {
        return bad("InvalidParameter", "The length of the node resource group name is too long. The maximum length is 80 and the"
                + " length of the value provided is " + length + ". " + NAMING, "name");
    }

    static ArmException invalidDnsPrefix(String prefix, String why) {
        return bad("InvalidParameter", "The value of parameter dnsPrefix is invalid. Error details: DNS prefix '" + prefix
                + "' is invalid. " + why + " " + NAMING, "dnsPrefix");
    }

    static ArmException invalidParameter(String parameter, String detail) {
        return bad("InvalidParameter", "The value of parameter " + parameter + " is invalid." + (detail == null ? "" : " Error details: "
                + detail + ".") + " " + NAMING, parameter);
    }

    static ArmException missingParameter(String parameter) {
        return bad("InvalidParameter", "Required parameter " + parameter + " is missing (null).", parameter);
    }

    static ArmException windowsPoolNameTooLong(String name) {
        return bad("WindowsAgentPoolNameTooLong", "Windows agent pool name can not be longer than 6 characters. Agent pool name: "
                + name + ".", "agentPoolProfile.name");
    }

    static ArmException countOutOfRange(long count, int min, int max) {
        return bad("InvalidParameter", "agentPoolProfile.count was " + count + ". It must be greater or equal to minCount:" + min
                + " and less than or equal to maxCount:" + max + ". If allowedMinCount was expected to be 0 but is 1: 1) The nodepool"
                + " is a VMAS pool. 2) api Version is less than 2020-03-01. 3) The node is a system pool.", "agentPoolProfile.count");
    }

    static ArmException vmSizeNotAllowed(String vmSize, String location, List<String> available) {
        return bad("BadRequest", "The VM size of " + vmSize + " is not allowed in your subscription in location '" + location
                + "'. The available VM sizes are '" + String.join(",", available) + "'", "vmSize");
    }

    static ArmException systemPoolSkuTooLow(String pool) {
        return bad("SystemPoolSkuTooLow", "System node pool must use VM sku with more than 2 cores and 4GB memory. Nodepool name: "
                + pool + ".", "agentPoolProfile.vmSize");
    }

    static ArmException systemPoolMustBeLinux(String pool) {
        return bad("SystemPoolMustBeLinux", "System node pool must use Linux as its OS type. Nodepool name: " + pool + ".",
                "agentPoolProfile.osType");
    }

    static ArmException mustHaveSystemPool() {
        return bad("MustDefineAtLeastOneSystemPool", "Must define at least one system pool.", "agentPoolProfiles");
    }

    static ArmException versionNotSupported(String version) {
        return bad("AgentPoolK8sVersionNotSupported", "Version " + version + " is not supported in this region. Please use"
                + " [az aks get-versions] command to get the supported version list in this region. For more information, please"
                + " check https://aka.ms/supported-version-list", "kubernetesVersion");
    }

    static ArmException upgradeNotAllowed(String from, String to, List<String> available) {
        return bad("OperationNotAllowed", "Upgrading Kubernetes version " + from + " to " + to + " is not allowed. Available upgrades: ["
                + String.join(" ", available) + "]. Please see https://aka.ms/aks-supported-k8s-ver for version details.", "kubernetesVersion");
    }

    static ArmException downgradeNotAllowed(String from, String to, List<String> available) {
        return bad("OperationNotAllowed", "Downgrading Kubernetes version " + from + " to " + to + " is not allowed. Available upgrades: "
                + String.join(",", available) + ". Please see https://aka.ms/aks-supported-k8s-ver for version details.", "kubernetesVersion");
    }

    static ArmException poolUpgradeSkipsMinor(String from, String to) {
        return bad("AgentPoolUpgradeVersionNotAllowed", "Upgrade agent pool version from " + from + " to " + to + " is not allowed,"
                + " you can only upgrade one minor version at a time. Please use [az aks get-upgrades] command to get the supported"
                + " upgrade paths. For more information, please check https://aka.ms/version-skew-policy", "orchestratorVersion");
    }

    static ArmException poolNewerThanControlPlane(String pool, String control) {
        return bad("NodePoolMcVersionIncompatible", "Node pool version " + pool + " and control plane version " + control
                + " are incompatible. Minor version of node pool version " + minor(pool) + " is bigger than control plane version "
                + minor(control) + ". For more information, please check https://aka.ms/version-skew-policy", "orchestratorVersion");
    }

    static ArmException poolTooFarBehind(String pool, String control, int maxBehind) {
        return bad("NodePoolMcVersionIncompatible", "Node pool version " + pool + " and control plane version " + control
                + " are incompatible. Minor version of node pool cannot be more than " + maxBehind + " versions less than control plane's"
                + " version. Minor version of node pool is " + minor(pool) + " and control plane is " + minor(control)
                + ". For more information, please check https://aka.ms/version-skew-policy", "orchestratorVersion");
    }

    static ArmException authorizedRangesNeedStandardLb(List<String> ranges) {
        return bad("BadRequest", "Setting apiServerAuthorizedIPRanges [" + String.join(" ", ranges) + "] is not allowed with basic load"
                + " balancer. Please recreate cluster with standard load balancer. Refer to https://aka.ms/aks/whitelist for more details",
                "apiServerAccessProfile.authorizedIPRanges");
    }

    static ArmException privateClusterNeedsStandardLb() {
        return bad("PrivateClusterNotSupportedWithBasicLoadBalancer", "Private cluster is not supported with basic load balancer."
                + " Please use standard load balancer. Refer to https://aka.ms/aks/private-cluster for more details",
                "networkProfile.loadBalancerSku");
    }

    static ArmException authorizedRangesOnPrivateCluster() {
        return bad("BadRequest", "API server authorized IP ranges are not supported on private clusters: the API server has no"
                + " public endpoint to restrict. Refer to https://aka.ms/aks/private-cluster for more details",
                "apiServerAccessProfile.authorizedIPRanges");
    }

    static ArmException udrNeedsSubnet(String pool) {
        return bad("AgentPoolsWithEmptySubnetError", "outboundType userDefinedRouting needs every agent pool in a subnet whose route"
                + " table sends egress through your firewall, but agent pool '" + pool + "' names no vnetSubnetID.",
                "agentPoolProfile.vnetSubnetID");
    }

    static ArmException propertyChange(String property) {
        return bad("PropertyChangeNotAllowed", "Changing property '" + property + "' is not allowed.", property);
    }

    static ArmException privateClusterChange() {
        return bad("PropertyChangeNotAllowed", "Changing enablePrivateCluster is not allowed. It can only be set while creating the"
                + " cluster.", "apiServerAccessProfile.enablePrivateCluster");
    }

    static ArmException poolAddedThroughCluster() {
        return bad("BadRequest", "A new agent pool was introduced. Adding agent pools to an existing cluster is not allowed through"
                + " managed cluster operations. For agent pool specific change, please use per agent pool operations:"
                + " https://aka.ms/agent-pool-rest-api", "agentPoolProfiles");
    }

    static ArmException poolRemovedThroughCluster(String pool) {
        return bad("BadRequest", "Agent pool '" + pool + "' is missing from agentPoolProfiles. Deleting agent pools is not allowed"
                + " through managed cluster operations. For agent pool specific change, please use per agent pool operations:"
                + " https://aka.ms/agent-pool-rest-api", "agentPoolProfiles");
    }

    static ArmException lastSystemPool() {
        return bad("OperationNotAllowed", "There has to be at least one system agent pool.", null);
    }

    static ArmException lastPool() {
        return bad("OperationNotAllowed", "There has to be at least one agent pool.", null);
    }

    static ArmException nodeResourceGroupExists(String group, String subscription) {
        return bad("NodeResourceGroupAlreadyExists", "Node resource group '" + group + "' under subscription '" + subscription
                + "' already exists, please provide a new one.", "nodeResourceGroup");
    }

    static ArmException nodeResourceGroupSameAsGroup(String group) {
        return bad("NodeResourceGroupSameAsResourceGroup", "Node resource group '" + group + "' is the same as ResourceGroup '" + group
                + "', which is not allowed, please provide a different node resource group.", "nodeResourceGroup");
    }

    static ArmException notRunning(String state, String power, String verb) {
        return bad("OperationNotAllowed", "managed cluster is in Provisioning State(" + state + ") and Power State(" + power + "), "
                + verb + " cannot be performed", null);
    }

    static ArmException alreadyStopped(Instant since) {
        return bad("OperationNotAllowed", "managed cluster is not currently running, stopping cannot be performed; The stop operation"
                + " started at '" + since + "'.", null);
    }

    static ArmException poolOperationRunning(String pool, String state) {
        return ArmException.conflict("OperationNotAllowed", "Operation is not allowed: Another agentpool operation (" + pool + " - "
                + state + ") is in progress, please wait for it to finish before starting a new operation. See"
                + " https://aka.ms/aks-pending-operation for more details");
    }

    static ArmException nothingToAbort(String name) {
        return ArmException.conflict("OperationNotAllowed", "There is no operation in progress on '" + name
                + "' to abort: it has completed, or none was started.");
    }

    /** AKS's preflight answer to a create, scale or pool add that would exceed a Compute quota. */
    static QuotaRefusal quotaExceeded(String cluster, String nodeResourceGroup, QuotaExceeded q) {
        return new QuotaRefusal(quotaError(cluster, nodeResourceGroup, q));
    }

    static ArmError quotaError(String cluster, String nodeResourceGroup, QuotaExceeded q) {
        return new ArmError("QuotaExceeded", "Preflight validation check for resource(s) for container service " + cluster
                + " in resource group " + nodeResourceGroup + " failed. Message: " + q.computeMessage() + " Details: ");
    }

    private static String minor(String version) {
        String[] p = version.split("\\.");
        return p.length > 1 ? p[1] : version;
    }

    /** A create refused by a policy assignment denying the public IP its load balancer needs. */
    static ArmError disallowedByPolicy(ManagedCluster c, ResourceId ip, PolicyService.Assignment a) {
        ObjectNode identifiers = Json.object();
        identifiers.putObject("policyAssignment").put("name", a.displayName()).put("id", a.id());
        identifiers.putObject("policyDefinition").put("name", "Not allowed resource types").put("id", PolicyService.DEFINITION_ID);
        String ids = "[" + identifiers + "]";
        return new ArmError("RequestDisallowedByPolicy", "Provisioning of resource(s) for container service " + c.id().name()
                + " in resource group " + c.nodeResourceGroup() + " failed. Message: Resource '" + ip.name()
                + "' was disallowed by policy. Policy identifiers: '" + ids + "'. The cluster's outbound type 'loadBalancer' needs a"
                + " public IP address (" + PolicyService.PUBLIC_IP_TYPE + "); use outboundType 'userDefinedRouting' with egress"
                + " through a firewall, or exempt the scope from policy assignment '" + a.name() + "'.").withTarget(ip.toString());
    }

    /** Why operations an abort cancels end. */
    static ArmError abortedBy(String cluster) {
        return new ArmError("OperationCanceled", "The operation was canceled by an abort (POST .../abort) on managed cluster '"
                + cluster + "'.");
    }

    /** A pool's vnetSubnetID names a subnet that is not there. */
    static ArmException subnetNotFound(ResourceId subnet) {
        ResourceId vnet = subnet.parent();
        return bad("SubnetNotFound", "Could not find subnet " + subnet.name() + " in vnet " + vnet.name() + " from resource group "
                + subnet.resourceGroup() + " of subscription " + subnet.subscriptionId() + ". Create it first (az network vnet subnet"
                + " create), or name an existing subnet in agentPoolProfile.vnetSubnetID.", "agentPoolProfile.vnetSubnetID");
    }

    static ArmException subnetInOtherRegion(String subnet, String subnetLocation, String location) {
        return bad("InvalidParameter", "The subnet " + subnet + " is in region '" + subnetLocation + "' but the cluster is in '" + location
                + "': a cluster's subnets must be in its own region.", "agentPoolProfile.vnetSubnetID");
    }

    static ArmException serviceCidrOverlapsSubnet(String serviceCidr, String subnetCidr) {
        return bad("ServiceCidrOverlapExistingSubnetsCidr", "The specified service CIDR " + serviceCidr + " is conflicted with an existing"
                + " subnet CIDR " + subnetCidr + ". Choose a networkProfile.serviceCidr outside the cluster's subnets (and a dnsServiceIP"
                + " inside it).", "networkProfile.serviceCidr");
    }

    static ArmException routeTableNotAssociated(String subnet) {
        return bad("ExistingRouteTableNotAssociatedWithSubnet", "An existing route table has not been associated with subnet " + subnet
                + ". Please update the route table association: outboundType userDefinedRouting sends egress through the subnet's"
                + " route table (az network vnet subnet update --route-table).", "agentPoolProfile.vnetSubnetID");
    }
}
