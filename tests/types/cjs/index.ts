// CommonJS: `import` here is `require('rolegate')`.
import { Rolegate, SnapshotError, type SnapshotJson } from 'rolegate';
import { readSlice, SliceError } from 'rolegate/client';
import jiminny from '../../../www/orgs/jiminny.json';
import type { RolegateIds } from './generated/jiminny.js';

const snapshot: SnapshotJson = jiminny;
const gate = Rolegate.load<RolegateIds>(snapshot);
const allowed: boolean = gate.can('tom', 'calls.record');
// @ts-expect-error: no such permission
gate.can('tom', 'calls.recrod');
const client = readSlice<RolegateIds>(gate.slice('tom'));
// @ts-expect-error: no such permission
client.can('calls.recrod');
const errors = [SnapshotError, SliceError] as const;

// @ts-expect-error: not exported
import { Core } from 'rolegate';

export { allowed, errors };
export type { Core };
