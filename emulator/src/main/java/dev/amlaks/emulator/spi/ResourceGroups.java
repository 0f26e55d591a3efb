package dev.amlaks.emulator.spi;

import dev.amlaks.emulator.arm.ResourceId;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What a provider may do with resource groups, in its own transaction: require that the group it
 * creates a resource in exists and is not being deleted, and create or remove a group its resource
 * manages (an AKS cluster's node resource group). Implemented by the Microsoft.Resources provider.
 */
public interface ResourceGroups {

    /** @throws dev.amlaks.emulator.arm.ArmException 404 {@code ResourceGroupNotFound} or 409 {@code ResourceGroupBeingDeleted} */
    void requireActive(Handle h, ResourceId group);

    /** Creates {@code group}, managed by {@code managedBy} (it goes away with that resource). */
    void createManaged(Handle h, ResourceId group, String location, String managedBy, Map<String, String> tags);

    /** Removes a managed group and everything in it at once, cancelling what runs inside. */
    void deleteManaged(Handle h, ResourceId group, long at);
}
