// A .cts file: `import x = require(...)`, and `rolegate/dom` for require too.
import rolegate = require('rolegate');
import client = require('rolegate/client');
import modjo = require('../../../www/orgs/modjo.json');
import type { RolegateIds } from './generated/modjo.js';

const gate: rolegate.Rolegate<RolegateIds> = rolegate.Rolegate.load<RolegateIds>(modjo);
const me: client.ClientGate<RolegateIds> = client.readSlice<RolegateIds>(gate.slice(modjo.org.users[0]!.id));
// @ts-expect-error: no such permission
me.can('calls.recrod');

export = { gate, me };
