-- Emulator-private state of a resource (never served): e.g. whether a managed cluster ever came up,
-- so the vCPU quota it holds can be summed from the live clusters themselves.
alter table resources add column internal text;
