-- The generic listings (a group's or a subscription's resources, every type): keyset pages in
-- id order within a group or a subscription. These replace the single-column indexes, whose
-- uses (a group's cascade delete, a subscription's reset) the leading column still serves.
drop index ix_resources_group;
drop index ix_resources_sub;
create index ix_resources_group on resources (group_key, id_key);
create index ix_resources_sub on resources (subscription_key, id_key);
