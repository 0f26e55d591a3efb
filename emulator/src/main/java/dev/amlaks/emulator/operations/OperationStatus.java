package dev.amlaks.emulator.operations;

/** The {@code status} of an ARM operation-status resource. */
public enum OperationStatus {
    InProgress, Succeeded, Failed, Canceled;

    public boolean isTerminal() {
        return this != InProgress;
    }
}
