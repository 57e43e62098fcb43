// A page: the full engine or the client one, and `rolegate/dom`, typed ids.
import { init, Rolegate } from 'rolegate';
import { loadSlice } from 'rolegate/client';
import { applyGates, installFailClosedStyle, FAIL_CLOSED_CSS, type GateHandle, type GateOptions } from 'rolegate/dom';
import spotio from '../../../www/orgs/spotio.json' with { type: 'json' };
import type { RolegateIds } from '../generated/spotio.js';

installFailClosedStyle(document);
await init({ wasm: new URL('/assets/rolegate_bg.wasm', location.href) });
const gate = Rolegate.load<RolegateIds>(spotio);
const me = gate.user('bob');
const options: GateOptions = { mode: 'disable', context: { team: 'east' }, observe: undefined };
const handle: GateHandle = applyGates(document, me, options);
// A typed ClientGate is a GateUser too.
const client = await loadSlice<RolegateIds>(await fetch('/slice').then((r) => r.arrayBuffer()));
// @ts-expect-error: no such permission
client.can('pins.vieww');
handle.update(client).stop();
applyGates(document.body, client, { mode: 'hide' });
// @ts-expect-error: modes are a closed set
applyGates(document, me, { mode: 'remove' });
const css: string = FAIL_CLOSED_CSS;

export { css };
