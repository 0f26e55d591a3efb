package dev.amlaks.emulator.providers.network;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import java.util.List;

/** Every refusal Microsoft.Network answers, named once, in the network's own words where they are known. */
final class NetworkErrors {

    private NetworkErrors() {
    }

    static ArmException invalidName(String name) {
        return ArmException.badRequest("InvalidResourceName", "Resource name " + name + " is invalid. The name can be up to 80 characters"
                + " long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain"
                + " word characters or '.', '-', '_'.");
    }

    static ArmException notFound(String type, String name, String group) {
        return ArmException.notFound("ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource group '" + group
                + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    static ArmException childNotFound(String kind, String name, String parentKind, String parent) {
        return ArmException.notFound("NotFound", "Resource " + name + " (" + kind + ") of " + parentKind + " " + parent + " not found.");
    }

    static ArmException missing(String field, String example) {
        return new ArmException(400, new ArmError("InvalidRequestFormat", "Cannot parse the request: '" + field + "' is required, for"
                + " example " + example + ".").withTarget(field));
    }

    static ArmException invalidPrefix(String field, String value) {
        return new ArmException(400, new ArmError("InvalidAddressPrefixFormat", "Address prefix " + value + " of " + field
                + " is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.").withTarget(field));
    }

    static ArmException hostBitsSet(String field, String value, String canonical) {
        return new ArmException(400, new ArmError("NetcfgInvalidIPAddressPrefix", "IP address prefix " + value + " of " + field
                + " is invalid: its host bits are set. Use the network address, " + canonical + ".").withTarget(field));
    }

    static ArmException addressSpacesOverlap(String a, String b) {
        return new ArmException(400, new ArmError("VnetAddressSpacesOverlap", "Address prefixes " + a + " and " + b
                + " of the virtual network overlap; each address prefix must be a separate range.")
                .withTarget("properties.addressSpace.addressPrefixes"));
    }

    static ArmException subnetOutsideVnet(String subnet, String prefix, String vnet, List<String> space) {
        return new ArmException(400, new ArmError("NetcfgSubnetRangeOutsideVnet", "Subnet '" + subnet + "' is not valid because its IP"
                + " address range " + prefix + " is outside the IP address range of virtual network '" + vnet + "' ("
                + String.join(", ", space) + ").").withTarget("properties.addressPrefix"));
    }

    static ArmException subnetsOverlap(String subnet, String prefix, String other, String vnet) {
        return new ArmException(400, new ArmError("NetcfgSubnetRangesOverlap", "Subnet '" + subnet + "' is not valid in virtual network '"
                + vnet + "' because its IP address range " + prefix + " overlaps with that of an existing subnet '" + other + "'.")
                .withTarget("properties.addressPrefix"));
    }

    static ArmException duplicateSubnet(String name) {
        return new ArmException(400, new ArmError("DuplicateResourceName", "The request names subnet '" + name
                + "' more than once; subnet names in a virtual network are unique.").withTarget("properties.subnets"));
    }

    static ArmException referenceNotFound(String referenced, String by) {
        return ArmException.badRequest("InvalidResourceReference", "Resource " + referenced + " referenced by resource " + by
                + " was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.");
    }

    static ArmException subnetInUse(String subnet, String by) {
        return ArmException.badRequest("InUseSubnetCannotBeDeleted", "Subnet " + subnet + " is in use by " + by + " and cannot be deleted."
                + " In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.");
    }

    static ArmException subnetInUseCannotChange(String subnet, String by) {
        return new ArmException(400, new ArmError("InUseSubnetCannotBeUpdated", "Subnet " + subnet + " is in use by " + by
                + " and its address prefix cannot be changed. Delete the resources within the subnet first.")
                .withTarget("properties.addressPrefix"));
    }

    static ArmException routeTableInUse(String table, String subnet) {
        return ArmException.badRequest("InUseRouteTableCannotBeDeleted", "Route table " + table + " is in use by subnet " + subnet
                + " and cannot be deleted. In order to delete the route table, remove all references to it.");
    }

    static ArmException nextHopType(String value, List<String> allowed) {
        return new ArmException(400, new ArmError("InvalidNextHopType", "The next hop type '" + value + "' is not valid. Valid values are "
                + String.join(", ", allowed) + ".").withTarget("properties.nextHopType"));
    }

    static ArmException nextHopAddressRequired(String route) {
        return new ArmException(400, new ArmError("NextHopIpAddressRequired", "Route " + route + " has next hop type VirtualAppliance,"
                + " which needs properties.nextHopIpAddress: the IP address of the appliance, for example 10.0.2.4.")
                .withTarget("properties.nextHopIpAddress"));
    }

    static ArmException nextHopAddressNotAllowed(String route, String type) {
        return new ArmException(400, new ArmError("NextHopIpAddressNotAllowed", "Route " + route + " has next hop type " + type
                + ": properties.nextHopIpAddress is only allowed with VirtualAppliance.").withTarget("properties.nextHopIpAddress"));
    }

    static ArmException invalidIp(String field, String value) {
        return new ArmException(400, new ArmError("InvalidIPAddress", "'" + value + "' of " + field + " is not an IP address.")
                .withTarget(field));
    }

    static ArmException anotherOperation(String resource, String operationId) {
        return new ArmException(409, new ArmError("AnotherOperationInProgress", "Another operation on this or dependent resource is in"
                + " progress: operation " + operationId + " on " + resource + ". Retry the request after it completes."));
    }
}
