-- The emulator's whole state: ARM resources, long-running operations, the virtual clock.
-- Portable SQL (H2 in PostgreSQL mode and PostgreSQL): no vendor-only syntax.

-- Every ARM resource (subscriptions, tenants, resource groups, provider resources), keyed by its
-- lower-cased id. body is the JSON a GET answers, stored as it is served.
create table resources (
    id_key             varchar(1024) not null primary key,
    id                 varchar(1024) not null,
    type_key           varchar(256)  not null,
    subscription_key   varchar(64)   not null,
    group_key          varchar(512),
    parent_key         varchar(1024) not null,
    name               varchar(256)  not null,
    location           varchar(64),
    body               text          not null,
    etag               varchar(64)   not null,
    provisioning_state varchar(32),
    operation_id       varchar(64),
    created_at         bigint        not null,
    updated_at         bigint        not null
);

-- Keyset paging: lists by parent (a group's resources, a cluster's pools) and by subscription.
create index ix_resources_parent on resources (type_key, parent_key, id_key);
create index ix_resources_subscription on resources (type_key, subscription_key, id_key);
-- Cascade delete of a resource group and reset of one subscription.
create index ix_resources_group on resources (group_key);
create index ix_resources_sub on resources (subscription_key);

-- Long-running operations. Outcome is a function of started_at, due_at and the virtual clock,
-- so a crash loses nothing: on restart the due ones settle.
create table operations (
    id               varchar(64)   not null primary key,
    kind             varchar(128)  not null,
    resource_key     varchar(1024),
    resource_id      varchar(1024),
    subscription_key varchar(64)   not null,
    group_key        varchar(512),
    namespace        varchar(128)  not null,
    location         varchar(64)   not null,
    method           varchar(8)    not null,
    api_version      varchar(32)   not null,
    status           varchar(16)   not null,
    started_at       bigint        not null,
    due_at           bigint        not null,
    ended_at         bigint,
    payload          text,
    planned_error    text,
    planned_status   integer,
    result           text,
    error            text,
    error_status     integer
);

create index ix_operations_due on operations (status, due_at);
create index ix_operations_resource on operations (resource_key);
create index ix_operations_group on operations (group_key);
create index ix_operations_sub on operations (subscription_key);

-- The virtual clock's high-water mark: after a restart virtual time continues from here.
create table clock_state (
    id             integer not null primary key,
    virtual_millis bigint  not null
);
insert into clock_state (id, virtual_millis) values (1, 0);
