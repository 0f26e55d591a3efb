-- Whether a resource is busy is now read from the operations table (an operation in progress on it),
-- so the row no longer records its owner.
alter table resources drop column operation_id;
