package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Preconditions;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lro;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** The four verbs online endpoints and online deployments answer alike, each a long-running operation on the virtual clock. */
interface LongRunningVerbs {

    Written put(ResourceId id, ObjectNode body, Preconditions pre, String apiVersion);

    Written patch(ResourceId id, ObjectNode body, String apiVersion);

    String get(ResourceId id);

    /** The operation deleting it, or null when there is nothing to delete. */
    Operation delete(ResourceId id, Preconditions pre, String apiVersion);

    /** A DELETE repeated while the first runs gets that one; any other operation running makes it {@code busy}. */
    static Optional<Operation> deleteInFlight(OperationService operations, Handle h, ResourceId id, String deleteKind,
                                              Supplier<ArmException> busy) {
        Optional<Operation> running = operations.running(h, id.key());
        if (running.isPresent() && !running.get().kind().equals(deleteKind)) {
            throw busy.get();
        }
        return running;
    }

    /** HTTP in and out for the four verbs, with the service's LRO shapes: PUT by Azure-AsyncOperation, PATCH and DELETE by Location. */
    final class Handler {

        private final LongRunningVerbs service;
        private final Function<ArmCall, ResourceId> id;
        private final Lro lro;

        Handler(LongRunningVerbs service, Function<ArmCall, ResourceId> id, Lro lro) {
            this.service = service;
            this.id = id;
            this.lro = lro;
        }

        void put(ArmCall call) {
            service.put(id.apply(call), call.bodyObject(), call.preconditions(), call.apiVersion()).answerPut(call, lro);
        }

        void patch(ArmCall call) {
            service.patch(id.apply(call), call.bodyObject(), call.apiVersion()).answerPatch(call, lro);
        }

        void get(ArmCall call) {
            call.json(200, service.get(id.apply(call)));
        }

        void delete(ArmCall call) {
            lro.deleted(call, service.delete(id.apply(call), call.preconditions(), call.apiVersion()));
        }
    }
}
