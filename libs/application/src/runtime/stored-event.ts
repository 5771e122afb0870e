import type { EngineEvent, StartOptions } from '@app/engine';

/** What `instance_events` holds: the start (with its options) or an engine event. Replaying them gives the state. */
export type StoredEvent = { type: 'start'; options: StartOptions } | EngineEvent;
