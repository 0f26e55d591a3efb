-- An operation may wait for another (an Azure ML compute for the AKS cluster it provisions): it is due
-- duration_ms after its prerequisite ends, and fails or is canceled with it.
alter table operations add column after_id varchar(64);
alter table operations add column duration_ms bigint;
create index ix_operations_after on operations (after_id);
