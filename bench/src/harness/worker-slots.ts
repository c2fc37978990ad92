// The shared Int32 slots through which a bench's harness thread drives a worker thread that does
// network work (worker-thread.ts on the harness side, worker-counters.ts on the worker side).

/** Values of a worker's status slot: 0 while it starts. */
export const READY = 1;
export const FAILED = -1;

/** Slots of the operation protocol: operations asked for, operations done, the worker's status. */
export const REQUESTED = 0;
export const COMPLETED = 1;
export const OPERATION_STATUS = 2;
export const OPERATION_SLOTS = 3;
