-- Every row the store's tables change is handed to the write-ahead log of the transaction that
-- changes it (dev.amlaks.emulator.store.WriteAheadLog), so H2 can write its file in the background.
create trigger wal_resources after insert, update, delete on resources for each row call 'dev.amlaks.emulator.store.WalTrigger';
create trigger wal_operations after insert, update, delete on operations for each row call 'dev.amlaks.emulator.store.WalTrigger';
create trigger wal_clock_state after insert, update, delete on clock_state for each row call 'dev.amlaks.emulator.store.WalTrigger';
